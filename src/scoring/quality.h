// The weights that turn a work's facts into ranking evidence. Pure functions,
// in one place so rank, orgs and the explanations agree and the numbers can be
// documented and tested. Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "graph/view.h"

namespace st::scoring {

// True for the flagship AI/ML venues (NeurIPS, ICML, ICLR, CVPR, ICCV, ECCV,
// ACL, EMNLP, NAACL, AAAI, IJCAI, COLM, JMLR, TPAMI, Nature, Science), matched
// case-insensitively on the venue name in either its short ("ICLR 2023") or
// OpenAlex long form ("Neural Information Processing Systems").
bool IsTopVenue(std::string_view venue_name);

// Accepted = not a rejected or withdrawn submission.
bool IsAccepted(const graph::WorkInfo& w);

// Quality multiplier of a work, >= 0.3:
//   (1 + 0.5 ln(1 + citations)) x 1.5 at a top venue x {oral 1.5, spotlight
//   1.25, award 2.0}; rejected / withdrawn submissions 0.3.
float WorkQuality(const graph::WorkInfo& w, bool top_venue);

// Recency multiplier in (0.5, 1]: 0.5 + 0.5 exp(-(now - year) / 8); 0.6 when
// the year is unknown.
float Recency(int year, int now_year);

// Author position: first and last (senior) authors 1.0, middle 0.6.
float PositionWeight(uint8_t position);

}  // namespace st::scoring

// The weights that turn a work's facts into ranking evidence. Pure functions,
// in one place so rank, orgs and the explanations agree and the numbers can be
// documented and tested. Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "graph/view.h"
#include "scoring/derived_format.h"

namespace st::scoring {

// True for the flagship AI/ML venues (NeurIPS, ICML, ICLR, CVPR, ICCV, ECCV,
// ACL, EMNLP, NAACL, AAAI, IJCAI, COLM, JMLR, TPAMI, Nature, Science), matched
// case-insensitively on the venue name in either its short ("ICLR 2023") or
// OpenAlex long form ("Neural Information Processing Systems").
bool IsTopVenue(std::string_view venue_name);

// Accepted = not a rejected or withdrawn submission.
bool IsAccepted(const graph::WorkInfo& w);

// A work's weight as ranking evidence: its impact value (impact.h: the
// citation percentile in its cohort, or the estimate for an unknown count),
// at least 0.1 so a relevant but little-cited paper still counts for a topic,
// times Recency. Rejected and withdrawn submissions weigh 0.05 x Recency
// (evidence of a topic, not of strength).
float WorkWeight(const format::WorkImpact& impact, int year, int now_year);

// Recency multiplier in (0.5, 1]: 0.5 + 0.5 exp(-(now - year) / 8); 0.6 when
// the year is unknown. (The CEO hires for what people do now; an older
// landmark still keeps at least half its weight.)
float Recency(int year, int now_year);

// Overall strength judges a person by their best work, not their volume: the
// works' contributions (weight x position) in descending order, the k-th
// (from 0) counted x kBestWorkDiscount^k — about their five best papers (sum
// of the factors: 5; the best five carry 67 % of the weight), as hiring and
// research assessment judge people by a handful of chosen outputs (the UK's
// REF asks for up to four, tenure cases for "your best five"), so a long tail
// of ordinary papers adds little. (Was 0.9, about ten papers: a prolific
// author's thirty estimated posters outweighed a few top-percentile papers.)
inline constexpr double kBestWorkDiscount = 0.8;
// Sorts `contributions` descending and returns their discounted sum.
double BestWorkSum(std::vector<float>& contributions);

// Author position: first and last (senior) authors 1.0, middle kMiddleAuthorWeight.
// What the known papers show: on three-author papers with a counted
// percentile, that percentile follows the middle author's track record (mean
// percentile of their other counted papers) 0.91 as strongly as the first
// author's on the full real corpus and 0.86 on its 2017-2020 part (OLS over
// the three records; `rank_eval rank G CSV --cells` prints it), so a middle
// authorship is not 0.6 of a first one. (Was 0.6, a convention. The same fit
// gives the last author 0.80 / 0.55 of the first, but last authors stay 1.0:
// lowering them made the proxy of later top papers worse, 44 -> 35 at 100.)
inline constexpr float kMiddleAuthorWeight = 0.9f;
float PositionWeight(uint8_t position);

}  // namespace st::scoring

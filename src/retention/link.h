// Linking a staff member to a talent-graph author from the evidence alone:
// the name (normalised; exact or compatible with initials), the organisation
// (the author's current one is the lab's), and co-authors who are other
// staff members. Each piece adds to a confidence in [0, 1] and is named in
// the reason; a near tie between two authors lowers it. A link at or above
// kStrongLink is suggested automatically; a person confirms or corrects it.
// Pure: the caller gathers the candidates from the graph.
#pragma once

#include <string>
#include <vector>

namespace st::retention {

inline constexpr double kStrongLink = 0.7;

struct AuthorCandidate {
  std::string author_id;  // the graph's author id, as text
  std::string name;
  std::string org;        // current organisation ("" = unknown)
  std::vector<std::string> coauthor_names;
};

struct LinkDecision {
  std::string author_id;  // "" = no candidate
  double confidence = 0;
  std::string reason;
  bool strong() const { return confidence >= kStrongLink; }
};

// `lab_orgs`: the lab's organisation names; `other_staff`: the names of the
// other staff members. Scores every candidate and returns the best.
LinkDecision DecideLink(const std::string& staff_name, const std::vector<AuthorCandidate>& candidates,
                        const std::vector<std::string>& lab_orgs, const std::vector<std::string>& other_staff);

}  // namespace st::retention

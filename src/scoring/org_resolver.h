// Resolves what a user types for --org ("DeepMind", "google", "Stanford") to
// the set of organisations in the graph it means. Pure: built from the list
// of distinct organisation names (GraphView::InstOrg values).
//
// Rules, in order (all case-, accent- and punctuation-insensitive; legal
// suffixes like "Inc"/"LLC" and a trailing "(United States)" are ignored):
//  1. Known families: "Google" means Google and everything under it (Google
//     DeepMind, DeepMind, Google Research, Google Brain, Alphabet); "DeepMind"
//     and "Google DeepMind" both mean the DeepMind org (either spelling);
//     "Meta"/"Facebook"/"FAIR" mean Meta incl. Facebook AI Research;
//     "Microsoft" includes Microsoft Research *; "MSR" too. See kFamilies.
//  2. Exact name, plus child organisations that start with the name followed
//     by a word ("Stanford" -> "Stanford University"; "Microsoft" ->
//     "Microsoft Research Asia"); the same for "University of <name>" and
//     "<name> University" ("Oxford" -> "University of Oxford") and for the
//     full names of short ones ("MIT", "CMU", "UC Berkeley", "ETH").
//  3. Otherwise every organisation containing the query as whole words.
// Thread-safe after construction (const).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace st::scoring {

// Lowercase, ASCII-folded, punctuation to spaces, legal suffixes and
// parenthesised country dropped, single spaces.
std::string NormalizeOrgName(std::string_view name);

class OrgResolver {
 public:
  explicit OrgResolver(std::vector<std::string> org_names);

  struct Resolution {
    std::vector<uint32_t> orgs;  // indexes into the names given, sorted
    std::string rule;            // "family google", "exact+children", "words"
  };
  // Empty `orgs` when nothing matches.
  Resolution Resolve(std::string_view query) const;

 private:
  std::vector<std::string> names_;
  std::vector<std::string> normalized_;
};

}  // namespace st::scoring

#include "scoring/org_resolver.h"

#include <algorithm>
#include <array>

#include "graph/orgs.h"
#include "scoring/tokenizer.h"

namespace st::scoring {
namespace {

struct Family {
  std::string_view name;
  // What the user may type for this family (normalised).
  std::vector<std::string_view> aliases;
  // Organisations that belong to it: equal to a member, or starting with a
  // member followed by a word ("google research india" under "google").
  std::vector<std::string_view> members;
};

// Why a table: corporate structure is not in the data (OpenAlex lists
// "Google DeepMind" and "Google" as unrelated institutions), and a recruiter
// typing "Google" expects DeepMind people too, while "DeepMind" must not pull
// in all of Google.
const std::vector<Family>& Families() {
  static const std::vector<Family> kFamilies = {
      {"deepmind", {"deepmind", "google deepmind", "deep mind"}, {"deepmind", "google deepmind"}},
      {"google", {"google", "alphabet", "google ai"},
       {"google", "alphabet", "deepmind", "google deepmind", "google brain", "google research"}},
      {"meta", {"meta", "facebook", "meta ai", "fair", "facebook ai research", "meta platforms"},
       {"meta", "facebook", "meta ai", "facebook ai research", "meta platforms"}},
      {"microsoft", {"microsoft", "msr", "microsoft research"}, {"microsoft"}},
      {"openai", {"openai", "open ai"}, {"openai"}},
      {"anthropic", {"anthropic"}, {"anthropic"}},
      {"nvidia", {"nvidia"}, {"nvidia"}},
      {"amazon", {"amazon", "aws", "amazon web services"}, {"amazon"}},
      {"apple", {"apple"}, {"apple"}},
      {"ibm", {"ibm", "ibm research"}, {"ibm"}},
  };
  return kFamilies;
}

bool StartsWithWord(std::string_view s, std::string_view prefix) {
  return s.size() > prefix.size() && s.substr(0, prefix.size()) == prefix && s[prefix.size()] == ' ';
}

bool ContainsWords(std::string_view s, std::string_view words) {
  for (size_t pos = s.find(words); pos != std::string_view::npos; pos = s.find(words, pos + 1)) {
    const bool left = pos == 0 || s[pos - 1] == ' ';
    const size_t end = pos + words.size();
    const bool right = end == s.size() || s[end] == ' ';
    if (left && right) return true;
  }
  return false;
}

}  // namespace

std::string NormalizeOrgName(std::string_view name) {
  // Drop a parenthesised suffix: "Google (United States)".
  if (!name.empty() && name.back() == ')') {
    size_t open = name.rfind('(');
    if (open != std::string_view::npos && open > 0) name = name.substr(0, open);
  }
  std::vector<std::string> words = SplitFolded(name);
  static constexpr std::array<std::string_view, 8> kLegal = {"inc", "llc", "ltd", "corp", "corporation",
                                                             "gmbh", "co", "limited"};
  while (words.size() > 1 && std::find(kLegal.begin(), kLegal.end(), words.back()) != kLegal.end())
    words.pop_back();
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

OrgResolver::OrgResolver(std::vector<std::string> org_names) : names_(std::move(org_names)) {
  normalized_.reserve(names_.size());
  for (const auto& n : names_) normalized_.push_back(NormalizeOrgName(n));
}

OrgResolver::Resolution OrgResolver::Resolve(std::string_view query) const {
  Resolution r;
  const std::string q = NormalizeOrgName(query);
  if (q.empty()) return r;
  for (const auto& family : Families()) {
    if (std::find(family.aliases.begin(), family.aliases.end(), q) == family.aliases.end()) continue;
    for (uint32_t i = 0; i < normalized_.size(); ++i) {
      for (std::string_view m : family.members) {
        if (normalized_[i] == m || StartsWithWord(normalized_[i], m)) {
          r.orgs.push_back(i);
          break;
        }
      }
    }
    // A family can be named in the data under its own exact spelling only.
    if (!r.orgs.empty()) {
      r.rule = "family " + std::string(family.name);
      return r;
    }
  }
  // The name itself, its known full names, and "<q> University" / "University
  // of <q>" ("Oxford" means the University of Oxford, not only "Oxford ...").
  std::vector<std::string> targets = {q};
  // Short and variant names of well-known universities: the graph's spelling.
  if (std::string_view known = graph::OrgMapper::KnownUniversity(query); !known.empty())
    targets.push_back(NormalizeOrgName(known));
  if (!ContainsWords(q, "university")) {
    targets.push_back("university of " + q);
    targets.push_back(q + " university");
  }
  for (uint32_t i = 0; i < normalized_.size(); ++i) {
    for (const std::string& t : targets) {
      if (normalized_[i] == t || StartsWithWord(normalized_[i], t)) {
        r.orgs.push_back(i);
        break;
      }
    }
  }
  if (!r.orgs.empty()) {
    r.rule = "exact+children";
    return r;
  }
  for (uint32_t i = 0; i < normalized_.size(); ++i) {
    if (ContainsWords(normalized_[i], q)) r.orgs.push_back(i);
  }
  if (!r.orgs.empty()) r.rule = "words";
  return r;
}

}  // namespace st::scoring

#include "graph/orgs.h"

#include <array>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/fs.h"
#include "base/names.h"

namespace st::graph {
namespace {

// E-mail domains of the labs recruiters ask about. Subdomains match too
// (research.google.com -> Google).
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kDomains = {{
    {"deepmind.com", "Google DeepMind"}, {"deepmind.google", "Google DeepMind"},
    {"google.com", "Google"}, {"openai.com", "OpenAI"}, {"anthropic.com", "Anthropic"},
    {"fb.com", "Meta"}, {"meta.com", "Meta"}, {"facebook.com", "Meta"},
    {"microsoft.com", "Microsoft"}, {"nvidia.com", "NVIDIA"}, {"apple.com", "Apple"},
    {"amazon.com", "Amazon"}, {"ibm.com", "IBM"}, {"baidu.com", "Baidu"},
    {"alibaba-inc.com", "Alibaba"}, {"tencent.com", "Tencent"}, {"bytedance.com", "ByteDance"},
    {"huawei.com", "Huawei"}, {"salesforce.com", "Salesforce"}, {"intel.com", "Intel"},
    {"adobe.com", "Adobe"}, {"x.ai", "xAI"}, {"mistral.ai", "Mistral AI"}, {"cohere.com", "Cohere"},
}};

// Words in an institution's name (folded), checked in order: the first match wins,
// so "Google DeepMind" is found before "Google".
constexpr std::array<std::pair<std::string_view, std::string_view>, 23> kNameRules = {{
    {"deepmind", "Google DeepMind"}, {"deep mind", "Google DeepMind"}, {"google brain", "Google"}, {"google", "Google"},
    {"openai", "OpenAI"}, {"anthropic", "Anthropic"}, {"facebook", "Meta"}, {"meta ai", "Meta"},
    {"meta platforms", "Meta"}, {"microsoft", "Microsoft"}, {"nvidia", "NVIDIA"},
    {"apple", "Apple"}, {"amazon", "Amazon"}, {"ibm", "IBM"}, {"baidu", "Baidu"},
    {"alibaba", "Alibaba"}, {"tencent", "Tencent"}, {"bytedance", "ByteDance"},
    {"huawei", "Huawei"}, {"salesforce", "Salesforce"}, {"adobe", "Adobe"},
    {"mistral ai", "Mistral AI"}, {"xai", "xAI"},
}};

// Names that are plainly academic (folded text): an author there writing from
// a company address is visiting or dual-affiliated; the place stays itself.
constexpr std::array<std::string_view, 12> kAcademicWords = {
    "univ", "college", "school", "ecole", "hochschule", "department", "academy", "polytechn",
    "institute of technology", "inria", "cnrs", "max planck",
};

// Paper lists name departments and places around the university
// ("Paul G. Allen School of CS&E, University of Washington", "Zhejiang
// University, Hangzhou, China"); the organisation is the part that names it.
constexpr std::array<std::string_view, 5> kOrgPartWords = {
    "univ", "institute of technology", "polytechn", "max planck institute", "college london",
};
// University systems whose campus follows after a comma.
constexpr std::array<std::string_view, 12> kUniversitySystems = {
    "university of california", "university of maryland", "university of texas", "university of illinois",
    "university of massachusetts", "university of north carolina", "university of colorado",
    "university of wisconsin", "university of london", "university of missouri", "university of hawaii",
    "university of minnesota",
};

// Universities the data spells many ways ("MIT", "Massachusetts Institute of
// Technology (MIT)", "Carnegie-Mellon University", "ETH Zürich"): one name
// each, found by the folded full name or a short name.
struct University {
  std::string_view name;
  std::vector<std::string_view> short_names;  // folded
};
const std::vector<University>& Universities() {
  static const std::vector<University> kUniversities = {
      {"Massachusetts Institute of Technology", {"mit"}},
      {"Carnegie Mellon University", {"cmu"}},
      {"University of California, Berkeley", {"uc berkeley", "ucb", "berkeley", "university of california berkeley"}},
      {"University of California, Los Angeles", {"ucla", "university of california los angeles"}},
      {"University of California, San Diego", {"ucsd", "uc san diego", "university of california san diego"}},
      {"University of California, Santa Barbara",
       {"ucsb", "uc santa barbara", "university of california santa barbara"}},
      {"University of Washington", {"uw"}},
      {"University of Illinois Urbana-Champaign",
       {"uiuc", "university of illinois urbana champaign", "university of illinois at urbana champaign"}},
      {"California Institute of Technology", {"caltech"}},
      {"Georgia Institute of Technology", {"georgia tech"}},
      {"New York University", {"nyu"}},
      {"University College London", {"ucl"}},
      {"ETH Zurich", {"eth", "eth zurich"}},
      {"EPFL", {"epfl", "ecole polytechnique federale de lausanne"}},
      {"KAIST", {"kaist", "korea advanced institute of science and technology"}},
      {"Hong Kong University of Science and Technology", {"hkust", "the hong kong university of science and technology"}},
      {"The Chinese University of Hong Kong", {"cuhk", "chinese university of hong kong"}},
  };
  return kUniversities;
}

// Folded full name or short name -> the university's one spelling, built once
// (KnownUniversity runs for every institution and every --org query).
const std::unordered_map<std::string, std::string_view>& UniversityByKey() {
  static const std::unordered_map<std::string, std::string_view> kByKey = [] {
    std::unordered_map<std::string, std::string_view> m;
    for (const University& u : Universities()) {
      m.emplace(FoldText(u.name), u.name);
      for (std::string_view s : u.short_names) m.emplace(s, u.name);
    }
    return m;
  }();
  return kByKey;
}

// The comma-separated part of `name` that names a university or institute
// (with its campus for university systems); "" when there is none or it is
// the whole name.
std::string_view OrgPart(std::string_view name) {
  if (name.find(',') == std::string_view::npos) return {};
  for (size_t begin = 0; begin < name.size();) {
    const size_t end = std::min(name.find(',', begin), name.size());
    const std::string_view part = TrimSpace(name.substr(begin, end - begin));
    const std::string folded = FoldText(part);
    bool names_org = false;
    for (std::string_view w : kOrgPartWords) names_org |= folded.find(w) != std::string::npos;
    names_org |= !OrgMapper::KnownUniversity(part).empty();  // "CSAIL, MIT, Cambridge, MA"
    if (names_org) {
      size_t stop = end;
      for (std::string_view system : kUniversitySystems)
        if (folded == system && end < name.size()) stop = std::min(name.find(',', end + 1), name.size());
      const std::string_view org = TrimSpace(name.substr(begin, stop - begin));
      return org.size() == TrimSpace(name).size() ? std::string_view() : org;
    }
    begin = end + 1;
  }
  return {};
}

std::string_view StripOpenAlexUrl(std::string_view id) {
  for (std::string_view prefix : {"https://openalex.org/", "http://openalex.org/"})
    if (id.substr(0, prefix.size()) == prefix) return id.substr(prefix.size());
  return id;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string OrgMapper::CanonicalOrg(std::string_view lab) {
  if (lab == "DeepMind") return "Google DeepMind";
  if (lab == "Nvidia") return "NVIDIA";
  return std::string(lab);
}

Status OrgMapper::LoadLabCsv(const std::string& path) {
  ST_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (Trim(line).empty()) continue;
    size_t comma = line.find(',');
    if (comma == std::string_view::npos)
      return Status::InvalidInput(path + ":" + std::to_string(line_no) +
                                  ": expected 'openalex_institution_id,lab'");
    std::string_view id = StripOpenAlexUrl(Trim(line.substr(0, comma)));
    std::string_view lab = Trim(line.substr(comma + 1));
    if (line_no == 1 && id == "openalex_institution_id") continue;  // header
    if (id.empty() || lab.empty())
      return Status::InvalidInput(path + ":" + std::to_string(line_no) + ": empty id or lab");
    by_openalex_id_[std::string(id)] = CanonicalOrg(lab);
  }
  return Status::Ok();
}

std::string_view OrgMapper::OrgForDomain(std::string_view domain) {
  while (!domain.empty()) {
    for (const auto& [d, org] : kDomains)
      if (domain == d) return org;
    size_t dot = domain.find('.');
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  return {};
}

std::string_view OrgMapper::KnownUniversity(std::string_view name) {
  // "Massachusetts Institute of Technology (MIT)": the bracket repeats the name.
  if (!name.empty() && name.back() == ')') {
    const size_t open = name.rfind('(');
    if (open != std::string_view::npos && open > 0) name = name.substr(0, open);
  }
  const auto& by_key = UniversityByKey();
  const auto it = by_key.find(FoldText(name));
  return it == by_key.end() ? std::string_view() : it->second;
}

std::string_view OrgMapper::OrgForEmailDomain(std::string_view domain) {
  std::string lower;
  for (char c : domain) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return OrgForDomain(lower);
}

// The institution's own name outranks an e-mail domain: "Google DeepMind"
// people often write from google.com, and a university's authors from a
// company address while visiting. The domain decides only for names no rule
// knows and that are not plainly academic ("WeChat AI" from tencent.com).
std::string OrgMapper::OrgFor(std::string_view openalex_id, std::string_view name,
                              std::string_view domain) const {
  if (!openalex_id.empty()) {
    auto it = by_openalex_id_.find(std::string(StripOpenAlexUrl(openalex_id)));
    if (it != by_openalex_id_.end()) return it->second;
  }
  // Whole-word match so "intelligence" never means Intel.
  std::string words = FoldText(name);
  for (const auto& [rule, org] : kNameRules) {
    for (size_t at = words.find(rule); at != std::string::npos; at = words.find(rule, at + 1)) {
      size_t end = at + rule.size();
      if ((at == 0 || words[at - 1] == ' ') && (end == words.size() || words[end] == ' '))
        return std::string(org);
    }
  }
  std::string_view part = OrgPart(name);
  if (std::string_view known = KnownUniversity(part.empty() ? name : part); !known.empty()) return std::string(known);
  if (!part.empty()) return std::string(part);
  for (std::string_view academic : kAcademicWords)
    if (words.find(academic) != std::string::npos) return {};
  return std::string(OrgForEmailDomain(domain));
}

}  // namespace st::graph

#include "graph/orgs.h"

#include <array>
#include <utility>

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

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The comma-separated part of `name` that names a university or institute
// (with its campus for university systems); "" when there is none or it is
// the whole name.
std::string_view OrgPart(std::string_view name) {
  if (name.find(',') == std::string_view::npos) return {};
  for (size_t begin = 0; begin < name.size();) {
    const size_t end = std::min(name.find(',', begin), name.size());
    const std::string_view part = TrimSpaces(name.substr(begin, end - begin));
    const std::string folded = FoldText(part);
    bool names_org = false;
    for (std::string_view w : kOrgPartWords) names_org |= folded.find(w) != std::string::npos;
    if (names_org) {
      size_t stop = end;
      for (std::string_view system : kUniversitySystems)
        if (folded == system && end < name.size()) stop = std::min(name.find(',', end + 1), name.size());
      const std::string_view org = TrimSpaces(name.substr(begin, stop - begin));
      return org.size() == TrimSpaces(name).size() ? std::string_view() : org;
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
  if (std::string_view part = OrgPart(name); !part.empty()) return std::string(part);
  for (std::string_view academic : kAcademicWords)
    if (words.find(academic) != std::string::npos) return {};
  return std::string(OrgForEmailDomain(domain));
}

}  // namespace st::graph

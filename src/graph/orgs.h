// OrgMapper: which organisation an institution belongs to ("Google DeepMind",
// "Meta", ...). Sources, strongest first: the lab CSV (OpenAlex institution id
// -> lab, e.g. ../shared/data/labs/lab_openalex_institutions.csv), the e-mail
// domain (deepmind.com -> Google DeepMind), then rules on the name's words.
// Thread-safety: const methods are safe after loading.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"

namespace st::graph {

class OrgMapper {
 public:
  // Loads "openalex_institution_id,lab" rows (ids as URL or bare). Errors name
  // the file and line.
  Status LoadLabCsv(const std::string& path);
  // The organisation for an institution, or "" when no rule applies.
  std::string OrgFor(std::string_view openalex_id, std::string_view name,
                     std::string_view domain) const;
  // The organisation an e-mail domain belongs to, or "" (OrgForDomain: the
  // domain already in lower case).
  static std::string_view OrgForDomain(std::string_view domain);
  static std::string_view OrgForEmailDomain(std::string_view domain);
  // Canonical spelling of a lab name ("DeepMind" -> "Google DeepMind").
  static std::string CanonicalOrg(std::string_view lab);

 private:
  std::unordered_map<std::string, std::string> by_openalex_id_;
};

}  // namespace st::graph

// OrgMapper: which organisation an institution belongs to ("Google DeepMind",
// "Meta", "University of Washington", ...). Sources, strongest first: the lab
// CSV (OpenAlex institution id -> lab, e.g.
// ../shared/data/labs/lab_openalex_institutions.csv), rules on the name's
// words (companies), the university a department's name ends in (one spelling
// per well-known university), then the e-mail domain (deepmind.com -> Google
// DeepMind) for names that are neither known nor academic.
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
  // One spelling of a well-known university for its full or short names
  // ("MIT", "Carnegie-Mellon University", "ETH Zürich"); "" if not one.
  static std::string_view KnownUniversity(std::string_view name);
  // Canonical spelling of a lab name ("DeepMind" -> "Google DeepMind").
  static std::string CanonicalOrg(std::string_view lab);

 private:
  std::unordered_map<std::string, std::string> by_openalex_id_;
};

}  // namespace st::graph

// `--keep`: which OpenAlex works an ingest keeps (and which a fetch asks the
// API for), by the work's OpenAlex classification — fields, subfields, topics
// (any of the work's `topics`, not only the primary one) or concepts. A work
// is kept when it matches any of the chosen ids. The decision is made on the
// parsed record before the builder stores anything of it.
// Records of other sources (paper lists, arXiv, Semantic Scholar) carry no
// OpenAlex classification and are always kept: they come from lists the user
// chose whole (e.g. AI venues).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "corpus/work_record.h"

namespace st::corpus {

enum class KeepKind : uint8_t { kField = 0, kSubfield, kTopic, kConcept };
inline constexpr int kKeepKinds = 4;

class KeepFilter {
 public:
  // Each spec is "KIND:ID[,ID...]" with KIND one of field(s), subfield(s),
  // topic(s), concept(s); ids as OpenAlex prints them, short ("1702", "T10028",
  // "C154945302") or as URLs ("https://openalex.org/subfields/1702").
  // Errors name the spec and what is wrong with it.
  static Result<KeepFilter> Parse(const std::vector<std::string>& specs);

  bool empty() const;
  // True when `work` must be stored: no filter, a record of another source,
  // or an OpenAlex work with a matching field/subfield/topic/concept.
  bool Keeps(const WorkRecord& work) const;
  // Whether the filter has an opinion about `work` (an OpenAlex work and a filter).
  bool Applies(const WorkRecord& work) const { return !empty() && work.source == Source::kOpenAlex; }

  const std::vector<std::string>& ids(KeepKind kind) const { return ids_[static_cast<int>(kind)]; }
  // "subfields:1702,1707 concepts:C154945302" (kinds in a fixed order, ids sorted).
  std::string ToString() const;
  // The OpenAlex API filter of each chosen kind ("topics.subfield.id:1702|1707").
  // The API ANDs different filter keys, so kinds that must be OR'd are separate queries.
  std::vector<std::string> ApiFilters() const;

 private:
  std::vector<std::string> ids_[kKeepKinds];  // sorted, unique
};

}  // namespace st::corpus

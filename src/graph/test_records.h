// Test-only helpers to construct WorkRecords tersely. Header-only.
#pragma once

#include <string>
#include <vector>

#include "corpus/work_record.h"

namespace st::graph::testing {

struct TA {  // one authorship
  std::string name;
  std::string openalex_id, orcid, openreview_id, email;
  std::string inst_id, inst_name, inst_domain;
};

struct TW {  // one work
  std::string id;
  int year = 2020;
  std::vector<TA> authors;
  corpus::Source source = corpus::Source::kOpenAlex;
  std::string title;
  std::string doi;
};

inline corpus::WorkRecord ToRecord(const TW& w) {
  corpus::WorkRecord r;
  r.source = w.source;
  r.id = w.id;
  r.doi = w.doi;
  r.title = w.title.empty() ? "title of " + w.id : w.title;
  r.year = static_cast<int16_t>(w.year);
  for (const TA& a : w.authors) {
    corpus::Authorship s;
    s.name = a.name;
    s.openalex_id = a.openalex_id;
    s.orcid = a.orcid;
    s.openreview_id = a.openreview_id;
    s.email = a.email;
    if (!a.inst_id.empty() || !a.inst_name.empty() || !a.inst_domain.empty()) {
      corpus::InstitutionRef i;
      i.openalex_id = a.inst_id;
      i.name = a.inst_name;
      i.domain = a.inst_domain;
      s.institutions.push_back(i);
    }
    r.authors.push_back(s);
  }
  return r;
}

}  // namespace st::graph::testing

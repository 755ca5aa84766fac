#include "corpus/work_record.h"

namespace st::corpus {

void InstitutionRef::Clear() {
  openalex_id.clear();
  name.clear();
  country_code.clear();
  type.clear();
  domain.clear();
}

void Authorship::Clear() {
  name.clear();
  openalex_id.clear();
  orcid.clear();
  openreview_id.clear();
  acl_id.clear();
  s2_id.clear();
  email.clear();
  position_title.clear();
  position = AuthorPosition::kUnknown;
  institutions.clear();
}

void WorkRecord::Clear() {
  source = Source::kOpenAlex;
  id.clear();
  doi.clear();
  alt_id.clear();
  title.clear();
  abstract.clear();
  type.clear();
  venue.clear();
  venue_id.clear();
  year = 0;
  publication_date.clear();
  cited_by_count = -1;
  counts_by_year.clear();
  authors.clear();
  paper_institutions.clear();
  topics.clear();
  references.clear();
  status = PaperStatus::kUnknown;
  rating_avg = -1;
  award = false;
}

}  // namespace st::corpus

#include "corpus/work_record.h"

namespace st::corpus {

const char* CitationSourceName(CitationSource source) {
  switch (source) {
    case CitationSource::kGoogleScholar: return "Google Scholar";
    case CitationSource::kOpenAlex: return "OpenAlex";
    case CitationSource::kSemanticScholar: return "Semantic Scholar";
    case CitationSource::kNone: break;
  }
  return "";
}

void InstitutionRef::Clear() {
  openalex_id.clear();
  name.clear();
  country_code.clear();
  type.clear();
  domain.clear();
  country_name.clear();
  city.clear();
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
  citation_source = CitationSource::kNone;
  citations_as_of = 0;
  counts_by_year.clear();
  authors.clear();
  paper_institutions.clear();
  topics.clear();
  references.clear();
  status = PaperStatus::kUnknown;
  rating_avg = -1;
  award = false;
  citations_only = false;
}

void SetPositionsByOrder(std::vector<Authorship>& authors) {
  const size_t n = authors.size();
  for (size_t i = 0; i < n; ++i)
    authors[i].position = i == 0 ? AuthorPosition::kFirst
                          : i + 1 == n ? AuthorPosition::kLast
                                       : AuthorPosition::kMiddle;
}

int YearOfIsoDate(std::string_view date) {
  if (date.size() < 4) return -1;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    char c = date[i];
    if (c < '0' || c > '9') return -1;
    year = year * 10 + (c - '0');
  }
  return year;
}

}  // namespace st::corpus

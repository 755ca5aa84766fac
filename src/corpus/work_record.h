// The plain record every corpus reader produces, whatever the source format.
// Readers reuse one WorkRecord per thread (Clear() keeps capacity), so the
// sink must copy what it keeps; this keeps the hot ingest path allocation-free.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace st::corpus {

enum class Source : uint8_t { kOpenAlex = 0, kPaperList = 1, kArxiv = 2, kSemanticScholar = 3 };

// Author position as the source states it; kUnknown when the source is silent.
enum class AuthorPosition : uint8_t { kUnknown = 0, kFirst, kMiddle, kLast };

// Venue decision for conference paper lists.
enum class PaperStatus : uint8_t {
  kUnknown = 0, kPoster, kSpotlight, kOral, kAward, kReject, kWithdrawn
};

// Who counted a work's citations. Counts of different sources are on
// different scales (Google Scholar counts more than OpenAlex or Semantic
// Scholar), so they are kept apart and compared only within one source.
enum class CitationSource : uint8_t { kNone = 0, kGoogleScholar, kOpenAlex, kSemanticScholar };
inline constexpr int kCitationSources = 4;  // including kNone

// "Google Scholar", "OpenAlex", "Semantic Scholar"; "" for kNone.
const char* CitationSourceName(CitationSource source);

struct InstitutionRef {
  std::string openalex_id;   // "I27837315" (short form, no URL) or empty
  std::string name;          // display name as given
  std::string country_code;  // "US" or empty
  std::string type;          // "education", "company", ... or empty
  std::string domain;        // e-mail domain from paper lists ("deepmind.com")
  std::string country_name;  // paper lists: the country as named ("United Kingdom"), when no code is given
  std::string city;          // paper lists: the campus city ("Zurich") or empty
  void Clear();
};

struct Authorship {
  std::string name;           // display name as given by the source
  std::string openalex_id;    // "A5023888391" or empty
  std::string orcid;          // "0000-0002-1825-0097" (no URL) or empty
  std::string openreview_id;  // "~First_Last1" or empty
  std::string acl_id;         // "/o/omer-goldman/" or empty
  std::string s2_id;          // Semantic Scholar author id "1741101" (digits only) or empty
  std::string email;          // full e-mail when the source gives one
  std::string position_title; // "PhD student", "Research Scientist", ...
  AuthorPosition position = AuthorPosition::kUnknown;
  // Institutions this author gave on this work. For sources that only give an
  // unordered paper-level set (CVF), readers leave this empty and fill
  // WorkRecord::paper_institutions instead, so nobody lands at the wrong lab.
  std::vector<InstitutionRef> institutions;
  void Clear();
};

struct TopicRef {
  std::string id;        // "T11636" / "C154945302" / "kw:diffusion" ...
  std::string name;      // "Natural Language Processing Techniques"
  std::string subfield;  // OpenAlex topic subfield name or empty
  std::string field;     // OpenAlex topic field name or empty
  float score = 0;       // 0..1 relevance as the source gives it
  std::string subfield_id;  // OpenAlex subfield id, last path segment ("1702") or empty (--keep)
  std::string field_id;     // OpenAlex field id ("17") or empty
};

struct YearCount {
  int16_t year = 0;
  int32_t count = 0;
};

struct WorkRecord {
  Source source = Source::kOpenAlex;
  std::string id;        // "W2741809807", "iclr2023:tCPheuUFBC", "arXiv:0704.0001"
  std::string doi;       // "10.1103/..." (no URL) or empty
  // Another source's id of the same work, merged like `id` ("arXiv:0704.0001"
  // on a Semantic Scholar record, so the arXiv reader's record joins it).
  std::string alt_id;
  std::string title;
  std::string abstract;  // plain text (OpenAlex inverted index is rebuilt)
  std::string type;      // "article", "preprint", ... or empty
  std::string venue;     // source display name / "ICLR" (paper lists: no year; see `year`)
  std::string venue_id;  // "S137773608" (OpenAlex source), "iclr", "arxiv" or empty
  int16_t year = 0;
  std::string publication_date;  // "2017-07-21" or empty
  int64_t cited_by_count = -1;   // -1 when unknown (paper lists w/o gs_citation)
  // Who gave cited_by_count and when it was counted (yyyymmdd; 0 when the
  // source does not say). Set by ReadFile from the format (and the file's
  // date, e.g. a snapshot's updated_date=) when a reader leaves them unset.
  CitationSource citation_source = CitationSource::kNone;
  int32_t citations_as_of = 0;
  std::vector<YearCount> counts_by_year;
  std::vector<Authorship> authors;  // in author order
  std::vector<InstitutionRef> paper_institutions;  // unordered paper-level set
  std::vector<TopicRef> topics;     // topics, concepts, keywords, categories
  std::vector<std::string> references;  // referenced work ids ("W123")
  // A record that only brings a citation count for a work other records make
  // (Google Scholar via `scholarly`: initials, no ids): the builder joins it
  // to a work by folded title + year (+ first author's surname) and never
  // makes a work or people of it. Fields used: title, year, authors[0].name,
  // cited_by_count, citation_source, citations_as_of.
  bool citations_only = false;
  PaperStatus status = PaperStatus::kUnknown;
  float rating_avg = -1;  // mean review rating; -1 when unknown
  bool award = false;

  // Resets every field but keeps vector/string capacity for reuse.
  void Clear();
};

// For sources that give only the author order: first, middle..., last.
void SetPositionsByOrder(std::vector<Authorship>& authors);

// Year of an ISO date ("2017-07-21": its first four characters); -1 when
// they are not four digits.
int YearOfIsoDate(std::string_view date);

}  // namespace st::corpus

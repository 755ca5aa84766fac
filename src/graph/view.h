// GraphView: read-only, memory-mapped access to one published version of the
// talent graph. Open() maps the files; every accessor is O(1) or O(degree) and
// returns views into the mapping, valid while the GraphView lives.
// Thread-safety: all const methods may be called concurrently.
//
// This header is the contract between graph/ (which writes and maps the files)
// and scoring/, cli/ and web/ (which read). Ids are dense uint32 indexes.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "graph/coauthors.h"

namespace st::graph {

using AuthorId = uint32_t;
using WorkId = uint32_t;
using InstId = uint32_t;
using TopicId = uint32_t;
using VenueId = uint32_t;
inline constexpr uint32_t kNone = 0xFFFFFFFFu;

// Mapped structs: fixed layout, little-endian, see docs/graph_format.md.
struct WorkInfo {
  int32_t cited_by_count;  // -1 when no source gave a count; else the largest
                           // of WorkCitationCounts (the source is there)
  float rating_avg;        // mean review rating, -1 when unknown
  VenueId venue;           // kNone when unknown
  int16_t year;            // 0 when unknown
  uint8_t status;          // corpus::PaperStatus
  uint8_t source;          // corpus::Source of the first record merged in
};
static_assert(sizeof(WorkInfo) == 16);

struct AuthorSlot {  // one authorship, in author order
  AuthorId author;
  uint8_t position;  // corpus::AuthorPosition, derived from order when unknown
  uint8_t reserved[3];
};
static_assert(sizeof(AuthorSlot) == 8);

struct YearCitations {
  int16_t year;
  int16_t reserved;
  int32_t count;
};
static_assert(sizeof(YearCitations) == 8);

// A work's citation count as one source gave it. Works merged from several
// sources keep one entry per source (the largest count a source gave, with
// the latest date), by source.
struct CitationCount {
  int32_t count;    // >= 0
  int32_t as_of;    // yyyymmdd when the count was taken; 0 when the source does not say
  uint8_t source;   // corpus::CitationSource (never kNone)
  uint8_t reserved[3];
};
static_assert(sizeof(CitationCount) == 12);

struct TopicWeight {
  TopicId topic;
  float weight;  // 0..1
};
static_assert(sizeof(TopicWeight) == 8);

// An author's affiliation with one institution over a span of years.
struct AffiliationSpell {
  InstId inst;
  int16_t first_year;
  int16_t last_year;
  uint32_t works;  // works in the span that name this institution
};
static_assert(sizeof(AffiliationSpell) == 12);

// How sure the engine is that the records merged into one author are one person.
struct IdentityInfo {
  float confidence;    // 0..1
  std::string_view reason;  // "ORCID 0000-...; OpenReview ~A_B1; name+coauthors (3 shared)"
};

class GraphView {
 public:
  // Opens the version currently published in `graph_dir` (see versions.h).
  static Result<std::shared_ptr<const GraphView>> OpenCurrent(const std::string& graph_dir);
  // What Open does with the pages its checks read (checksums: the whole file).
  enum class OpenPages {
    kKeepResident,  // stay mapped in: a server's first queries do not fault them in
    kRelease,       // each range goes back once checked: a one-pass reader (scoring at
                    // ingest) opens the graph without holding all of it
  };
  // Opens one version directory (published or staging).
  static Result<std::shared_ptr<const GraphView>> Open(const std::string& version_dir,
                                                       OpenPages pages = OpenPages::kKeepResident);
  ~GraphView();
  GraphView(const GraphView&) = delete;
  GraphView& operator=(const GraphView&) = delete;

  const std::string& version_dir() const;
  uint64_t version() const;
  // Drops this process's resident copy of the mapped file (it stays in the
  // page cache; reads fault it back in): Open's checksums touch every page,
  // and a build pass over the graph should hold only what it reads. Safe
  // while other threads read the view.
  void ReleasePages() const;

  uint32_t num_authors() const;
  uint32_t num_works() const;
  uint32_t num_institutions() const;
  uint32_t num_topics() const;
  uint32_t num_venues() const;
  uint64_t num_coauthor_edges() const;  // directed entries in the CSR

  // Works.
  const WorkInfo& Work(WorkId w) const;
  std::string_view WorkSourceId(WorkId w) const;  // "W2741809807", "iclr2023:abc", "arXiv:..."
  std::string_view WorkDoi(WorkId w) const;
  std::string_view WorkTitle(WorkId w) const;
  std::string_view WorkAbstract(WorkId w) const;
  std::span<const AuthorSlot> WorkAuthors(WorkId w) const;
  std::span<const WorkId> WorkReferences(WorkId w) const;  // only refs inside the graph
  std::span<const YearCitations> WorkCitationsByYear(WorkId w) const;
  // Known counts per citation source (empty: unknown).
  std::span<const CitationCount> WorkCitationCounts(WorkId w) const;
  std::span<const TopicWeight> WorkTopics(WorkId w) const;

  // Authors.
  std::string_view AuthorName(AuthorId a) const;
  std::string_view AuthorOpenAlexId(AuthorId a) const;   // may be empty
  std::string_view AuthorOrcid(AuthorId a) const;        // may be empty
  std::string_view AuthorOpenReviewId(AuthorId a) const; // may be empty
  std::string_view AuthorPositionTitle(AuthorId a) const; // latest given, may be empty
  IdentityInfo AuthorIdentity(AuthorId a) const;
  std::span<const WorkId> AuthorWorks(AuthorId a) const;       // sorted by year
  CoauthorRow Coauthors(AuthorId a) const;                     // sorted by author id
  CoauthorCsr CoauthorGraph() const;                           // all rows, for PageRank
  std::span<const AffiliationSpell> AuthorAffiliations(AuthorId a) const;  // by first_year
  // Institution of the latest year with an affiliation; kNone if never given.
  InstId AuthorCurrentInstitution(AuthorId a) const;

  // Institutions.
  std::string_view InstName(InstId i) const;
  std::string_view InstOpenAlexId(InstId i) const;  // may be empty
  // ISO alpha-2 (OpenAlex), or the country as the source names it (paper lists: "United Kingdom").
  std::string_view InstCountry(InstId i) const;
  std::string_view InstCity(InstId i) const;    // the source's city ("Zurich": paper lists' campus) or ""
  std::string_view InstDomain(InstId i) const;  // e-mail domain its authors share ("" if none or mixed)
  std::string_view InstType(InstId i) const;
  // Canonical organisation this institution belongs to ("Google DeepMind",
  // "Meta", "Stanford University"); the institution's own name if no mapping.
  std::string_view InstOrg(InstId i) const;

  // Topics and venues.
  std::string_view TopicName(TopicId t) const;
  std::string_view TopicField(TopicId t) const;
  std::string_view VenueName(VenueId v) const;

  // Lookups. External ids in any accepted spelling (URL or bare; ORCID with or
  // without https://orcid.org/; OpenReview "~A_B1"). Names are normalised
  // (case, accents, "Last, First"); several people may share one.
  AuthorId FindAuthorByExternalId(std::string_view id) const;  // kNone if absent
  std::vector<AuthorId> FindAuthorsByName(std::string_view name) const;
  WorkId FindWorkBySourceId(std::string_view id) const;        // kNone if absent

  struct Impl;

 private:
  explicit GraphView(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace st::graph

// On-disk layout of one talent-graph version: a single file `graph.bin` in the
// version directory. Written down twice: here and in docs/graph_format.md.
//
//   FileHeader (56 bytes) | SectionEntry[num_sections] | section payloads
//
// Every payload starts 8-byte aligned and is a plain little-endian array of
// one element type. Columns are built from sections:
//   array   one section                 (part kData)
//   strings offsets u64[n+1] + bytes    (parts kOffsets, kData)
//   CSR     offsets u64[n+1] + elements (parts kOffsets, kData)
//   index   sorted keys (a string column) + u32 values (parts kOffsets, kData, kValues)
// A physical section id is column * 4 + part. Readers check magic, versions,
// bounds, CRC-32 of every section, CSR monotonicity and every stored id
// against its table size, so a damaged file yields Corruption, never a crash.
#pragma once

#include <cstdint>

#include "graph/view.h"

namespace st::graph::format {

inline constexpr char kMagic[8] = {'S', 'T', 'G', 'R', 'A', 'P', 'H', '\0'};
inline constexpr char kGraphFileName[] = "graph.bin";
// Version written by this code. Bump on any layout change.
// 2: co-author weights binary16; 3: citation counts per source (kWorkCounts);
// 4: institutions' city and e-mail domain (kInstCity, kInstDomain; a version 3
//    file reads with both empty)
inline constexpr uint32_t kFormatVersion = 4;
// Oldest file version this code can still read (a version 2 file has no
// counts per source: it is refused with the rebuild command).
inline constexpr uint32_t kOldestReadableVersion = 3;

struct FileHeader {
  char magic[8];
  uint32_t version;         // kFormatVersion of the writer
  uint32_t oldest_reader;   // readers with kFormatVersion below this must refuse
  uint64_t file_size;       // whole file, to detect truncation
  uint32_t num_sections;
  uint32_t table_crc;       // CRC-32 of the section table
  uint32_t num_authors;
  uint32_t num_works;
  uint32_t num_institutions;
  uint32_t num_topics;
  uint32_t num_venues;
  uint32_t header_crc;      // CRC-32 of the bytes before this field
};
static_assert(sizeof(FileHeader) == 56);

struct SectionEntry {
  uint32_t id;         // Column * 4 + Part
  uint32_t elem_size;  // sizeof the element type, checked on read
  uint64_t offset;     // from the start of the file, 8-byte aligned
  uint64_t count;      // number of elements
  uint32_t crc;        // CRC-32 of the payload
  uint32_t reserved;
};
static_assert(sizeof(SectionEntry) == 32);

enum Part : uint32_t { kOffsets = 0, kData = 1, kValues = 2 };

enum class Column : uint32_t {
  // Works (num_works rows).
  kWorkInfo = 1,        // array WorkInfo
  kWorkSourceId = 2,    // strings
  kWorkDoi = 3,         // strings
  kWorkTitle = 4,       // strings
  kWorkAbstract = 5,    // strings
  kWorkAuthors = 6,     // CSR AuthorSlot
  kWorkRefs = 7,        // CSR WorkId
  kWorkCites = 8,       // CSR YearCitations
  kWorkTopics = 9,      // CSR TopicWeight
  kWorkCounts = 10,     // CSR CitationCount, by source
  // Authors (num_authors rows).
  kAuthorName = 20,          // strings
  kAuthorOpenAlex = 21,      // strings
  kAuthorOrcid = 22,         // strings
  kAuthorOpenReview = 23,    // strings
  kAuthorPositionTitle = 24, // strings
  kAuthorConfidence = 25,    // array float
  kAuthorReason = 26,        // strings
  kAuthorWorks = 27,         // CSR WorkId (sorted by year, then id)
  kCoauthors = 28,           // CSR AuthorId (sorted) + u16 binary16 weights (kValues, parallel)
  kAffiliations = 29,        // CSR AffiliationSpell (sorted by first_year)
  kAuthorCurrentInst = 30,   // array InstId (kNone if never given)
  // Institutions.
  kInstName = 40, kInstOpenAlex = 41, kInstCountry = 42, kInstType = 43, kInstOrg = 44,
  kInstCity = 45, kInstDomain = 46,  // version ≥ 4
  // Topics and venues.
  kTopicName = 50, kTopicField = 51, kTopicKey = 52,
  kVenueName = 60,
  // Sorted key indexes (keys strings + u32 values; equal keys are adjacent).
  kExtIdIndex = 70,   // normalised OpenAlex / ORCID / OpenReview ids, e-mails -> AuthorId
  kNameIndex = 71,    // normalised names (every variant seen) -> AuthorId
  kBlockIndex = 72,   // first initial + last name -> AuthorId
  kWorkIndex = 73,    // source ids and DOIs -> WorkId
};

constexpr uint32_t SectionId(Column c, Part p) { return static_cast<uint32_t>(c) * 4 + p; }

// Mapped element types (from view.h) with their sizes pinned.
static_assert(sizeof(WorkInfo) == 16 && alignof(WorkInfo) <= 8);
static_assert(sizeof(AuthorSlot) == 8);
static_assert(sizeof(YearCitations) == 8);
static_assert(sizeof(TopicWeight) == 8);
static_assert(sizeof(CitationCount) == 12);
static_assert(sizeof(AffiliationSpell) == 12);

}  // namespace st::graph::format

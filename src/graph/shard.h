// Compact per-thread storage of WorkRecords for GraphBuilder. Strings are
// interned into a shard-local arena (ids, names, venues repeat a lot), records
// become fixed-size rows pointing into flat arrays. Views returned by
// StringArena::Get stay valid for the arena's lifetime. What only the work
// columns read (abstract, citations by year, topics, references: about 60% of
// a shard) goes to a spill file as it is read (ShardDetail) and is read back
// once, record by record, by BuildWorkColumns.
// Thread-safety: one thread fills a shard; Write() reads shards afterwards.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "corpus/work_record.h"
#include "graph/builder.h"
#include "graph/key_table.h"
#include "graph/spill_codec.h"

namespace st::graph {

class StringArena {
 public:
  StringArena();
  // Returns a stable id for `s`; equal strings share one id. Id 0 is "".
  uint32_t Intern(std::string_view s);
  // Stores without deduplication (long unique text such as abstracts).
  uint32_t AddUnique(std::string_view s);
  std::string_view Get(uint32_t id) const { return strings_[id]; }
  // Every stored string by id (id 0 is "").
  std::span<const std::string_view> All() const { return strings_; }
  // Drops the dedup index (about 50 bytes per string): Intern() must not be
  // called afterwards; Get() and the views stay valid.
  void Freeze();

 private:
  std::string_view Store(std::string_view s);
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = 0;
  size_t block_size_ = 0;
  std::vector<std::string_view> strings_;
  KeyTable index_;  // dedup index: string id by string, at most half full
};

struct ShardInst {
  uint32_t openalex_id, name, country, type, domain, city;  // country: ISO code, else the source's name
};

struct ShardMention {
  // openalex_id holds the source's author id: OpenAlex "A123", or "S2:123" for
  // a Semantic Scholar author (no record has both; one slot keeps 32 bytes).
  uint32_t name, openalex_id, orcid, openreview_id, email, position_title;
  uint32_t inst_begin;  // into ShardStore::mention_insts
  uint16_t inst_count;
  uint8_t position;
};

struct ShardTopic {
  uint32_t id, name, field;
  float score;
};

// A citations-only record (corpus::WorkRecord::citations_only), joined to a
// work by title + year once all works are known.
struct ShardCitation {
  uint32_t title;    // as given (AddUnique)
  uint32_t surname;  // first author's normalised last name (Intern), "" when none
  int32_t count;
  int32_t as_of;
  int16_t year;
  uint8_t source;    // corpus::CitationSource
};

struct ShardWork {
  uint32_t id, doi, title, venue, venue_id;
  int32_t cited_by_count;  // clamped to INT32_MAX (the graph stores i32)
  float rating_avg;
  int16_t year;
  uint8_t source, status;
  bool award;
  uint8_t citation_source;  // corpus::CitationSource of cited_by_count
  uint32_t alt_id;  // WorkRecord::alt_id
  int32_t citations_as_of;  // yyyymmdd or 0
  uint32_t input;           // the input file's number (StartFile): breaks ties between records of one work
  uint64_t detail_offset;   // the record's ShardDetail in the shard's spill file
  uint32_t detail_bytes;
  uint32_t cites_count, topic_count, ref_count;  // in the detail
  uint32_t mention_begin, mention_count;
};

// What of a record only the work columns read, as the spill file holds it
// (native byte order): abstract, citations by year, topics, references.
struct ShardDetail {
  std::string_view abstract;
  std::vector<corpus::YearCount> cites;
  std::vector<ShardTopic> topics;
  std::vector<std::string_view> refs;  // as given (not normalised)
  // Appends `r`'s detail to `out` (one record; the caller ends it).
  static void Encode(const corpus::WorkRecord& r, const std::vector<ShardTopic>& topics, RecordWriter& out);
  // Parses bytes Encode wrote for a row with these counts; views point into
  // `bytes`. False when the bytes do not hold them.
  bool Decode(std::string_view bytes, const ShardWork& w);
};

class ShardStore : public GraphBuilder::Shard {
 public:
  // The spill file is made in `spill_dir` when the first record comes.
  explicit ShardStore(std::string spill_dir = {}) : detail_(std::move(spill_dir)) {}
  void Add(const corpus::WorkRecord& record) override;
  void StartFile(uint32_t input) override;
  void DropFile() override;
  // Called once reading is over: returns spare vector capacity and the
  // string index to the allocator before the build needs memory, and ends
  // the spill file. Errors: the first failure to write the spill file.
  Status Finish();
  // Reads record `w`'s detail back into `out` (`buffer` holds the bytes the
  // views point into). Errors: IoError, Corruption.
  Status ReadDetail(const ShardWork& w, std::string& buffer, ShardDetail& out) const;
  // Once the work columns (and the work index's entries) are built, the
  // rest of the build reads the works' mention ranges, mentions and
  // institutions only. Frees the rest, strings included (ids, titles,
  // venues, topic names) and the spill file: the kept strings move to a new
  // arena and the rows are renumbered; the works' string ids become 0.
  void ReleaseWorkDetails();

  StringArena strings;
  std::vector<ShardWork> works;
  std::vector<ShardMention> mentions;
  std::vector<ShardInst> insts;          // distinct per shard (they repeat on every paper)
  std::vector<uint32_t> mention_insts;  // index into insts, per mention
  std::vector<ShardCitation> citations;  // citations-only records

 private:
  uint32_t AddInst(const corpus::InstitutionRef& inst);
  RecordWriter detail_;  // in the spill directory (empty: the system's temporary directory)
  std::vector<ShardTopic> topic_scratch_;
  struct InstKeyHash {
    size_t operator()(const ShardInst& i) const {
      uint64_t h = i.openalex_id;
      for (uint32_t x : {i.name, i.country, i.type, i.domain, i.city}) h = h * 0x9E3779B97F4A7C15ull + x;
      return static_cast<size_t>(h ^ (h >> 29));
    }
  };
  struct InstKeyEq {
    bool operator()(const ShardInst& a, const ShardInst& b) const {
      return a.openalex_id == b.openalex_id && a.name == b.name && a.country == b.country &&
             a.type == b.type && a.domain == b.domain && a.city == b.city;
    }
  };
  std::unordered_map<ShardInst, uint32_t, InstKeyHash, InstKeyEq> inst_index_;
  // Sizes at StartFile(); interned strings and distinct institutions are not
  // rolled back (harmless: only what a kept mention names is used).
  // A dropped file's details stay in the spill file, unread.
  size_t mark_works_ = 0, mark_mentions_ = 0, mark_mention_insts_ = 0, mark_citations_ = 0;
  uint32_t input_ = 0;
};

}  // namespace st::graph

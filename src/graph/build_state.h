// Internal to GraphBuilder::Write(): the state of one build, shared by the
// steps in builder.cc (works, institutions, topics, venues), build_people.cc
// (mentions, identities, authors, co-author edges, affiliations) and
// build_write.cc (key indexes, the file). Not a public interface.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/status.h"
#include "graph/builder.h"
#include "graph/identity.h"
#include "graph/key_table.h"
#include "graph/orgs.h"
#include "graph/release_memory.h"
#include "graph/sections.h"
#include "graph/shard.h"
#include "graph/spill_codec.h"
#include "graph/view.h"

namespace st::graph {

struct RecRef {
  uint32_t shard;
  uint32_t index;
};

// One authorship as the sources gave it, placed on a final work and slot.
struct GlobalMention {
  WorkId work;
  uint32_t slot;
  int16_t year;
  uint8_t source;
};

// Where an authorship is in the shards (read until they are freed).
struct MentionRef {
  uint32_t shard;
  uint32_t local;  // index into the shard's mentions
};

class BuildState {
 public:
  BuildState(const BuildOptions& options, std::vector<ShardStore*> shards)
      : options_(options), shards_(std::move(shards)), global_inst_of_local_(shards_.size()) {}
  Result<BuildSummary> Run(const std::string& version_dir);

 private:
  // Frees what later steps no longer read, so phases do not stack up.
  template <typename... T>
  static void Release(T&... parts) {
    ((parts = T()), ...);
    ReleaseFreedMemory();
  }
  // builder.cc
  void MergeWorks();
  void JoinCitations();
  Status BuildWorkColumns(const std::string& spill_dir);
  // Ends the spilled work columns (all but work_info_) in file order.
  Status EndWorkColumns();
  uint32_t GlobalInst(uint32_t shard, uint32_t local_inst);
  uint32_t ResolveInst(uint32_t shard, uint32_t local_inst);
  void FinishInstitutions();
  // build_people.cc
  void PlaceMentions();
  void ResolveAuthors();
  Status BuildAuthorColumns(const std::string& spill_dir);
  Status BuildCoauthorEdges(const std::string& spill_dir);
  // build_write.cc
  Status BuildIndexes(const std::string& spill_dir);
  // Sorts one key index's records (key, id) and spills its column.
  struct IndexScratch;
  Status SortIndex(RecordWriter& records, format::Column c, const std::string& spill_dir, IndexScratch& scratch);
  Status WriteFile(const std::string& path);

  const ShardWork& Rec(uint32_t r) const { return shards_[recs_[r].shard]->works[recs_[r].index]; }
  std::string_view Str(uint32_t shard, uint32_t id) const { return shards_[shard]->strings.Get(id); }
  std::string_view RecStr(uint32_t r, uint32_t id) const { return Str(recs_[r].shard, id); }
  // Whether record r's normalised id or alt id is `key` (work_by_id_ holds both).
  bool RecHasId(uint32_t r, std::string_view key) const {
    const ShardWork& w = Rec(r);
    return NormalizeExternalId(RecStr(r, w.id)) == key ||
           (w.alt_id != 0 && NormalizeExternalId(RecStr(r, w.alt_id)) == key);
  }
  const ShardMention& Mention(const MentionRef& m) const { return shards_[m.shard]->mentions[m.local]; }
  // The records are read for the last time: frees the shards.
  void ReleaseShards();

  const BuildOptions& options_;
  std::vector<ShardStore*> shards_;
  OrgMapper orgs_;

  // Records and their grouping into works (primary record first in each group).
  std::vector<RecRef> recs_;
  std::vector<uint64_t> work_rec_offsets_{0};
  std::vector<uint32_t> work_recs_;
  KeyTable work_by_id_;  // normalised work id or alt id -> first record with it
  std::vector<WorkId> work_of_rec_;
  uint32_t num_works_ = 0;

  // Works.
  std::vector<WorkInfo> work_info_;
  // The large work columns go to spill files as they are built (WriteFile
  // copies them into place): they would otherwise stack on every later step.
  std::optional<SpilledStrings> work_source_id_, work_doi_, work_title_, work_abstract_;
  CsrColumn<AuthorSlot> work_authors_;  // spilled once the co-author edges are made
  std::unique_ptr<SpillFile> work_authors_file_;
  SpilledSections work_authors_columns_;
  uint64_t num_authorships_ = 0;
  std::optional<SpilledCsr<WorkId>> work_refs_;
  std::optional<SpilledCsr<YearCitations>> work_cites_;
  std::optional<SpilledCsr<CitationCount>> work_counts_;
  uint64_t num_references_ = 0;
  std::vector<std::pair<WorkId, CitationCount>> joined_counts_;  // citations-only records, by work
  uint64_t citation_records_ = 0;
  std::optional<SpilledCsr<TopicWeight>> work_topics_;
  std::vector<std::pair<const SpillFile*, SpillFile::Section>> spilled_work_columns_;  // in file order
  // Every record's normalised id, DOI and alt id with its work, written as
  // BuildWorkColumns meets them (a record each: key, work) and sorted by
  // BuildIndexes, where the build holds the least.
  RecordWriter work_keys_;

  // Institutions, topics, venues.
  struct Inst {
    std::string openalex_id, name, country, type, domain, city;
    bool domain_mixed = false;  // its authors' domains mean different organisations
  };
  std::vector<Inst> insts_;
  std::vector<std::vector<uint32_t>> global_inst_of_local_;  // per shard, filled lazily
  std::unordered_map<std::string, uint32_t> inst_by_key_;
  StringColumn inst_name_, inst_openalex_, inst_country_, inst_type_, inst_org_, inst_city_, inst_domain_;
  std::unordered_map<std::string, TopicId> topic_by_key_;
  StringColumn topic_name_, topic_field_, topic_key_;
  std::unordered_map<std::string, VenueId> venue_by_key_;
  StringColumn venue_name_;

  // People.
  std::vector<GlobalMention> mentions_;  // grouped by work, ascending
  std::vector<MentionRef> mention_refs_;  // per mention, freed with the shards
  std::vector<uint32_t> slots_per_work_;
  std::vector<uint32_t> mention_norm_name_;  // index into names_ or kNoName
  std::vector<std::string> names_;
  std::vector<uint32_t> name_block_;  // block id per name
  std::vector<std::string> blocks_;
  std::vector<uint64_t> work_mention_off_{0};
  std::vector<uint64_t> mention_inst_off_{0};
  std::vector<uint32_t> mention_insts_;
  StringArena norm_ids_;  // normalised external ids and e-mail domains, stable views
  using MentionIds = MentionIdIndexes;  // ids in norm_ids_; 0 = none
  std::vector<MentionIds> mention_ids_;
  // What BuildAuthorColumns reads of each mention's text, copied out of the
  // shards so they are freed before identity resolution (the build's peak):
  // the raw name and position title go to a spill file (a record each, in
  // mention order) and are read back into an arena by BuildAuthorColumns.
  RecordWriter mention_text_records_;
  std::vector<uint8_t> mention_position_;  // corpus::AuthorPosition
  struct MentionText {
    uint32_t raw_name, position_title;  // ids in mention_text_
  };
  StringArena mention_text_;
  std::vector<MentionText> mention_texts_;
  std::vector<uint32_t> author_root_;
  std::vector<NameEvidence> evidence_;  // per author
  std::vector<AuthorId> author_of_mention_;
  // The author columns go to spill files as each author is finished.
  std::optional<SpilledStrings> author_name_, author_openalex_, author_orcid_, author_openreview_,
      author_position_title_, author_reason_;
  std::optional<SpilledArray<float>> author_confidence_;
  std::optional<SpilledCsr<WorkId>> author_works_;
  std::optional<SpilledCsr<AffiliationSpell>> affiliations_;
  std::optional<SpilledArray<InstId>> author_current_inst_;
  SpilledSections author_columns_;       // name to works, in file order
  SpilledSections author_tail_columns_;  // affiliations, current institution
  std::optional<SpilledArray<uint64_t>> coauthor_offsets_;
  std::optional<SpilledArray<uint32_t>> coauthor_ids_;
  std::optional<SpilledArray<uint16_t>> coauthor_weights_;
  SpilledSections coauthor_columns_;
  uint64_t num_coauthor_edges_ = 0;
  // Each author's index keys (a record each: key, author), sorted by BuildIndexes.
  RecordWriter ext_keys_, name_keys_, block_keys_;
  // The sorted key indexes (external ids, names, blocks, works), spilled.
  std::vector<SpilledStrings> index_keys_;
  std::vector<SpilledArray<uint32_t>> index_values_;
  SpilledSections index_columns_;
  uint32_t num_authors_ = 0;
  uint64_t merged_identities_ = 0;
};

}  // namespace st::graph

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
  uint32_t shard;
  uint32_t local;  // index into the shard's mentions
  WorkId work;
  uint32_t slot;
  int16_t year;
  uint8_t source;
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
  void BuildAuthorColumns();
  void BuildCoauthorEdges();
  // build_write.cc
  Status BuildIndexes();
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
  const ShardMention& Mention(const GlobalMention& m) const {
    return shards_[m.shard]->mentions[m.local];
  }
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
  CsrColumn<AuthorSlot> work_authors_;
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
  StringColumn work_index_keys_;
  std::vector<uint32_t> work_index_values_;

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
  // What BuildAuthorColumns reads of each mention, copied out of the shards
  // so they are freed before identity resolution (the build's peak).
  struct MentionText {
    uint32_t raw_name, position_title;  // ids in mention_text_
    uint8_t position;                   // corpus::AuthorPosition
  };
  StringArena mention_text_;
  std::vector<MentionText> mention_texts_;
  std::vector<uint32_t> author_root_;
  std::vector<NameEvidence> evidence_;  // per author
  std::vector<AuthorId> author_of_mention_;
  std::vector<float> author_confidence_;
  StringColumn author_name_, author_openalex_, author_orcid_, author_openreview_,
      author_position_title_, author_reason_;
  CsrColumn<WorkId> author_works_;
  CoauthorLists coauthors_;
  CsrColumn<AffiliationSpell> affiliations_;
  std::vector<InstId> author_current_inst_;
  std::vector<std::pair<std::string, AuthorId>> ext_index_, name_index_, block_index_;
  uint32_t num_authors_ = 0;
  uint64_t merged_identities_ = 0;
};

}  // namespace st::graph

#include "graph/builder.h"

#include <algorithm>
#include <array>
#include <bit>
#include <mutex>
#include <numeric>
#include <unordered_map>

#include "base/names.h"
#include "graph/union_find.h"
#include "graph/build_state.h"
#include "graph/identity.h"
#include "graph/phase_log.h"
#include "graph/release_memory.h"

namespace st::graph {

struct GraphBuilder::Impl {
  BuildOptions options;
  std::string spill_dir;
  std::mutex mu;
  std::vector<std::unique_ptr<ShardStore>> shards;  // guarded by mu while adding shards
  ShardStore* default_shard = nullptr;
};

GraphBuilder::GraphBuilder(BuildOptions options, std::string spill_dir) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->spill_dir = std::move(spill_dir);
}
GraphBuilder::~GraphBuilder() = default;

GraphBuilder::Shard& GraphBuilder::NewShard() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->shards.push_back(std::make_unique<ShardStore>(impl_->spill_dir));
  return *impl_->shards.back();
}

void GraphBuilder::Add(const corpus::WorkRecord& record) {
  if (!impl_->default_shard) impl_->default_shard = static_cast<ShardStore*>(&NewShard());
  impl_->default_shard->Add(record);
}

Result<BuildSummary> GraphBuilder::Write(const std::string& version_dir) {
  std::vector<ShardStore*> shards;
  for (auto& s : impl_->shards) shards.push_back(s.get());
  BuildState state(impl_->options, std::move(shards));
  return state.Run(version_dir);
}

namespace {

// Titles shorter than this ("Introduction", "Editorial") are too generic to
// identify a work on their own.
constexpr size_t kMinTitleKeyChars = 20;

// corpus::Source values: OpenAlex, paper list, arXiv, Semantic Scholar.
constexpr size_t kSources = 4;

// A normalised id of one capital letter and up to 17 digits without a
// leading zero ("W2741809807", OpenAlex's form) as a number, letter in the
// top bits; 0 for any other key. One key, one code, and back.
uint64_t NumericIdCode(std::string_view key) {
  if (key.size() < 2 || key.size() > 18 || key[0] < 'A' || key[0] > 'Z' || key[1] == '0') return 0;
  uint64_t n = 0;
  for (char c : key.substr(1)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return (static_cast<uint64_t>(key[0] - 'A' + 1) << 57) | n;
}

// Work by the code of a record's id or alt id: references in OpenAlex's form
// (nearly all of them) resolve with one probe and no record read.
class WorkByCode {
 public:
  explicit WorkByCode(size_t max_entries)
      : codes_(std::bit_ceil(std::max<size_t>(16, max_entries * 2))), works_(codes_.size(), kNone) {}
  void Insert(uint64_t code, WorkId w) {
    for (size_t i = Slot(code);; i = (i + 1) & (codes_.size() - 1)) {
      if (codes_[i] == code) return;  // records with one id are one work
      if (codes_[i] == 0) {
        codes_[i] = code, works_[i] = w;
        return;
      }
    }
  }
  WorkId Find(uint64_t code) const {
    for (size_t i = Slot(code);; i = (i + 1) & (codes_.size() - 1)) {
      if (codes_[i] == code) return works_[i];
      if (codes_[i] == 0) return kNone;
    }
  }

 private:
  size_t Slot(uint64_t code) const {
    return static_cast<size_t>((code * 0x9E3779B97F4A7C15ull) >> 32) & (codes_.size() - 1);
  }
  std::vector<uint64_t> codes_;
  std::vector<WorkId> works_;
};

std::string TitleKey(const std::string& folded_title, int16_t year) {
  return folded_title + "|" + std::to_string(year);
}

// Primary record preference: OpenAlex, paper list, Semantic Scholar (venue and
// citation count), arXiv.
int SourceRank(uint8_t source) {
  switch (static_cast<corpus::Source>(source)) {
    case corpus::Source::kOpenAlex: return 0;
    case corpus::Source::kPaperList: return 1;
    case corpus::Source::kSemanticScholar: return 2;
    case corpus::Source::kArxiv: return 3;
  }
  return 4;
}

}  // namespace

Result<BuildSummary> BuildState::Run(const std::string& version_dir) {
  if (!options_.lab_map_csv.empty()) ST_RETURN_IF_ERROR(orgs_.LoadLabCsv(options_.lab_map_csv));
  for (ShardStore* shard : shards_) ST_RETURN_IF_ERROR(shard->Finish());
  ReleaseFreedMemory();
  LogPhase("finish shards");
  MergeWorks();
  JoinCitations();
  LogPhase("MergeWorks");
  ST_RETURN_IF_ERROR(BuildWorkColumns(version_dir));
  LogPhase("BuildWorkColumns: loop");
  Release(work_by_id_, topic_by_key_, venue_by_key_);
  for (ShardStore* shard : shards_) shard->ReleaseWorkDetails();
  LogPhase("BuildWorkColumns");
  PlaceMentions();
  Release(work_rec_offsets_, work_recs_);
  // Identity resolution reads the records' mentions only.
  for (ShardStore* shard : shards_) shard->works = {};
  Release(recs_, work_of_rec_);
  LogPhase("PlaceMentions");
  // Reads the records' mentions for the last time, then frees the shards
  // (ReleaseShards) before resolving identities.
  mention_text_records_ = RecordWriter(version_dir);
  ResolveAuthors();
  LogPhase("ResolveAuthors");
  ST_RETURN_IF_ERROR(BuildAuthorColumns(version_dir));
  LogPhase("BuildAuthorColumns");
  ST_RETURN_IF_ERROR(BuildCoauthorEdges(version_dir));
  LogPhase("BuildCoauthorEdges");
  FinishInstitutions();
  ST_RETURN_IF_ERROR(BuildIndexes(version_dir));
  LogPhase("BuildIndexes");
  ST_RETURN_IF_ERROR(WriteFile(version_dir + "/" + format::kGraphFileName));
  LogPhase("WriteFile");
  BuildSummary s;
  s.works = num_works_;
  s.authors = num_authors_;
  s.authorships = num_authorships_;
  s.institutions = insts_.size();
  s.coauthor_edges = num_coauthor_edges_;
  s.references = num_references_;
  s.merged_identities = merged_identities_;
  s.citation_records = citation_records_;
  s.citation_records_joined = joined_counts_.size();
  return s;
}

// Works seen in several sources become one: same source id (or alt id: the
// arXiv id a Semantic Scholar record gives), same DOI, or the same folded
// title in the same year.
void BuildState::MergeWorks() {
  size_t alt_ids = 0;
  for (uint32_t s = 0; s < shards_.size(); ++s)
    for (uint32_t i = 0; i < shards_[s]->works.size(); ++i) {
      recs_.push_back({s, i});
      alt_ids += shards_[s]->works[i].alt_id != 0;
    }
  UnionFind uf(recs_.size());
  // Keys are recomputed from the first record holding them instead of stored.
  auto doi_of = [&](uint32_t r) { return NormalizeExternalId(RecStr(r, Rec(r).doi)); };
  auto title_of = [&](uint32_t r) { return TitleKey(FoldText(RecStr(r, Rec(r).title)), Rec(r).year); };
  work_by_id_ = KeyTable(recs_.size() + alt_ids);
  KeyTable by_doi(recs_.size()), by_title(recs_.size());
  auto has_id = [&](uint32_t other, const std::string& key) { return RecHasId(other, key); };
  auto has_doi = [&](uint32_t other, const std::string& key) { return doi_of(other) == key; };
  auto join = [&](KeyTable& table, const std::string& key, uint32_t r, auto&& has_key) {
    auto [first, inserted] = table.FindOrInsert(key, r, [&](uint32_t other) { return has_key(other, key); });
    if (!inserted) uf.Union(first, r);
  };
  // Per title key, the first record of each source.
  std::vector<std::array<uint32_t, kSources>> title_firsts;
  auto any_first = [&](uint32_t t) {
    for (uint32_t r : title_firsts[t])
      if (r != KeyTable::kAbsent) return r;
    return KeyTable::kAbsent;
  };
  for (uint32_t r = 0; r < recs_.size(); ++r) {
    const ShardWork& w = Rec(r);
    std::string id = NormalizeExternalId(RecStr(r, w.id));
    if (!id.empty()) join(work_by_id_, id, r, has_id);
    if (w.alt_id != 0) {
      std::string alt = NormalizeExternalId(RecStr(r, w.alt_id));
      if (!alt.empty()) join(work_by_id_, alt, r, has_id);
    }
    std::string doi = NormalizeExternalId(RecStr(r, w.doi));
    if (!doi.empty()) join(by_doi, doi, r, has_doi);
    // Title + year joins records of different sources only: two records one
    // source keeps apart (OpenAlex has distinct works titled "Pattern
    // Recognition and Machine Learning", 2007) stay apart.
    std::string title = FoldText(RecStr(r, w.title));
    if (title.size() >= kMinTitleKeyChars && w.year != 0) {
      std::string key = TitleKey(title, w.year);
      auto [t, inserted] = by_title.FindOrInsert(key, static_cast<uint32_t>(title_firsts.size()),
                                                 [&](uint32_t t) { return title_of(any_first(t)) == key; });
      if (inserted) title_firsts.emplace_back().fill(KeyTable::kAbsent);
      auto& firsts = title_firsts[t];
      for (uint32_t other : firsts)
        if (other != KeyTable::kAbsent && Rec(other).source != w.source) uf.Union(other, r);
      uint32_t& mine = firsts[std::min<size_t>(w.source, kSources - 1)];
      if (mine == KeyTable::kAbsent) mine = r;
    }
  }
  // Group records by root; order works by their primary record's source id so
  // dense ids do not depend on thread scheduling.
  std::vector<uint32_t> order(recs_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::vector<uint32_t> root(recs_.size());
  for (uint32_t r = 0; r < recs_.size(); ++r) root[r] = uf.Find(r);
  // Input order: the file's number, then the record's place in it (one file
  // is read by one thread into one shard), whichever thread read it.
  auto input_order = [&](uint32_t a, uint32_t b) {
    const uint32_t ia = Rec(a).input, ib = Rec(b).input;
    return ia != ib ? ia < ib : recs_[a].index < recs_[b].index;
  };
  auto better_primary = [&](uint32_t a, uint32_t b) {
    const ShardWork &x = Rec(a), &y = Rec(b);
    if (SourceRank(x.source) != SourceRank(y.source)) return SourceRank(x.source) < SourceRank(y.source);
    if (x.mention_count != y.mention_count) return x.mention_count > y.mention_count;
    const std::string_view ia = RecStr(a, x.id), ib = RecStr(b, y.id);
    return ia != ib ? ia < ib : input_order(a, b);
  };
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (root[a] != root[b]) return root[a] < root[b];
    return better_primary(a, b);
  });
  struct Group {
    uint32_t begin, end;
  };
  std::vector<Group> groups;
  for (uint32_t i = 0; i < order.size();) {
    uint32_t j = i;
    while (j < order.size() && root[order[j]] == root[order[i]]) ++j;
    groups.push_back({i, j});
    i = j;
  }
  std::sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
    uint32_t ra = order[a.begin], rb = order[b.begin];
    std::string_view ia = RecStr(ra, Rec(ra).id), ib = RecStr(rb, Rec(rb).id);
    return ia != ib ? ia < ib : input_order(ra, rb);
  });
  work_of_rec_.assign(recs_.size(), 0);
  for (const Group& g : groups) {
    for (uint32_t i = g.begin; i < g.end; ++i) {
      work_recs_.push_back(order[i]);
      work_of_rec_[order[i]] = num_works_;
    }
    work_rec_offsets_.push_back(work_recs_.size());
    ++num_works_;
  }
}

// Citations-only records find their work by folded title + year; when
// several works share that key, by the first author's surname as well.
// Unjoined records are dropped (counted in the summary).
void BuildState::JoinCitations() {
  for (ShardStore* s : shards_) citation_records_ += s->citations.size();
  if (citation_records_ == 0) return;
  std::unordered_map<std::string, std::vector<WorkId>> by_key;
  for (uint32_t r = 0; r < recs_.size(); ++r) {
    if (Rec(r).year == 0) continue;
    auto& works = by_key[TitleKey(FoldText(RecStr(r, Rec(r).title)), Rec(r).year)];
    if (std::find(works.begin(), works.end(), work_of_rec_[r]) == works.end()) works.push_back(work_of_rec_[r]);
  }
  auto first_surname = [&](WorkId w) -> std::string {
    const uint32_t r = work_recs_[work_rec_offsets_[w]];
    const ShardWork& x = Rec(r);
    if (x.mention_count == 0) return {};
    const std::string norm =
        NormalizePersonName(RecStr(r, shards_[recs_[r].shard]->mentions[x.mention_begin].name));
    return norm.substr(norm.find_last_of(' ') + 1);
  };
  for (uint32_t s = 0; s < shards_.size(); ++s) {
    for (const ShardCitation& c : shards_[s]->citations) {
      auto it = by_key.find(TitleKey(FoldText(Str(s, c.title)), c.year));
      if (it == by_key.end()) continue;
      WorkId work = it->second.size() == 1 ? it->second[0] : kNone;
      if (work == kNone && !Str(s, c.surname).empty()) {
        for (WorkId w : it->second) {
          if (first_surname(w) != Str(s, c.surname)) continue;
          if (work != kNone) {  // still ambiguous
            work = kNone;
            break;
          }
          work = w;
        }
      }
      if (work == kNone) continue;
      CitationCount count{};
      count.count = c.count;
      count.as_of = c.as_of;
      count.source = c.source;
      joined_counts_.emplace_back(work, count);
    }
  }
  std::stable_sort(joined_counts_.begin(), joined_counts_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

Status BuildState::BuildWorkColumns(const std::string& spill_dir) {
  using format::Column;
  ST_ASSIGN_OR_RETURN(work_source_id_, SpilledStrings::Create(spill_dir, Column::kWorkSourceId));
  ST_ASSIGN_OR_RETURN(work_doi_, SpilledStrings::Create(spill_dir, Column::kWorkDoi));
  ST_ASSIGN_OR_RETURN(work_title_, SpilledStrings::Create(spill_dir, Column::kWorkTitle));
  ST_ASSIGN_OR_RETURN(work_abstract_, SpilledStrings::Create(spill_dir, Column::kWorkAbstract));
  ST_ASSIGN_OR_RETURN(work_refs_, SpilledCsr<WorkId>::Create(spill_dir, Column::kWorkRefs));
  ST_ASSIGN_OR_RETURN(work_cites_, SpilledCsr<YearCitations>::Create(spill_dir, Column::kWorkCites));
  ST_ASSIGN_OR_RETURN(work_counts_, SpilledCsr<CitationCount>::Create(spill_dir, Column::kWorkCounts));
  ST_ASSIGN_OR_RETURN(work_topics_, SpilledCsr<TopicWeight>::Create(spill_dir, Column::kWorkTopics));
  work_info_.resize(num_works_);
  // References resolve by every record's id and alt id (as work_by_id_,
  // complete since MergeWorks); those in OpenAlex's form by their code.
  // The work index: every record's id, DOI and alt id finds its work
  // (BuildIndexes sorts the entries, so their order here does not matter).
  WorkByCode work_by_code(work_by_id_.size());
  work_keys_ = RecordWriter(spill_dir);
  for (uint32_t r = 0; r < recs_.size(); ++r) {
    const ShardWork& x = Rec(r);
    for (auto [field, is_id] : {std::pair{x.id, true}, std::pair{x.doi, false}, std::pair{x.alt_id, true}}) {
      if (field == 0) continue;
      const std::string key = NormalizeExternalId(RecStr(r, field));
      if (key.empty()) continue;
      if (uint64_t code = is_id ? NumericIdCode(key) : 0) work_by_code.Insert(code, work_of_rec_[r]);
      work_keys_.PutString(key);
      work_keys_.Put(work_of_rec_[r]);
      work_keys_.EndRecord();
    }
  }
  auto resolve = [&](std::string_view ref) {
    // A ref already in the form (the usual case) is its own normalised id.
    uint64_t code = NumericIdCode(ref);
    std::string key;
    if (code == 0) {
      key = NormalizeExternalId(ref);
      code = NumericIdCode(key);
    }
    if (code != 0) return work_by_code.Find(code);
    uint32_t rec = key.empty() ? KeyTable::kAbsent
                               : work_by_id_.Find(key, [&](uint32_t other) { return RecHasId(other, key); });
    return rec == KeyTable::kAbsent ? kNone : work_of_rec_[rec];
  };
  std::vector<ShardDetail> details;  // of the work's records, in group order
  std::vector<std::string> detail_bytes;
  std::vector<WorkId> refs;
  size_t joined = 0;  // cursor into joined_counts_ (sorted by work)
  for (WorkId w = 0; w < num_works_; ++w) {
    std::span<const uint32_t> group(work_recs_.data() + work_rec_offsets_[w],
                                    work_rec_offsets_[w + 1] - work_rec_offsets_[w]);
    uint32_t primary = group[0];
    const ShardWork& p = Rec(primary);
    auto first_nonempty = [&](uint32_t ShardWork::*field) -> std::string_view {
      for (uint32_t r : group)
        if (!RecStr(r, Rec(r).*field).empty()) return RecStr(r, Rec(r).*field);
      return {};
    };
    if (details.size() < group.size()) {
      details.resize(group.size());
      detail_bytes.resize(group.size());
    }
    for (size_t i = 0; i < group.size(); ++i) {
      const uint32_t r = group[i];
      ST_RETURN_IF_ERROR(shards_[recs_[r].shard]->ReadDetail(Rec(r), detail_bytes[i], details[i]));
    }
    std::string_view abstract;
    for (size_t i = 0; i < group.size() && abstract.empty(); ++i) abstract = details[i].abstract;
    work_source_id_->Add(RecStr(primary, p.id));
    work_doi_->Add(NormalizeExternalId(first_nonempty(&ShardWork::doi)));
    work_title_->Add(first_nonempty(&ShardWork::title));
    work_abstract_->Add(abstract);

    WorkInfo info{};
    info.cited_by_count = -1;
    info.rating_avg = -1;
    info.venue = kNone;
    info.source = p.source;
    size_t best_cites = 0;  // in the group
    uint32_t venue_rec = primary;
    // One count per citation source: the largest its records gave, the latest date.
    std::array<CitationCount, corpus::kCitationSources> by_source{};
    for (auto& c : by_source) c.count = -1;
    for (size_t i = 0; i < group.size(); ++i) {
      const uint32_t r = group[i];
      const ShardWork& x = Rec(r);
      if (info.year == 0) info.year = x.year;
      if (x.cited_by_count >= 0) {
        info.cited_by_count = std::max(info.cited_by_count, x.cited_by_count);
        const uint8_t src = std::min<uint8_t>(x.citation_source, corpus::kCitationSources - 1);
        CitationCount& c = by_source[src];
        c.source = src;
        c.count = std::max(c.count, x.cited_by_count);
        c.as_of = std::max(c.as_of, x.citations_as_of);
      }
      if (info.rating_avg < 0 && x.rating_avg >= 0) info.rating_avg = x.rating_avg;
      uint8_t status = x.award ? static_cast<uint8_t>(corpus::PaperStatus::kAward) : x.status;
      if (info.status == 0 && status != 0) info.status = status;
      if (x.cites_count > Rec(group[best_cites]).cites_count) best_cites = i;
      // A paper list names the top venue ("ICLR 2023"); prefer it over a preprint server.
      if (x.source == static_cast<uint8_t>(corpus::Source::kPaperList) &&
          Rec(venue_rec).source != x.source && !RecStr(r, x.venue).empty())
        venue_rec = r;
    }
    const ShardWork& v = Rec(venue_rec);
    std::string_view venue_name = RecStr(venue_rec, v.venue);
    std::string_view venue_id = RecStr(venue_rec, v.venue_id);
    if (!venue_name.empty() || !venue_id.empty()) {
      std::string key = !venue_id.empty() ? "i:" + NormalizeExternalId(venue_id) + "|" + FoldText(venue_name)
                                          : "n:" + FoldText(venue_name);
      auto [it, inserted] = venue_by_key_.emplace(key, static_cast<VenueId>(venue_name_.size()));
      if (inserted) venue_name_.Add(venue_name.empty() ? venue_id : venue_name);
      info.venue = it->second;
    }
    for (; joined < joined_counts_.size() && joined_counts_[joined].first == w; ++joined) {
      const CitationCount& j = joined_counts_[joined].second;
      CitationCount& c = by_source[std::min<uint8_t>(j.source, corpus::kCitationSources - 1)];
      c.source = j.source;
      c.count = std::max(c.count, j.count);
      c.as_of = std::max(c.as_of, j.as_of);
      info.cited_by_count = std::max(info.cited_by_count, j.count);
    }
    work_info_[w] = info;
    for (const CitationCount& c : by_source)
      if (c.count >= 0) work_counts_->Append({&c, 1});
    work_counts_->EndRow();

    std::vector<YearCitations> yc;
    for (const corpus::YearCount& y : details[best_cites].cites) yc.push_back({y.year, 0, y.count});
    std::sort(yc.begin(), yc.end(), [](auto& a, auto& b) { return a.year < b.year; });
    work_cites_->Append(yc);
    work_cites_->EndRow();

    std::vector<TopicWeight> topics;
    for (size_t i = 0; i < group.size(); ++i) {
      const ShardStore& sh = *shards_[recs_[group[i]].shard];
      for (const ShardTopic& t : details[i].topics) {
        std::string_view id = sh.strings.Get(t.id), name = sh.strings.Get(t.name);
        std::string key = !id.empty() ? NormalizeExternalId(id) : "n:" + FoldText(name);
        auto [it, inserted] = topic_by_key_.emplace(key, static_cast<TopicId>(topic_name_.size()));
        if (inserted) {
          topic_name_.Add(name.empty() ? id : name);
          topic_field_.Add(sh.strings.Get(t.field));
          topic_key_.Add(key);
        }
        auto same = std::find_if(topics.begin(), topics.end(), [&](auto& tw) { return tw.topic == it->second; });
        float score = std::clamp(t.score, 0.0f, 1.0f);
        if (same == topics.end()) topics.push_back({it->second, score});
        else same->weight = std::max(same->weight, score);
      }
    }
    std::sort(topics.begin(), topics.end(), [](auto& a, auto& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.topic < b.topic;
    });
    work_topics_->Append(topics);
    work_topics_->EndRow();

    refs.clear();
    for (size_t i = 0; i < group.size(); ++i)
      for (std::string_view ref : details[i].refs) {
        WorkId target = resolve(ref);
        if (target != kNone && target != w) refs.push_back(target);
      }
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    work_refs_->Append(refs);
    work_refs_->EndRow();
  }
  return EndWorkColumns();
}

Status BuildState::EndWorkColumns() {
  ST_RETURN_IF_ERROR(work_keys_.Finish());
  // WriteFile's order: source id, DOI, title, abstract, then (after the
  // authors) references, citations by year, counts, topics.
  auto& out = spilled_work_columns_;
  for (auto* col : {&work_source_id_, &work_doi_, &work_title_, &work_abstract_})
    ST_RETURN_IF_ERROR((*col)->End(&out));
  num_references_ = work_refs_->size();
  ST_RETURN_IF_ERROR(work_refs_->End(&out));
  ST_RETURN_IF_ERROR(work_cites_->End(&out));
  ST_RETURN_IF_ERROR(work_counts_->End(&out));
  return work_topics_->End(&out);
}

void BuildState::ReleaseShards() {
  for (ShardStore* shard : shards_) *shard = ShardStore();
  Release(recs_, work_of_rec_, global_inst_of_local_, mention_refs_);
}

uint32_t BuildState::GlobalInst(uint32_t shard, uint32_t local_inst) {
  // Shards hold each distinct institution once: resolve it once.
  constexpr uint32_t kUnresolved = kNone - 1;
  auto& cache = global_inst_of_local_[shard];
  if (cache.empty()) cache.assign(shards_[shard]->insts.size(), kUnresolved);
  if (cache[local_inst] != kUnresolved) return cache[local_inst];
  return cache[local_inst] = ResolveInst(shard, local_inst);
}

uint32_t BuildState::ResolveInst(uint32_t shard, uint32_t local_inst) {
  const ShardInst& si = shards_[shard]->insts[local_inst];
  std::string_view oa = Str(shard, si.openalex_id), name = Str(shard, si.name);
  std::string key;
  if (!oa.empty()) key = "i:" + NormalizeExternalId(oa);
  else if (!FoldText(name).empty()) key = "n:" + FoldText(name);
  else return kNone;
  auto [it, inserted] = inst_by_key_.emplace(std::move(key), static_cast<uint32_t>(insts_.size()));
  if (inserted) insts_.push_back({});
  Inst& g = insts_[it->second];
  if (g.openalex_id.empty() && !oa.empty()) g.openalex_id = NormalizeExternalId(oa);
  if (g.name.empty()) g.name = name;
  if (g.country.empty()) g.country = Str(shard, si.country);
  if (g.type.empty()) g.type = Str(shard, si.type);
  if (g.city.empty()) g.city = Str(shard, si.city);
  // An institution's e-mail domain counts only while its authors agree on the
  // organisation it means: "Stanford University" written from stanford.edu
  // and from google.com is not Google.
  if (std::string domain(Str(shard, si.domain)); !domain.empty() && !g.domain_mixed) {
    if (g.domain.empty()) g.domain = std::move(domain);
    else if (OrgMapper::OrgForEmailDomain(domain) != OrgMapper::OrgForEmailDomain(g.domain)) g.domain_mixed = true;
  }
  return it->second;
}

void BuildState::FinishInstitutions() {
  for (const Inst& i : insts_) {
    inst_name_.Add(i.name.empty() ? i.openalex_id : i.name);
    inst_openalex_.Add(i.openalex_id);
    inst_country_.Add(i.country);
    inst_type_.Add(i.type);
    std::string org = orgs_.OrgFor(i.openalex_id, i.name, i.domain_mixed ? std::string_view() : std::string_view(i.domain));
    inst_org_.Add(org.empty() ? (i.name.empty() ? i.openalex_id : i.name) : org);
    inst_city_.Add(i.city);
    inst_domain_.Add(i.domain_mixed ? std::string() : i.domain);
  }
}

}  // namespace st::graph

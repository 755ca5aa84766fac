#include "graph/shard.h"

#include "base/names.h"

#include <algorithm>
#include <cstring>

namespace st::graph {
namespace {
constexpr size_t kBlockBytes = 1 << 20;

}  // namespace

void ShardDetail::Encode(const corpus::WorkRecord& r, const std::vector<ShardTopic>& topics, RecordWriter& out) {
  out.PutString(r.abstract);
  for (const corpus::YearCount& y : r.counts_by_year) {
    out.Put(y.year);
    out.Put(y.count);
  }
  for (const ShardTopic& t : topics) out.Put(t);
  for (const std::string& ref : r.references) out.PutString(ref);
}

bool ShardDetail::Decode(std::string_view bytes, const ShardWork& w) {
  RecordReader in(bytes);
  if (!in.GetString(abstract)) return false;
  cites.resize(w.cites_count);
  for (corpus::YearCount& y : cites)
    if (!in.Get(y.year) || !in.Get(y.count)) return false;
  topics.resize(w.topic_count);
  for (ShardTopic& t : topics)
    if (!in.Get(t)) return false;
  refs.resize(w.ref_count);
  for (std::string_view& ref : refs)
    if (!in.GetString(ref)) return false;
  return in.done();
}

StringArena::StringArena() { strings_.emplace_back(); }

std::string_view StringArena::Store(std::string_view s) {
  if (s.empty()) return {};
  if (s.size() > block_size_ - block_used_) {
    // Big strings get a block of their own so small blocks stay dense.
    size_t size = std::max(kBlockBytes, s.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    block_size_ = size;
    block_used_ = 0;
  }
  char* dst = blocks_.back().get() + block_used_;
  std::memcpy(dst, s.data(), s.size());
  block_used_ += s.size();
  return {dst, s.size()};
}

uint32_t StringArena::Intern(std::string_view s) {
  if (s.empty()) return 0;
  if ((index_.size() + 1) * 2 > index_.capacity()) index_.Grow([&](uint32_t id) { return strings_[id]; });
  const auto id = static_cast<uint32_t>(strings_.size());
  auto [found, inserted] = index_.FindOrInsert(s, id, [&](uint32_t v) { return strings_[v] == s; });
  if (inserted) strings_.push_back(Store(s));
  return found;
}

uint32_t StringArena::AddUnique(std::string_view s) {
  if (s.empty()) return 0;
  uint32_t id = static_cast<uint32_t>(strings_.size());
  strings_.push_back(Store(s));
  return id;
}

void StringArena::Freeze() {
  index_ = {};
  strings_.shrink_to_fit();
}

uint32_t ShardStore::AddInst(const corpus::InstitutionRef& inst) {
  ShardInst key{strings.Intern(inst.openalex_id),
                strings.Intern(inst.name),
                strings.Intern(inst.country_code.empty() ? inst.country_name : inst.country_code),
                strings.Intern(inst.type),
                strings.Intern(inst.domain),
                strings.Intern(inst.city)};
  auto [it, inserted] = inst_index_.emplace(key, static_cast<uint32_t>(insts.size()));
  if (inserted) insts.push_back(key);
  return it->second;
}

static_assert(sizeof(ShardWork) == 80 && sizeof(ShardMention) == 32, "per-record build memory");

void ShardStore::Add(const corpus::WorkRecord& r) {
  if (r.citations_only) {
    if (r.cited_by_count < 0 || r.title.empty()) return;
    std::string surname;
    if (!r.authors.empty()) {
      const std::string norm = NormalizePersonName(r.authors[0].name);
      surname = norm.substr(norm.find_last_of(' ') + 1);
    }
    const auto source = r.citation_source == corpus::CitationSource::kNone ? corpus::CitationSource::kGoogleScholar
                                                                          : r.citation_source;
    citations.push_back({strings.AddUnique(r.title), strings.Intern(surname),
                         static_cast<int32_t>(std::min<int64_t>(r.cited_by_count, INT32_MAX)), r.citations_as_of,
                         r.year, static_cast<uint8_t>(source)});
    return;
  }
  ShardWork w{};
  w.input = input_;
  // A record's ids and DOI are its own: deduplicating them would cost an index
  // slot each (16-32 bytes) to save nothing.
  w.id = strings.AddUnique(r.id);
  w.doi = strings.AddUnique(r.doi);
  w.alt_id = strings.AddUnique(r.alt_id);
  w.title = strings.AddUnique(r.title);
  w.venue = strings.Intern(r.venue);
  w.venue_id = strings.Intern(r.venue_id);
  w.cited_by_count = static_cast<int32_t>(std::clamp<int64_t>(r.cited_by_count, -1, INT32_MAX));
  w.citation_source = static_cast<uint8_t>(r.citation_source);
  if (r.cited_by_count >= 0 && r.citation_source == corpus::CitationSource::kNone) {
    // A record made without ReadFile (tests, generators): its source's counts.
    using S = corpus::Source;
    using C = corpus::CitationSource;
    w.citation_source = static_cast<uint8_t>(r.source == S::kPaperList          ? C::kGoogleScholar
                                             : r.source == S::kSemanticScholar ? C::kSemanticScholar
                                                                               : C::kOpenAlex);
  }
  w.citations_as_of = r.citations_as_of;
  w.rating_avg = r.rating_avg;
  w.year = r.year;
  w.source = static_cast<uint8_t>(r.source);
  w.status = static_cast<uint8_t>(r.status);
  w.award = r.award;
  w.mention_begin = static_cast<uint32_t>(mentions.size());
  for (const corpus::Authorship& a : r.authors) {
    // An authorship with neither a name nor an id cannot become a person.
    if (a.name.empty() && a.openalex_id.empty() && a.orcid.empty() && a.openreview_id.empty() &&
        a.s2_id.empty())
      continue;
    ShardMention m{};
    m.name = strings.Intern(a.name);
    m.openalex_id = a.s2_id.empty() ? strings.Intern(a.openalex_id) : strings.Intern("S2:" + a.s2_id);
    m.orcid = strings.Intern(a.orcid);
    m.openreview_id = strings.Intern(a.openreview_id);
    m.email = strings.Intern(a.email);
    m.position_title = strings.Intern(a.position_title);
    m.position = static_cast<uint8_t>(a.position);
    m.inst_begin = static_cast<uint32_t>(mention_insts.size());
    size_t n = std::min<size_t>(a.institutions.size(), 0xFFFF);
    for (size_t i = 0; i < n; ++i) mention_insts.push_back(AddInst(a.institutions[i]));
    m.inst_count = static_cast<uint16_t>(n);
    mentions.push_back(m);
  }
  w.mention_count = static_cast<uint32_t>(mentions.size() - w.mention_begin);
  topic_scratch_.clear();
  for (const corpus::TopicRef& t : r.topics) {
    if (t.id.empty() && t.name.empty()) continue;
    topic_scratch_.push_back({strings.Intern(t.id), strings.Intern(t.name), strings.Intern(t.field), t.score});
  }
  w.cites_count = static_cast<uint32_t>(r.counts_by_year.size());
  w.topic_count = static_cast<uint32_t>(topic_scratch_.size());
  w.ref_count = static_cast<uint32_t>(r.references.size());
  w.detail_offset = detail_.size();
  ShardDetail::Encode(r, topic_scratch_, detail_);
  w.detail_bytes = static_cast<uint32_t>(detail_.size() - w.detail_offset);
  detail_.EndRecord();
  works.push_back(w);
}

Status ShardStore::ReadDetail(const ShardWork& w, std::string& buffer, ShardDetail& out) const {
  buffer.clear();
  ST_RETURN_IF_ERROR(detail_.file().ReadRange(w.detail_offset, w.detail_bytes, [&](std::string_view block) {
    buffer.append(block);
    return Status::Ok();
  }));
  if (buffer.size() != w.detail_bytes || !out.Decode(buffer, w))
    return Status::Corruption("a work's details in the build's temporary file do not parse");
  return Status::Ok();
}

void ShardStore::StartFile(uint32_t input) {
  input_ = input;
  mark_works_ = works.size();
  mark_mentions_ = mentions.size();
  mark_mention_insts_ = mention_insts.size();
  mark_citations_ = citations.size();
}

void ShardStore::DropFile() {
  works.resize(mark_works_);
  mentions.resize(mark_mentions_);
  mention_insts.resize(mark_mention_insts_);
  citations.resize(mark_citations_);
}

Status ShardStore::Finish() {
  Status status = detail_.Finish();
  topic_scratch_ = {};
  strings.Freeze();
  inst_index_ = {};
  insts.shrink_to_fit();
  works.shrink_to_fit();
  mentions.shrink_to_fit();
  mention_insts.shrink_to_fit();
  citations.shrink_to_fit();
  return status;
}

void ShardStore::ReleaseWorkDetails() {
  detail_ = RecordWriter();
  citations = {};
  constexpr uint32_t kDropped = 0xFFFFFFFFu;
  std::vector<uint32_t> new_id(strings.All().size(), kDropped);
  StringArena kept;
  auto keep = [&](uint32_t& id) {
    if (id == 0) return;
    if (new_id[id] == kDropped) new_id[id] = kept.AddUnique(strings.Get(id));
    id = new_id[id];
  };
  for (ShardWork& w : works) w.id = w.doi = w.alt_id = w.title = w.venue = w.venue_id = 0;
  for (ShardMention& m : mentions) {
    keep(m.name), keep(m.openalex_id), keep(m.orcid), keep(m.openreview_id), keep(m.email);
    keep(m.position_title);
  }
  for (ShardInst& i : insts) {
    keep(i.openalex_id), keep(i.name), keep(i.country), keep(i.type), keep(i.domain);
    keep(i.city);
  }
  new_id = {};
  kept.Freeze();
  strings = std::move(kept);
}

}  // namespace st::graph

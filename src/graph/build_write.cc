// GraphBuilder's last steps: sorted key indexes and the file itself.
#include <algorithm>

#include "graph/build_state.h"

namespace st::graph {

// One key index entry while it is sorted: the key is bytes [at, at + len) of
// the records read back; `prefix` holds its first 8 bytes (big-endian, zero
// padded), so most comparisons end without reading them.
struct BuildState::IndexScratch {
  struct Entry {
    uint64_t prefix;
    uint64_t at;
    uint32_t len;
    uint32_t value;
  };
  std::string records;
  std::vector<Entry> entries;
};

Status BuildState::SortIndex(RecordWriter& records, format::Column c, const std::string& spill_dir,
                             IndexScratch& scratch) {
  using Entry = IndexScratch::Entry;
  ST_RETURN_IF_ERROR(records.Finish());
  // The scratch keeps its capacity from one index to the next: no page is
  // given back and faulted in again.
  std::string& bytes = scratch.records;
  bytes.clear();
  bytes.reserve(records.file().size());
  ST_RETURN_IF_ERROR(records.file().ReadRange(0, records.file().size(), [&](std::string_view block) {
    bytes.append(block);
    return Status::Ok();
  }));
  records = RecordWriter();
  std::vector<Entry>& index = scratch.entries;
  index.clear();
  for (RecordReader in(bytes); !in.done();) {
    std::string_view key;
    uint32_t value = 0;
    if (!in.GetString(key) || !in.Get(value))
      return Status::Corruption("the build's temporary key index file ends inside an entry");
    uint64_t prefix = 0;
    for (size_t i = 0; i < 8; ++i) prefix = prefix << 8 | (i < key.size() ? static_cast<uint8_t>(key[i]) : 0);
    index.push_back({prefix, static_cast<uint64_t>(key.data() - bytes.data()), static_cast<uint32_t>(key.size()), value});
  }
  // Sorted by key text, then value; no pair twice. Equal prefixes: a key of
  // at most 8 bytes is a prefix of the other key (the padding is the
  // smallest byte), else the rest decides.
  auto tail = [&](const Entry& e) { return std::string_view(bytes.data() + e.at + 8, e.len - 8); };
  auto key_order = [&](const Entry& a, const Entry& b) -> int {
    if (a.prefix != b.prefix) return a.prefix < b.prefix ? -1 : 1;
    if (a.len <= 8 || b.len <= 8) return a.len == b.len ? 0 : a.len < b.len ? -1 : 1;
    return tail(a).compare(tail(b));
  };
  auto key_less = [&](const Entry& a, const Entry& b) {
    const int order = key_order(a, b);
    return order != 0 ? order < 0 : a.value < b.value;
  };
  auto key_equal = [&](const Entry& a, const Entry& b) { return a.value == b.value && key_order(a, b) == 0; };
  std::sort(index.begin(), index.end(), key_less);
  index.erase(std::unique(index.begin(), index.end(), key_equal), index.end());
  ST_ASSIGN_OR_RETURN(SpilledStrings out_keys, SpilledStrings::Create(spill_dir, c));
  ST_ASSIGN_OR_RETURN(SpilledArray<uint32_t> out_values,
                      SpilledArray<uint32_t>::Create(spill_dir, format::SectionId(c, format::kValues)));
  for (const Entry& e : index) {
    out_keys.Add(std::string_view(bytes.data() + e.at, e.len));
    out_values.Add(e.value);
  }
  ST_RETURN_IF_ERROR(out_keys.End(&index_columns_));
  ST_RETURN_IF_ERROR(out_values.End(&index_columns_));
  index_keys_.push_back(std::move(out_keys));
  index_values_.push_back(std::move(out_values));
  return Status::Ok();
}

// One index at a time: the build holds only the one being sorted.
Status BuildState::BuildIndexes(const std::string& spill_dir) {
  using format::Column;
  IndexScratch scratch;
  ST_RETURN_IF_ERROR(SortIndex(ext_keys_, Column::kExtIdIndex, spill_dir, scratch));
  ST_RETURN_IF_ERROR(SortIndex(name_keys_, Column::kNameIndex, spill_dir, scratch));
  ST_RETURN_IF_ERROR(SortIndex(block_keys_, Column::kBlockIndex, spill_dir, scratch));
  ST_RETURN_IF_ERROR(SortIndex(work_keys_, Column::kWorkIndex, spill_dir, scratch));
  Release(scratch.records, scratch.entries);
  return Status::Ok();
}

Status BuildState::WriteFile(const std::string& path) {
  using format::Column;
  SectionWriter w;
  w.AddArray(format::SectionId(Column::kWorkInfo, format::kData), work_info_);
  // Source id, DOI, title and abstract (8 sections), then references,
  // citations by year, counts and topics: spilled (SpillWorkColumns).
  const auto& spilled = spilled_work_columns_;
  for (size_t i = 0; i < 8 && i < spilled.size(); ++i) w.AddSpilled(*spilled[i].first, spilled[i].second);
  w.AddSpilled(work_authors_columns_);
  for (size_t i = 8; i < spilled.size(); ++i) w.AddSpilled(*spilled[i].first, spilled[i].second);
  w.AddSpilled(author_columns_);
  w.AddSpilled(coauthor_columns_);
  w.AddSpilled(author_tail_columns_);

  w.AddStrings(Column::kInstName, inst_name_);
  w.AddStrings(Column::kInstOpenAlex, inst_openalex_);
  w.AddStrings(Column::kInstCountry, inst_country_);
  w.AddStrings(Column::kInstCity, inst_city_);
  w.AddStrings(Column::kInstDomain, inst_domain_);
  w.AddStrings(Column::kInstType, inst_type_);
  w.AddStrings(Column::kInstOrg, inst_org_);
  w.AddStrings(Column::kTopicName, topic_name_);
  w.AddStrings(Column::kTopicField, topic_field_);
  w.AddStrings(Column::kTopicKey, topic_key_);
  w.AddStrings(Column::kVenueName, venue_name_);

  w.AddSpilled(index_columns_);

  format::FileHeader header{};
  header.num_authors = num_authors_;
  header.num_works = num_works_;
  header.num_institutions = static_cast<uint32_t>(insts_.size());
  header.num_topics = static_cast<uint32_t>(topic_name_.size());
  header.num_venues = static_cast<uint32_t>(venue_name_.size());
  return w.Write(path, header);
}

}  // namespace st::graph

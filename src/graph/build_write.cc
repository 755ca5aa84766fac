// GraphBuilder's last steps: sorted key indexes and the file itself.
#include <algorithm>

#include "graph/build_state.h"

namespace st::graph {

Status BuildState::SortIndex(RecordWriter& records, format::Column c, const std::string& spill_dir) {
  ST_RETURN_IF_ERROR(records.Finish());
  // Keys in an arena (16 bytes a key plus its text, not a std::string each);
  // each entry carries its key's first 8 bytes (big-endian, zero padded), so
  // most comparisons end without reading the arena.
  StringArena keys;
  struct Entry {
    uint64_t prefix;
    uint32_t key;  // id in `keys`
    uint32_t value;
  };
  std::vector<Entry> index;
  // A record is at least 6 bytes (length, a byte of key, value): reserved
  // address space only, pages are touched as entries come.
  index.reserve(records.file().size() / 6);
  ST_RETURN_IF_ERROR(ReadRecords(records.file(), "the build's temporary key index file", [&](RecordReader& in) {
    std::string_view key;
    uint32_t value = 0;
    if (!in.GetString(key) || !in.Get(value)) return false;
    uint64_t prefix = 0;
    for (size_t i = 0; i < 8; ++i) prefix = prefix << 8 | (i < key.size() ? static_cast<uint8_t>(key[i]) : 0);
    index.push_back({prefix, keys.AddUnique(key), value});
    return true;
  }));
  records = RecordWriter();
  // Sorted by key text, then value; no pair twice. A smaller prefix means a
  // smaller key (a shorter key pads with the smallest byte).
  auto key_less = [&](const Entry& a, const Entry& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    const std::string_view x = keys.Get(a.key), y = keys.Get(b.key);
    return x != y ? x < y : a.value < b.value;
  };
  auto key_equal = [&](const Entry& a, const Entry& b) {
    return a.value == b.value && a.prefix == b.prefix && keys.Get(a.key) == keys.Get(b.key);
  };
  std::sort(index.begin(), index.end(), key_less);
  index.erase(std::unique(index.begin(), index.end(), key_equal), index.end());
  ST_ASSIGN_OR_RETURN(SpilledStrings out_keys, SpilledStrings::Create(spill_dir, c));
  ST_ASSIGN_OR_RETURN(SpilledArray<uint32_t> out_values,
                      SpilledArray<uint32_t>::Create(spill_dir, format::SectionId(c, format::kValues)));
  for (const Entry& e : index) {
    out_keys.Add(keys.Get(e.key));
    out_values.Add(e.value);
  }
  ST_RETURN_IF_ERROR(out_keys.End(&index_columns_));
  ST_RETURN_IF_ERROR(out_values.End(&index_columns_));
  index_keys_.push_back(std::move(out_keys));
  index_values_.push_back(std::move(out_values));
  Release(index, keys);
  return Status::Ok();
}

// One index at a time: the build holds only the one being sorted.
Status BuildState::BuildIndexes(const std::string& spill_dir) {
  using format::Column;
  ST_RETURN_IF_ERROR(SortIndex(ext_keys_, Column::kExtIdIndex, spill_dir));
  ST_RETURN_IF_ERROR(SortIndex(name_keys_, Column::kNameIndex, spill_dir));
  ST_RETURN_IF_ERROR(SortIndex(block_keys_, Column::kBlockIndex, spill_dir));
  return SortIndex(work_keys_, Column::kWorkIndex, spill_dir);
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

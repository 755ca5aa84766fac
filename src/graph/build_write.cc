// GraphBuilder's last steps: sorted key indexes and the file itself.
#include <algorithm>

#include "graph/build_state.h"

namespace st::graph {
namespace {

template <typename Id>
void SortUnique(std::vector<std::pair<std::string, Id>>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

struct IndexColumns {
  StringColumn keys;
  std::vector<uint32_t> values;
};

template <typename Id>
IndexColumns ToColumns(const std::vector<std::pair<std::string, Id>>& v) {
  IndexColumns c;
  c.values.reserve(v.size());
  for (const auto& [key, id] : v) {
    c.keys.Add(key);
    c.values.push_back(id);
  }
  return c;
}

}  // namespace

Status BuildState::BuildIndexes() {
  SortUnique(ext_index_);
  SortUnique(name_index_);
  SortUnique(block_index_);
  // The work index, read back from its spill file. Keys in an arena (16
  // bytes a key plus its text, not a std::string each).
  StringArena keys;
  std::vector<std::pair<uint32_t, WorkId>> index;  // key id in `keys`, work
  ST_RETURN_IF_ERROR(ReadRecords(work_keys_.file(), "the build's temporary work index file", [&](RecordReader& in) {
    std::string_view key;
    WorkId work = 0;
    if (!in.GetString(key) || !in.Get(work)) return false;
    index.emplace_back(keys.AddUnique(key), work);
    return true;
  }));
  work_keys_ = RecordWriter();
  // The same order as SortUnique over (key text, work) pairs.
  auto key_less = [&](const auto& a, const auto& b) {
    const std::string_view x = keys.Get(a.first), y = keys.Get(b.first);
    return x != y ? x < y : a.second < b.second;
  };
  auto key_equal = [&](const auto& a, const auto& b) {
    return a.second == b.second && keys.Get(a.first) == keys.Get(b.first);
  };
  std::sort(index.begin(), index.end(), key_less);
  index.erase(std::unique(index.begin(), index.end(), key_equal), index.end());
  work_index_values_.reserve(index.size());
  for (const auto& [key, work] : index) {
    work_index_keys_.Add(keys.Get(key));
    work_index_values_.push_back(work);
  }
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
  w.AddCsr(Column::kWorkAuthors, work_authors_);
  for (size_t i = 8; i < spilled.size(); ++i) w.AddSpilled(*spilled[i].first, spilled[i].second);

  w.AddStrings(Column::kAuthorName, author_name_);
  w.AddStrings(Column::kAuthorOpenAlex, author_openalex_);
  w.AddStrings(Column::kAuthorOrcid, author_orcid_);
  w.AddStrings(Column::kAuthorOpenReview, author_openreview_);
  w.AddStrings(Column::kAuthorPositionTitle, author_position_title_);
  w.AddArray(format::SectionId(Column::kAuthorConfidence, format::kData), author_confidence_);
  w.AddStrings(Column::kAuthorReason, author_reason_);
  w.AddCsr(Column::kAuthorWorks, author_works_);
  w.AddArray(format::SectionId(Column::kCoauthors, format::kOffsets), coauthors_.offsets);
  w.AddArray(format::SectionId(Column::kCoauthors, format::kData), coauthors_.ids);
  w.AddArray(format::SectionId(Column::kCoauthors, format::kValues), coauthors_.weights);
  w.AddCsr(Column::kAffiliations, affiliations_);
  w.AddArray(format::SectionId(Column::kAuthorCurrentInst, format::kData), author_current_inst_);

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

  IndexColumns ext = ToColumns(ext_index_), names = ToColumns(name_index_), blocks = ToColumns(block_index_);
  auto add_index = [&](Column c, const IndexColumns& idx) {
    w.AddStrings(c, idx.keys);
    w.AddArray(format::SectionId(c, format::kValues), idx.values);
  };
  add_index(Column::kExtIdIndex, ext);
  add_index(Column::kNameIndex, names);
  add_index(Column::kBlockIndex, blocks);
  w.AddStrings(Column::kWorkIndex, work_index_keys_);
  w.AddArray(format::SectionId(Column::kWorkIndex, format::kValues), work_index_values_);

  format::FileHeader header{};
  header.num_authors = num_authors_;
  header.num_works = num_works_;
  header.num_institutions = static_cast<uint32_t>(insts_.size());
  header.num_topics = static_cast<uint32_t>(topic_name_.size());
  header.num_venues = static_cast<uint32_t>(venue_name_.size());
  return w.Write(path, header);
}

}  // namespace st::graph

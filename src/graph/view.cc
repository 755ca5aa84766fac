#include "graph/view.h"

#include <algorithm>
#include <filesystem>
#include <functional>

#include "base/mmap_file.h"
#include "base/parallel_tasks.h"
#include "base/names.h"
#include "corpus/work_record.h"
#include "graph/format.h"
#include "graph/identity.h"
#include "graph/sections.h"
#include "graph/versions.h"

namespace st::graph {

struct Index {
  StringsView keys;
  std::span<const uint32_t> values;
  // Rows whose key equals `key` (keys are sorted).
  std::pair<size_t, size_t> Range(std::string_view key) const {
    size_t lo = 0, hi = keys.size();
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (keys.Get(mid) < key) lo = mid + 1; else hi = mid;
    }
    size_t end = lo;
    while (end < keys.size() && keys.Get(end) == key) ++end;
    return {lo, end};
  }
};

struct GraphView::Impl {
  std::string version_dir;
  uint64_t version = 0;
  bool release_checked = false;  // OpenPages::kRelease
  MmapFile file;
  SectionTable table;
  uint32_t authors = 0, works = 0, insts = 0, topics = 0, venues = 0;

  std::span<const WorkInfo> work_info;
  StringsView work_source_id, work_doi, work_title, work_abstract;
  CsrView<AuthorSlot> work_authors;
  CsrView<WorkId> work_refs;
  CsrView<YearCitations> work_cites;
  CsrView<CitationCount> work_counts;
  CsrView<TopicWeight> work_topics;
  StringsView author_name, author_openalex, author_orcid, author_openreview, author_position_title,
      author_reason;
  std::span<const float> author_confidence;
  CsrView<WorkId> author_works;
  CsrView<AuthorId> coauthors;
  std::span<const uint16_t> coauthor_weights;  // binary16, parallel to coauthors.data
  CsrView<AffiliationSpell> affiliations;
  std::span<const InstId> author_current_inst;
  StringsView inst_name, inst_openalex, inst_country, inst_type, inst_org, inst_city, inst_domain;
  StringsView topic_name, topic_field, topic_key, venue_name;
  Index ext_index, name_index, block_index, work_index;

  Status Load();
  Status Validate() const;
};

namespace {

template <typename T, typename F>
Status CheckAll(std::span<const T> items, uint32_t limit, bool allow_none, F id_of,
                const std::string& file, const char* what) {
  const size_t i = FirstFailing(0, items.size(), [&](size_t row) {
    const uint32_t id = id_of(items[row]);
    return id < limit || (allow_none && id == kNone);
  });
  if (i == items.size()) return Status::Ok();
  return Status::Corruption(file + ": " + what + " row " + std::to_string(i) + " refers to id " +
                            std::to_string(id_of(items[i])) + " of " + std::to_string(limit));
}

uint64_t VersionFromDir(const std::string& dir) {
  std::string name = std::filesystem::path(dir).filename().string();
  if (name.size() < 2 || name[0] != 'v') return 0;
  uint64_t v = 0;
  for (size_t i = 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
    v = v * 10 + static_cast<uint64_t>(name[i] - '0');
  }
  return v;
}

}  // namespace

Status GraphView::Impl::Load() {
  using format::Column;
  std::string path = version_dir + "/" + format::kGraphFileName;
  ST_ASSIGN_OR_RETURN(file, MmapFile::Open(path));
  // The checksums read the whole file, and loading a column checks its
  // offsets (reads them all); with OpenPages::kRelease each range's pages go
  // back as soon as it is checked (they stay in the page cache), so opening a
  // graph keeps resident only what callers read later.
  std::function<void(const uint8_t*, size_t)> release;
  if (release_checked) release = [this](const uint8_t* p, size_t n) { file.DropResidentPages(p, n); };
  ST_RETURN_IF_ERROR(table.Parse(file.data(), file.size(), path, release));
  const format::FileHeader& h = table.header();
  authors = h.num_authors, works = h.num_works, insts = h.num_institutions;
  topics = h.num_topics, venues = h.num_venues;
  auto data = [](Column c) { return format::SectionId(c, format::kData); };

  ST_ASSIGN_OR_RETURN(work_info, table.Array<WorkInfo>(data(Column::kWorkInfo), works));
  ST_ASSIGN_OR_RETURN(work_source_id, table.Strings(Column::kWorkSourceId, works));
  ST_ASSIGN_OR_RETURN(work_doi, table.Strings(Column::kWorkDoi, works));
  ST_ASSIGN_OR_RETURN(work_title, table.Strings(Column::kWorkTitle, works));
  ST_ASSIGN_OR_RETURN(work_abstract, table.Strings(Column::kWorkAbstract, works));
  ST_ASSIGN_OR_RETURN(work_authors, table.Csr<AuthorSlot>(Column::kWorkAuthors, works));
  ST_ASSIGN_OR_RETURN(work_refs, table.Csr<WorkId>(Column::kWorkRefs, works));
  ST_ASSIGN_OR_RETURN(work_cites, table.Csr<YearCitations>(Column::kWorkCites, works));
  ST_ASSIGN_OR_RETURN(work_counts, table.Csr<CitationCount>(Column::kWorkCounts, works));
  ST_ASSIGN_OR_RETURN(work_topics, table.Csr<TopicWeight>(Column::kWorkTopics, works));

  ST_ASSIGN_OR_RETURN(author_name, table.Strings(Column::kAuthorName, authors));
  ST_ASSIGN_OR_RETURN(author_openalex, table.Strings(Column::kAuthorOpenAlex, authors));
  ST_ASSIGN_OR_RETURN(author_orcid, table.Strings(Column::kAuthorOrcid, authors));
  ST_ASSIGN_OR_RETURN(author_openreview, table.Strings(Column::kAuthorOpenReview, authors));
  ST_ASSIGN_OR_RETURN(author_position_title, table.Strings(Column::kAuthorPositionTitle, authors));
  ST_ASSIGN_OR_RETURN(author_confidence, table.Array<float>(data(Column::kAuthorConfidence), authors));
  ST_ASSIGN_OR_RETURN(author_reason, table.Strings(Column::kAuthorReason, authors));
  ST_ASSIGN_OR_RETURN(author_works, table.Csr<WorkId>(Column::kAuthorWorks, authors));
  ST_ASSIGN_OR_RETURN(coauthors, table.Csr<AuthorId>(Column::kCoauthors, authors));
  ST_ASSIGN_OR_RETURN(coauthor_weights, table.Array<uint16_t>(format::SectionId(Column::kCoauthors, format::kValues),
                                                              coauthors.data.size()));
  ST_ASSIGN_OR_RETURN(affiliations, table.Csr<AffiliationSpell>(Column::kAffiliations, authors));
  ST_ASSIGN_OR_RETURN(author_current_inst, table.Array<InstId>(data(Column::kAuthorCurrentInst), authors));

  ST_ASSIGN_OR_RETURN(inst_name, table.Strings(Column::kInstName, insts));
  ST_ASSIGN_OR_RETURN(inst_openalex, table.Strings(Column::kInstOpenAlex, insts));
  ST_ASSIGN_OR_RETURN(inst_country, table.Strings(Column::kInstCountry, insts));
  ST_ASSIGN_OR_RETURN(inst_type, table.Strings(Column::kInstType, insts));
  ST_ASSIGN_OR_RETURN(inst_org, table.Strings(Column::kInstOrg, insts));
  if (table.Has(Column::kInstCity)) {  // version ≥ 4
    ST_ASSIGN_OR_RETURN(inst_city, table.Strings(Column::kInstCity, insts));
  }
  if (table.Has(Column::kInstDomain)) {
    ST_ASSIGN_OR_RETURN(inst_domain, table.Strings(Column::kInstDomain, insts));
  }
  ST_ASSIGN_OR_RETURN(topic_name, table.Strings(Column::kTopicName, topics));
  ST_ASSIGN_OR_RETURN(topic_field, table.Strings(Column::kTopicField, topics));
  ST_ASSIGN_OR_RETURN(topic_key, table.Strings(Column::kTopicKey, topics));
  ST_ASSIGN_OR_RETURN(venue_name, table.Strings(Column::kVenueName, venues));

  for (auto [c, idx] : {std::pair{Column::kExtIdIndex, &ext_index}, std::pair{Column::kNameIndex, &name_index},
                        std::pair{Column::kBlockIndex, &block_index}, std::pair{Column::kWorkIndex, &work_index}}) {
    ST_ASSIGN_OR_RETURN(idx->values, table.Array<uint32_t>(format::SectionId(c, format::kValues)));
    ST_ASSIGN_OR_RETURN(idx->keys, table.Strings(c, idx->values.size()));
  }
  return Validate();
}

// Every stored id is checked once at open, so accessors can index without
// bounds checks and a damaged file cannot make a reader read out of bounds.
// The checks are independent scans of the mapping: run on several cores,
// largest first; the first failing check in the list below is reported.
Status GraphView::Impl::Validate() const {
  const std::string& f = version_dir;
  struct Check {
    size_t rows;
    std::function<Status()> run;
  };
  auto ids = [&](auto items, uint32_t limit, bool allow_none, auto id_of, const char* what) {
    return Check{items.size(), [=, this, &f] {
                   Status s = CheckAll(items, limit, allow_none, id_of, f, what);
                   if (release_checked)
                     file.DropResidentPages(reinterpret_cast<const uint8_t*>(items.data()), items.size_bytes());
                   return s;
                 }};
  };
  auto same = [](uint32_t i) { return i; };
  const std::vector<Check> checks = {
      ids(work_info, venues, true, [](const WorkInfo& w) { return w.venue; }, "work venue"),
      ids(work_authors.data, authors, false, [](const AuthorSlot& s) { return s.author; }, "work author"),
      ids(work_refs.data, works, false, same, "work reference"),
      ids(work_topics.data, topics, false, [](const TopicWeight& t) { return t.topic; }, "work topic"),
      ids(work_counts.data, corpus::kCitationSources, false, [](const CitationCount& c) { return uint32_t{c.source}; },
          "citation source"),
      ids(author_works.data, works, false, same, "author work"),
      ids(coauthors.data, authors, false, same, "co-author"),
      ids(affiliations.data, insts, false, [](const AffiliationSpell& s) { return s.inst; }, "affiliation"),
      ids(author_current_inst, insts, true, same, "current institution"),
      ids(ext_index.values, authors, false, same, "id index"),
      ids(name_index.values, authors, false, same, "name index"),
      ids(block_index.values, authors, false, same, "name-key index"),
      ids(work_index.values, works, false, same, "work index"),
  };
  std::vector<Status> results(checks.size());
  ParallelTasksLargestFirst(
      checks.size(), WorkerThreads(), [&](size_t i) { return checks[i].rows; },
      [&](size_t i) { results[i] = checks[i].run(); });
  for (const Status& s : results) ST_RETURN_IF_ERROR(s);
  return Status::Ok();
}

Result<std::shared_ptr<const GraphView>> GraphView::Open(const std::string& version_dir, OpenPages pages) {
  auto impl = std::make_unique<Impl>();
  impl->version_dir = version_dir;
  impl->release_checked = pages == OpenPages::kRelease;
  impl->version = VersionFromDir(version_dir);
  ST_RETURN_IF_ERROR(impl->Load());
  return std::shared_ptr<const GraphView>(new GraphView(std::move(impl)));
}

Result<std::shared_ptr<const GraphView>> GraphView::OpenCurrent(const std::string& graph_dir) {
  ST_ASSIGN_OR_RETURN(std::string dir, CurrentVersionDir(graph_dir));
  return Open(dir);
}

GraphView::GraphView(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GraphView::~GraphView() = default;

const std::string& GraphView::version_dir() const { return impl_->version_dir; }
uint64_t GraphView::version() const { return impl_->version; }
void GraphView::ReleasePages() const { impl_->file.DropResidentPages(); }
uint32_t GraphView::num_authors() const { return impl_->authors; }
uint32_t GraphView::num_works() const { return impl_->works; }
uint32_t GraphView::num_institutions() const { return impl_->insts; }
uint32_t GraphView::num_topics() const { return impl_->topics; }
uint32_t GraphView::num_venues() const { return impl_->venues; }
uint64_t GraphView::num_coauthor_edges() const { return impl_->coauthors.data.size(); }

const WorkInfo& GraphView::Work(WorkId w) const { return impl_->work_info[w]; }
std::string_view GraphView::WorkSourceId(WorkId w) const { return impl_->work_source_id.Get(w); }
std::string_view GraphView::WorkDoi(WorkId w) const { return impl_->work_doi.Get(w); }
std::string_view GraphView::WorkTitle(WorkId w) const { return impl_->work_title.Get(w); }
std::string_view GraphView::WorkAbstract(WorkId w) const { return impl_->work_abstract.Get(w); }
std::span<const AuthorSlot> GraphView::WorkAuthors(WorkId w) const { return impl_->work_authors.Row(w); }
std::span<const WorkId> GraphView::WorkReferences(WorkId w) const { return impl_->work_refs.Row(w); }
std::span<const YearCitations> GraphView::WorkCitationsByYear(WorkId w) const { return impl_->work_cites.Row(w); }
std::span<const CitationCount> GraphView::WorkCitationCounts(WorkId w) const { return impl_->work_counts.Row(w); }
std::span<const TopicWeight> GraphView::WorkTopics(WorkId w) const { return impl_->work_topics.Row(w); }

std::string_view GraphView::AuthorName(AuthorId a) const { return impl_->author_name.Get(a); }
std::string_view GraphView::AuthorOpenAlexId(AuthorId a) const { return impl_->author_openalex.Get(a); }
std::string_view GraphView::AuthorOrcid(AuthorId a) const { return impl_->author_orcid.Get(a); }
std::string_view GraphView::AuthorOpenReviewId(AuthorId a) const { return impl_->author_openreview.Get(a); }
std::string_view GraphView::AuthorPositionTitle(AuthorId a) const { return impl_->author_position_title.Get(a); }
IdentityInfo GraphView::AuthorIdentity(AuthorId a) const {
  return {impl_->author_confidence[a], impl_->author_reason.Get(a)};
}
std::span<const WorkId> GraphView::AuthorWorks(AuthorId a) const { return impl_->author_works.Row(a); }
CoauthorRow GraphView::Coauthors(AuthorId a) const { return CoauthorGraph().Row(a); }
CoauthorCsr GraphView::CoauthorGraph() const {
  return {impl_->coauthors.offsets, impl_->coauthors.data, impl_->coauthor_weights};
}
std::span<const AffiliationSpell> GraphView::AuthorAffiliations(AuthorId a) const {
  return impl_->affiliations.Row(a);
}
InstId GraphView::AuthorCurrentInstitution(AuthorId a) const { return impl_->author_current_inst[a]; }

std::string_view GraphView::InstName(InstId i) const { return impl_->inst_name.Get(i); }
std::string_view GraphView::InstOpenAlexId(InstId i) const { return impl_->inst_openalex.Get(i); }
std::string_view GraphView::InstCountry(InstId i) const { return impl_->inst_country.Get(i); }
std::string_view GraphView::InstCity(InstId i) const {
  return impl_->inst_city.size() ? impl_->inst_city.Get(i) : std::string_view();
}
std::string_view GraphView::InstDomain(InstId i) const {
  return impl_->inst_domain.size() ? impl_->inst_domain.Get(i) : std::string_view();
}
std::string_view GraphView::InstType(InstId i) const { return impl_->inst_type.Get(i); }
std::string_view GraphView::InstOrg(InstId i) const { return impl_->inst_org.Get(i); }
std::string_view GraphView::TopicName(TopicId t) const { return impl_->topic_name.Get(t); }
std::string_view GraphView::TopicField(TopicId t) const { return impl_->topic_field.Get(t); }
std::string_view GraphView::VenueName(VenueId v) const { return impl_->venue_name.Get(v); }

AuthorId GraphView::FindAuthorByExternalId(std::string_view id) const {
  auto [lo, hi] = impl_->ext_index.Range(NormalizeExternalId(id));
  return lo < hi ? impl_->ext_index.values[lo] : kNone;
}

std::vector<AuthorId> GraphView::FindAuthorsByName(std::string_view name) const {
  std::string norm = NormalizePersonName(name);
  std::vector<AuthorId> out;
  auto [lo, hi] = impl_->name_index.Range(norm);
  for (size_t i = lo; i < hi; ++i) out.push_back(impl_->name_index.values[i]);
  if (out.empty() && !norm.empty()) {
    // No exact spelling: people under the same initial + last name whose known
    // names are compatible ("J. Smith" finds "John Smith").
    auto [blo, bhi] = impl_->block_index.Range(NameBlockKey(norm));
    for (size_t i = blo; i < bhi; ++i) {
      AuthorId a = impl_->block_index.values[i];
      if (NamesCompatible(norm, NormalizePersonName(AuthorName(a)))) out.push_back(a);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

WorkId GraphView::FindWorkBySourceId(std::string_view id) const {
  auto [lo, hi] = impl_->work_index.Range(NormalizeExternalId(id));
  return lo < hi ? impl_->work_index.values[lo] : kNone;
}

}  // namespace st::graph

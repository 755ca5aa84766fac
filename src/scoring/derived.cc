#include "scoring/derived.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <thread>

#include "graph/phase_log.h"
#include "scoring/author_metrics.h"
#include "scoring/derived_file.h"
#include "scoring/impact.h"
#include "scoring/pagerank.h"
#include "scoring/quality.h"
#include "scoring/text_index.h"

namespace st::scoring {
namespace {

struct OrgTable {
  std::vector<uint64_t> name_offsets{0};
  std::string name_bytes;
  std::vector<uint32_t> inst_org;
};

OrgTable BuildOrgs(const graph::GraphView& view) {
  OrgTable t;
  std::map<std::string, uint32_t, std::less<>> ids;
  t.inst_org.resize(view.num_institutions());
  for (graph::InstId i = 0; i < view.num_institutions(); ++i) {
    std::string_view org = view.InstOrg(i);
    if (org.empty()) org = view.InstName(i);
    auto it = ids.find(org);
    if (it == ids.end()) {
      it = ids.emplace(std::string(org), static_cast<uint32_t>(ids.size())).first;
      t.name_bytes += org;
      t.name_offsets.push_back(t.name_bytes.size());
    }
    t.inst_org[i] = it->second;
  }
  return t;
}

// Each author's evidence rows (derived_format.h AuthorWork), spilled to a
// temporary file in `dir` (14.7M rows at 5M works: 350 MB).
std::unique_ptr<SpillArray> BuildAuthorWorks(const graph::GraphView& view, std::span<const float> work_weight,
                                             std::span<const uint64_t> work_term_offsets, const std::string& dir,
                                             std::vector<uint64_t>* offsets) {
  auto rows = std::make_unique<SpillArray>(dir, sizeof(format::AuthorWork));
  offsets->assign(1, 0);
  offsets->reserve(view.num_authors() + 1);
  std::vector<format::AuthorWork> buf;
  for (graph::AuthorId a = 0; a < view.num_authors(); ++a) {
    buf.clear();
    for (graph::WorkId w : view.AuthorWorks(a)) {
      format::AuthorWork r{};
      r.terms = work_term_offsets[w];
      r.num_terms = static_cast<uint32_t>(work_term_offsets[w + 1] - work_term_offsets[w]);
      r.work = w;
      r.weight = work_weight[w];
      r.year = view.Work(w).year;
      for (const auto& slot : view.WorkAuthors(w)) {
        if (slot.author == a) {
          r.position = slot.position;
          break;
        }
      }
      buf.push_back(r);
    }
    rows->Append(buf.data(), buf.size());
    offsets->push_back(rows->size());
  }
  return rows;
}

// Strings as offsets (n + 1) + bytes, as the file stores labels.
std::pair<std::vector<uint64_t>, std::string> PackStrings(const std::vector<std::string>& v) {
  std::pair<std::vector<uint64_t>, std::string> out;
  out.first.push_back(0);
  for (const std::string& x : v) {
    out.second += x;
    out.first.push_back(out.second.size());
  }
  return out;
}

}  // namespace

Status BuildDerived(const graph::GraphView& view, const std::string& version_dir,
                    const DeriveOptions& options) {
  const uint32_t num_authors = view.num_authors(), num_works = view.num_works();
  const int now_year = LatestYear(view);
  const std::vector<bool> top_venue = TopVenueFlags(view);
  const unsigned threads = std::max(1u, options.threads);

  // Each work's cohort-normalised impact (impact.h) and its weight as evidence.
  ImpactTables impact = ComputeImpact(view);
  std::vector<float> work_weight(num_works);
  for (graph::WorkId w = 0; w < num_works; ++w)
    work_weight[w] = WorkWeight(impact.works[w], view.Work(w).year, now_year);
  view.ReleasePages();  // each pass keeps resident only the sections it reads
  graph::LogPhase("scoring: impact");

  // Metrics: independent per author, split across threads by id range.
  std::vector<format::AuthorMetrics> metrics(num_authors);
  {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (graph::AuthorId a = t; a < num_authors; a += threads)
          metrics[a] = ComputeAuthorMetrics(view, a, now_year, top_venue, impact.works, work_weight);
      });
    }
    for (auto& th : pool) th.join();
  }

  PageRankOptions pr_options;
  pr_options.threads = threads;
  PageRankResult pr = PageRank(view.CoauthorGraph(), pr_options);
  view.ReleasePages();
  graph::LogPhase("scoring: metrics, PR");

  OrgTable orgs = BuildOrgs(view);
  const uint32_t num_orgs = static_cast<uint32_t>(orgs.name_offsets.size() - 1);
  for (graph::AuthorId a = 0; a < num_authors; ++a) {
    auto& m = metrics[a];
    m.pagerank = pr.rank.empty() ? 0.0f : pr.rank[a];
    const graph::InstId inst = view.AuthorCurrentInstitution(a);
    m.current_org = inst < orgs.inst_org.size() ? orgs.inst_org[inst] : graph::kNone;
  }

  std::vector<uint32_t> by_strength(num_authors);
  std::iota(by_strength.begin(), by_strength.end(), 0u);
  std::stable_sort(by_strength.begin(), by_strength.end(), [&](uint32_t x, uint32_t y) {
    return metrics[x].strength > metrics[y].strength;
  });
  // Authors per current org, each list in strength order.
  std::vector<uint64_t> org_offsets(num_orgs + 1, 0);
  for (graph::AuthorId a = 0; a < num_authors; ++a)
    if (metrics[a].current_org != graph::kNone) ++org_offsets[metrics[a].current_org + 1];
  for (uint32_t o = 0; o < num_orgs; ++o) org_offsets[o + 1] += org_offsets[o];
  std::vector<uint32_t> org_authors(org_offsets.back());
  {
    std::vector<uint64_t> fill(org_offsets.begin(), org_offsets.end() - 1);
    for (uint32_t a : by_strength)
      if (metrics[a].current_org != graph::kNone) org_authors[fill[metrics[a].current_org]++] = a;
  }

  // Shards of the term -> author lists: each organisation with at least
  // min_shard_members current members, then one shared shard for the rest.
  std::vector<uint32_t> org_shard(num_orgs + 1);
  uint32_t num_big = 0;
  for (uint32_t o = 0; o < num_orgs; ++o)
    if (org_offsets[o + 1] - org_offsets[o] >= options.min_shard_members) org_shard[o] = num_big++;
  for (uint32_t o = 0; o <= num_orgs; ++o)
    if (o == num_orgs || org_offsets[o + 1] - org_offsets[o] < options.min_shard_members) org_shard[o] = num_big;
  std::vector<uint32_t> author_shard(num_authors);
  for (graph::AuthorId a = 0; a < num_authors; ++a)
    author_shard[a] = org_shard[metrics[a].current_org == graph::kNone ? num_orgs : metrics[a].current_org];
  TextIndexOptions text_options;
  for (int back : options.since_years_back)
    if (now_year - back > 0) text_options.since_years.push_back(now_year - back);
  text_options.max_author_postings = options.max_author_postings;
  text_options.max_since_postings = options.max_since_postings;
  text_options.spill_dir = version_dir;
  ST_ASSIGN_OR_RETURN(TextIndexData text, BuildTextIndex(view, work_weight, author_shard, text_options));
  author_shard = {};
  view.ReleasePages();
  graph::LogPhase("scoring: text index");
  std::vector<uint64_t> author_work_offsets;
  std::unique_ptr<SpillArray> author_works =
      BuildAuthorWorks(view, work_weight, text.work_term_offsets, version_dir, &author_work_offsets);
  view.ReleasePages();
  graph::LogPhase("scoring: author works");

  format::Header header{};
  header.now_year = now_year;
  header.num_authors = num_authors;
  header.num_works = num_works;
  header.num_orgs = num_orgs;
  DerivedFileWriter writer(header);
  writer.Add(format::kAuthorMetrics, metrics);
  writer.Add(format::kStrengthOrder, by_strength);
  writer.Add(format::kOrgNameOffsets, orgs.name_offsets);
  writer.Add(format::kOrgNameBytes, std::span<const char>(orgs.name_bytes));
  writer.Add(format::kInstOrg, orgs.inst_org);
  writer.Add(format::kOrgAuthorOffsets, org_offsets);
  writer.Add(format::kOrgAuthors, org_authors);
  writer.Add(format::kWorkWeight, work_weight);
  writer.AddSpilled(format::kTermOffsets, *text.term_offsets);
  writer.AddSpilled(format::kTermBytes, *text.term_bytes);
  writer.Add(format::kTermWorkOffsets, text.work_offsets);
  writer.AddSpilled(format::kTermWorks, *text.works);
  writer.AddSpilled(format::kTermListOffsets, *text.list_offsets);
  writer.AddSpilled(format::kTermAuthors, *text.authors);
  writer.Add(format::kWorkTermOffsets, text.work_term_offsets);
  writer.AddSpilled(format::kWorkTerms, *text.work_terms);
  writer.AddSpilled(format::kTermLists, *text.lists);
  writer.Add(format::kOrgShard, org_shard);
  writer.Add(format::kSinceYears, text.since_years);
  writer.Add(format::kAuthorWorkOffsets, author_work_offsets);
  if (Status s = author_works->Finish(); !s.ok()) return s;
  writer.AddSpilled(format::kAuthorWorks, *author_works);
  writer.Add(format::kWorkImpact, impact.works);
  writer.Add(format::kCohortSizes, impact.cohort_sizes);
  auto [cohort_offsets, cohort_bytes] = PackStrings(impact.cohort_labels);
  writer.Add(format::kCohortLabelOffsets, cohort_offsets);
  writer.Add(format::kCohortLabelBytes, std::span<const char>(cohort_bytes));
  writer.Add(format::kEstimateCells, impact.cells);
  auto [cell_offsets, cell_bytes] = PackStrings(impact.cell_labels);
  writer.Add(format::kCellLabelOffsets, cell_offsets);
  writer.Add(format::kCellLabelBytes, std::span<const char>(cell_bytes));
  return writer.Write(version_dir + "/" + format::kFileName);
}

}  // namespace st::scoring

#include "scoring/ranker.h"

#include <algorithm>

#include "corpus/work_record.h"
#include "scoring/quality.h"
#include "scoring/ranker_impl.h"
#include "scoring/ranker_topk.h"
#include "scoring/tokenizer.h"

namespace st::scoring {
namespace {

// Orgs up to this many current members (and no shard of author lists) are
// ranked by scoring every member.
constexpr size_t kSmallOrg = 1000;

using topk::Better;
using topk::Scored;

void KeepTop(std::vector<Scored>* v, size_t need) {
  if (v->size() > need) {
    std::partial_sort(v->begin(), v->begin() + static_cast<std::ptrdiff_t>(need), v->end(), Better);
    v->resize(need);
  } else {
    std::sort(v->begin(), v->end(), Better);
  }
}

}  // namespace

std::string_view StatusName(uint8_t status) {
  switch (static_cast<corpus::PaperStatus>(status)) {
    case corpus::PaperStatus::kPoster: return "poster";
    case corpus::PaperStatus::kSpotlight: return "spotlight";
    case corpus::PaperStatus::kOral: return "oral";
    case corpus::PaperStatus::kAward: return "award";
    case corpus::PaperStatus::kReject: return "reject";
    case corpus::PaperStatus::kWithdrawn: return "withdrawn";
    default: return "";
  }
}

std::string_view PositionName(uint8_t position) {
  switch (static_cast<corpus::AuthorPosition>(position)) {
    case corpus::AuthorPosition::kFirst: return "first";
    case corpus::AuthorPosition::kLast: return "last";
    case corpus::AuthorPosition::kMiddle: return "middle";
    default: return "";
  }
}

int64_t Ranker::Impl::FindTerm(std::string_view term) const {
  uint32_t lo = 0, hi = num_terms();
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (Term(mid) < term) lo = mid + 1; else hi = mid;
  }
  return lo < num_terms() && Term(lo) == term ? static_cast<int64_t>(lo) : int64_t{-1};
}

Ranker::~Ranker() = default;

Result<std::unique_ptr<Ranker>> Ranker::Open(std::shared_ptr<const graph::GraphView> view) {
  ST_ASSIGN_OR_RETURN(auto file, DerivedFile::Open(view->version_dir() + "/" + format::kFileName));
  std::unique_ptr<Ranker> r(new Ranker());
  auto impl = std::make_unique<Impl>();
  const auto& h = file->header();
  if (h.num_authors != view->num_authors() || h.num_works != view->num_works())
    return Status::Corruption(view->version_dir() + "/scoring.bin: built for another graph");
  ST_ASSIGN_OR_RETURN(r->metrics_, file->Get<format::AuthorMetrics>(format::kAuthorMetrics));
  ST_ASSIGN_OR_RETURN(impl->strength_order, file->Get<uint32_t>(format::kStrengthOrder));
  ST_ASSIGN_OR_RETURN(impl->org_name_offsets, file->Get<uint64_t>(format::kOrgNameOffsets));
  ST_ASSIGN_OR_RETURN(impl->org_name_bytes, file->Get<char>(format::kOrgNameBytes));
  ST_ASSIGN_OR_RETURN(impl->inst_org, file->Get<uint32_t>(format::kInstOrg));
  ST_ASSIGN_OR_RETURN(impl->org_author_offsets, file->Get<uint64_t>(format::kOrgAuthorOffsets));
  ST_ASSIGN_OR_RETURN(impl->org_authors, file->Get<uint32_t>(format::kOrgAuthors));
  ST_ASSIGN_OR_RETURN(impl->work_weight, file->Get<float>(format::kWorkWeight));
  ST_ASSIGN_OR_RETURN(impl->term_offsets, file->Get<uint64_t>(format::kTermOffsets));
  ST_ASSIGN_OR_RETURN(impl->term_bytes, file->Get<char>(format::kTermBytes));
  ST_ASSIGN_OR_RETURN(impl->term_work_offsets, file->Get<uint64_t>(format::kTermWorkOffsets));
  ST_ASSIGN_OR_RETURN(impl->term_works, file->Get<format::WorkPosting>(format::kTermWorks));
  ST_ASSIGN_OR_RETURN(impl->term_list_offsets, file->Get<uint64_t>(format::kTermListOffsets));
  ST_ASSIGN_OR_RETURN(impl->term_lists, file->Get<format::ShardList>(format::kTermLists));
  ST_ASSIGN_OR_RETURN(impl->term_authors, file->Get<format::AuthorPosting>(format::kTermAuthors));
  ST_ASSIGN_OR_RETURN(impl->org_shard, file->Get<uint32_t>(format::kOrgShard));
  ST_ASSIGN_OR_RETURN(impl->since_years, file->Get<int32_t>(format::kSinceYears));
  ST_ASSIGN_OR_RETURN(impl->work_terms, file->Get<format::TermPosting>(format::kWorkTerms));
  ST_ASSIGN_OR_RETURN(impl->author_work_offsets, file->Get<uint64_t>(format::kAuthorWorkOffsets));
  ST_ASSIGN_OR_RETURN(impl->author_works, file->Get<format::AuthorWork>(format::kAuthorWorks));
  ST_ASSIGN_OR_RETURN(impl->work_impact, file->Get<format::WorkImpact>(format::kWorkImpact));
  ST_ASSIGN_OR_RETURN(impl->cohort_sizes, file->Get<uint32_t>(format::kCohortSizes));
  ST_ASSIGN_OR_RETURN(impl->cohort_label_offsets, file->Get<uint64_t>(format::kCohortLabelOffsets));
  ST_ASSIGN_OR_RETURN(impl->cohort_label_bytes, file->Get<char>(format::kCohortLabelBytes));
  ST_ASSIGN_OR_RETURN(impl->cells, file->Get<format::EstimateCell>(format::kEstimateCells));
  ST_ASSIGN_OR_RETURN(impl->cell_label_offsets, file->Get<uint64_t>(format::kCellLabelOffsets));
  ST_ASSIGN_OR_RETURN(impl->cell_label_bytes, file->Get<char>(format::kCellLabelBytes));

  // Structural checks so a damaged file gives Corruption, not a wild read.
  auto bad = [&](const char* what) {
    return Status::Corruption(view->version_dir() + "/scoring.bin: bad " + std::string(what));
  };
  auto csr_ok = [](std::span<const uint64_t> off, size_t n) {
    if (off.empty() || off.front() != 0 || off.back() != n) return false;
    return std::is_sorted(off.begin(), off.end());
  };
  const uint32_t na = view->num_authors(), nw = view->num_works();
  if (r->metrics_.size() != na || impl->strength_order.size() != na) return bad("author tables");
  if (impl->work_weight.size() != nw || impl->inst_org.size() != view->num_institutions())
    return bad("work/institution tables");
  if (!csr_ok(impl->org_name_offsets, impl->org_name_bytes.size()) ||
      impl->org_name_offsets.size() != h.num_orgs + 1 ||
      !csr_ok(impl->org_author_offsets, impl->org_authors.size()) ||
      impl->org_author_offsets.size() != impl->org_name_offsets.size())
    return bad("organisation tables");
  if (!csr_ok(impl->term_offsets, impl->term_bytes.size()) ||
      !csr_ok(impl->term_work_offsets, impl->term_works.size()) ||
      impl->term_work_offsets.size() != impl->term_offsets.size())
    return bad("text index");
  if (!csr_ok(impl->author_work_offsets, impl->author_works.size()) || impl->author_work_offsets.size() != na + 1)
    return bad("evidence rows");
  if (impl->work_impact.size() != nw || !csr_ok(impl->cohort_label_offsets, impl->cohort_label_bytes.size()) ||
      impl->cohort_label_offsets.size() != impl->cohort_sizes.size() + 1 ||
      !csr_ok(impl->cell_label_offsets, impl->cell_label_bytes.size()) ||
      impl->cell_label_offsets.size() != impl->cells.size() + 1)
    return bad("impact tables");
  for (const format::WorkImpact& wi : impl->work_impact) {
    const auto kind = static_cast<format::ImpactKind>(wi.kind);
    if ((kind == format::ImpactKind::kKnown && wi.basis >= impl->cohort_sizes.size()) ||
        (kind == format::ImpactKind::kEstimated && wi.basis >= impl->cells.size()) || wi.kind > 2)
      return bad("work impact");
  }
  // Author lists: offsets into term_lists (the sentinel excluded), each
  // list's postings inside term_authors, shards ascending within a term.
  if (impl->org_shard.size() != h.num_orgs + 1 || impl->term_lists.empty() ||
      !csr_ok(impl->term_list_offsets, impl->term_lists.size() - 1) ||
      impl->term_list_offsets.size() != impl->num_terms() * impl->num_layers() + 1 ||
      impl->term_lists.back().begin != impl->term_authors.size())
    return bad("author lists");
  for (uint32_t s : impl->org_shard) if (s > impl->org_shard.back()) return bad("shard id");
  for (size_t i = 0; i + 1 < impl->term_lists.size(); ++i) {
    const auto& l = impl->term_lists[i];
    if ((l.shard >= impl->num_shards() && l.shard != format::kAllShards) || l.begin > impl->term_lists[i + 1].begin)
      return bad("author lists");
  }
  for (uint32_t t = 0; t < impl->num_terms(); ++t) {
    for (size_t layer = 0; layer < impl->num_layers(); ++layer) {
      auto lists = impl->TermLists(t, layer);
      for (size_t i = 1; i < lists.size(); ++i) if (lists[i - 1].shard >= lists[i].shard) return bad("author lists");
    }
  }
  for (uint32_t a : impl->strength_order) if (a >= na) return bad("author id");
  for (uint32_t a : impl->org_authors) if (a >= na) return bad("author id");
  for (uint32_t o : impl->inst_org) if (o >= h.num_orgs) return bad("org id");
  for (const auto& m : r->metrics_) if (m.current_org != graph::kNone && m.current_org >= h.num_orgs) return bad("org id");
  // The posting arrays (term -> works, term -> authors, evidence rows: most
  // of the file) are checked where they are read (Impl::corrupt), so opening
  // does not read the whole file. Forward-index term ids are only compared.

  // Map what every query reads, and the forward index (one random row per
  // work scored or explained), now: faulting them in page by page made the
  // first text queries after opening 2-5x slower (918k/5M: ~45 ms here, once).
  for (uint32_t id : {format::kAuthorMetrics, format::kStrengthOrder, format::kOrgAuthors, format::kWorkWeight,
                      format::kTermOffsets, format::kTermBytes, format::kTermListOffsets, format::kTermLists,
                      format::kAuthorWorkOffsets, format::kWorkTerms})
    file->Populate(id);
  std::vector<std::string> org_names;
  for (uint32_t o = 0; o < h.num_orgs; ++o)
    org_names.emplace_back(impl->org_name_bytes.data() + impl->org_name_offsets[o],
                           impl->org_name_offsets[o + 1] - impl->org_name_offsets[o]);
  impl->resolver.emplace(std::move(org_names));
  impl->now_year = h.now_year;
  r->view_ = std::move(view);
  r->file_ = std::move(file);
  r->impl_ = std::move(impl);
  return r;
}

std::string_view Ranker::OrgName(uint32_t org) const {
  if (org >= impl_->num_orgs()) return {};
  return {impl_->org_name_bytes.data() + impl_->org_name_offsets[org],
          impl_->org_name_offsets[org + 1] - impl_->org_name_offsets[org]};
}

Result<RankResponse> Ranker::Rank(const RankQuery& q) const {
  if (q.top == 0 || q.top > 10000) return Status::InvalidInput("--top must be between 1 and 10000");
  if (q.offset > 1000000) return Status::InvalidInput("offset too large");
  const graph::GraphView& view = *view_;
  RankResponse resp;
  resp.now_year = impl_->now_year;
  const size_t need = q.offset + q.top;

  std::vector<char> org_ok;
  std::vector<uint32_t> org_ids;
  if (!q.org.empty()) {
    auto res = impl_->resolver->Resolve(q.org);
    if (res.orgs.empty()) return Status::InvalidInput("no organisation in the graph matches '" + q.org + "'");
    org_ok.assign(impl_->num_orgs(), 0);
    for (uint32_t o : res.orgs) {
      org_ok[o] = 1;
      resp.orgs.emplace_back(OrgName(o));
    }
    org_ids = std::move(res.orgs);
    resp.org_rule = res.rule;
  }
  // Reading author lists filters every posting by org: a bit per author
  // (115 KB at 918k authors, cache-resident) instead of its metrics row (a
  // miss per posting); set up below where lists are read.
  std::vector<uint64_t> members;
  auto in_org = [&](graph::AuthorId a) {
    if (!members.empty()) return (members[a >> 6] >> (a & 63) & 1) != 0;
    const uint32_t org = metrics_[a].current_org;
    return org_ok.empty() || (org != graph::kNone && org_ok[org]);
  };
  auto pass = [&](graph::AuthorId a) {
    return in_org(a) && (q.since_year <= 0 || metrics_[a].last_year >= q.since_year);
  };

  std::vector<uint32_t> terms;
  if (!q.text.empty()) {
    auto tokens = Tokenize(q.text);
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    for (const auto& tok : tokens) {
      const int64_t t = impl_->FindTerm(tok);
      if (t < 0) {
        resp.missing_terms.push_back(tok);
      } else if (terms.size() < 32) {
        terms.push_back(static_cast<uint32_t>(t));
        resp.terms.push_back(tok);
      }
    }
    if (terms.empty()) return resp;  // nothing in the corpus matches
    std::sort(terms.begin(), terms.end());  // WorkText merges with sorted work terms
  }
  // Small organisations without a shard of their own are ranked by scoring
  // every member exactly.
  size_t org_members = 0;
  bool org_sharded = false;
  for (uint32_t o : org_ids) {
    org_members += impl_->OrgAuthors(o).size();
    org_sharded = org_sharded || impl_->org_shard[o] != impl_->org_shard.back();
  }

  std::vector<Scored> best;
  bool explain_all = false;  // best is the exact top set, its scores partial
  if (terms.empty()) {
    // Overall strength: lists are already in strength order, so take prefixes.
    if (org_ids.empty()) {
      for (uint32_t a : impl_->strength_order) {
        ++resp.candidates;
        if (pass(a)) best.push_back({a, metrics_[a].strength});
        if (best.size() >= need) break;
      }
    } else {
      for (uint32_t o : org_ids) {
        size_t taken = 0;
        for (uint32_t a : impl_->OrgAuthors(o)) {
          ++resp.candidates;
          if (!pass(a)) continue;
          best.push_back({a, metrics_[a].strength});
          if (++taken >= need) break;
        }
      }
    }
  } else if (!org_ids.empty() && !org_sharded && org_members <= kSmallOrg && !q.exhaustive) {
    // A small org: scoring every member exactly beats reading long lists
    // for the few of them that match.
    for (uint32_t o : org_ids) {
      for (uint32_t a : impl_->OrgAuthors(o)) {
        if (!pass(a)) continue;
        ++resp.candidates;
        if (const float s = ScoreAuthor(*impl_, a, terms, q.since_year); s > 0) best.push_back({a, s});
      }
    }
  } else if (q.exhaustive) {
    best = topk::ExhaustiveScores(*impl_, view, terms, q.since_year, pass, &resp.candidates);
  } else {
    if (!org_ids.empty()) {
      members.assign((view.num_authors() + 63) / 64, 0);
      for (uint32_t o : org_ids)
        for (graph::AuthorId a : impl_->OrgAuthors(o)) members[a >> 6] |= uint64_t{1} << (a & 63);
    }
    // Read the resolved organisations' own shards of the author lists, plus
    // the shared shard (filtered by org) when one of them has no shard.
    std::vector<char> shard_ok;
    bool check_org = false;
    if (!org_ids.empty()) {
      shard_ok.assign(impl_->num_shards(), 0);
      for (uint32_t o : org_ids) {
        shard_ok[impl_->org_shard[o]] = 1;
        check_org = check_org || impl_->org_shard[o] == impl_->org_shard.back();
      }
    }
    auto pass_listed = [&](graph::AuthorId a) { return (!check_org && q.since_year <= 0) || pass(a); };
    auto lists_of = [&](size_t layer) {
      std::vector<topk::TermLists> lists;
      for (uint32_t t : terms) lists.push_back(topk::ListsOf(*impl_, t, layer, shard_ok));
      return lists;
    };
    // --since Y: the layer of exactly Y has the impacts of the counted works
    // (an exact top set, as without --since); else the layer of the latest
    // cut year before Y (or all years) bounds them. The since layers are one
    // list per term (not split by shard): --org filters them, and takes its
    // bounds from the all-years lists of its shards.
    size_t exact_layer = 0, bound_layer = 0;
    for (size_t l = 1; l < impl_->num_layers(); ++l) {
      const int year = impl_->since_years[l - 1];
      if (year == q.since_year) exact_layer = l;
      if (year < q.since_year && org_ids.empty() &&
          (bound_layer == 0 || year > impl_->since_years[bound_layer - 1]))
        bound_layer = l;
    }
    auto exact_set = [&](size_t layer, const auto& listed) {
      auto lists = lists_of(layer);
      // The set is exact; scores of its members may be partial: the
      // explanations below compute them exactly.
      return explain_all = topk::ThresholdTopK(lists, view.num_authors(), need, listed, &best, &resp.candidates);
    };
    if (q.since_year > 0) {
      // Every author in the exact layer has a work since Y: only --org filters.
      auto org_only = [&](graph::AuthorId a) { return in_org(a); };
      auto exact = [&](graph::AuthorId a) { return ScoreAuthor(*impl_, a, terms, q.since_year); };
      const size_t budget = std::max<size_t>(4000, 4 * need);
      // When the exact layer's capped lists alone cannot settle the top set,
      // they still bound it tightly: only authors cut off some list of it are
      // scored exactly, the others are taken at their (exact) sums.
      bool done = exact_layer != 0 && exact_set(exact_layer, org_only);
      if (!done && exact_layer != 0) {
        auto lists = lists_of(exact_layer);
        resp.candidates = 0;
        done = explain_all = topk::ThresholdExactTopK(lists, view.num_authors(), need, org_only, exact, budget,
                                                      true, &best, &resp.candidates);
      }
      if (!done) {
        auto lists = lists_of(bound_layer);
        if (!topk::ThresholdExactTopK(lists, view.num_authors(), need, pass_listed, exact, budget, false, &best,
                                      &resp.candidates)) {
          resp.candidates = 0;
          best = topk::ExhaustiveScores(*impl_, view, terms, q.since_year, pass, &resp.candidates);
        }
      }
    } else if (!exact_set(0, pass_listed)) {
      best = topk::ExhaustiveScores(*impl_, view, terms, 0, pass, &resp.candidates);
    }
  }
  // Out-of-range ids were skipped where read; the answer would be wrong.
  auto checked = [&](RankResponse&& r) -> Result<RankResponse> {
    if (impl_->corrupt.load(std::memory_order_relaxed))
      return Status::Corruption(view_->version_dir() + "/scoring.bin: an id in its postings is out of range");
    return std::move(r);
  };
  if (explain_all) {
    // Explain the whole top set; each explanation also gives the exact score
    // (as ScoreAuthor computes it) that orders the set.
    std::vector<RankedAuthor> explained;
    for (auto& b : best) explained.push_back(ExplainAuthor(*this, *impl_, b.author, terms, q.since_year, &b.score));
    std::vector<size_t> order(best.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return Better(best[x], best[y]); });
    for (size_t i = q.offset; i < order.size(); ++i) {
      explained[order[i]].rank = i + 1;
      resp.authors.push_back(std::move(explained[order[i]]));
    }
    return checked(std::move(resp));
  }
  KeepTop(&best, need);

  for (size_t i = q.offset; i < best.size(); ++i) {
    RankedAuthor r = ExplainAuthor(*this, *impl_, best[i].author, terms, q.since_year);
    r.rank = i + 1;
    if (terms.empty()) r.score = best[i].score;
    resp.authors.push_back(std::move(r));
  }
  return checked(std::move(resp));
}

}  // namespace st::scoring

#include "scoring/ranker.h"

#include <algorithm>

#include "corpus/work_record.h"
#include "scoring/quality.h"
#include "scoring/ranker_impl.h"
#include "scoring/tokenizer.h"

namespace st::scoring {
namespace {

// Orgs up to this many current members are ranked by scoring every member.
constexpr size_t kSmallOrg = 1000;

struct Scored {
  graph::AuthorId author;
  float score;
};

bool Better(const Scored& x, const Scored& y) {
  return x.score != y.score ? x.score > y.score : x.author < y.author;
}

void KeepTop(std::vector<Scored>* v, size_t need) {
  if (v->size() > need) {
    std::partial_sort(v->begin(), v->begin() + static_cast<std::ptrdiff_t>(need), v->end(), Better);
    v->resize(need);
  } else {
    std::sort(v->begin(), v->end(), Better);
  }
}

// Exact scores of every author with a matching work: merge the terms' work
// lists (sorted by work), weight each work once, spread it to its authors.
template <typename Pass>
std::vector<Scored> ExhaustiveScores(const Ranker::Impl& impl, const graph::GraphView& view,
                                     std::span<const uint32_t> terms, int since, const Pass& pass,
                                     uint64_t* candidates) {
  std::vector<std::span<const format::WorkPosting>> lists;
  for (uint32_t t : terms) lists.push_back(impl.TermWorks(t));
  std::vector<size_t> pos(lists.size(), 0);
  // Dense accumulator (one float per author) plus the touched authors in
  // first-touch order: no hashing on the hot path.
  std::vector<float> acc(view.num_authors(), 0.0f);
  std::vector<char> hit(view.num_authors(), 0);
  std::vector<graph::AuthorId> touched;
  while (true) {
    graph::WorkId w = graph::kNone;
    for (size_t i = 0; i < lists.size(); ++i)
      if (pos[i] < lists[i].size()) w = std::min(w, lists[i][pos[i]].work);
    if (w == graph::kNone) break;
    float bm = 0;
    for (size_t i = 0; i < lists.size(); ++i)
      if (pos[i] < lists[i].size() && lists[i][pos[i]].work == w) bm += lists[i][pos[i]++].bm25;
    if (since > 0 && view.Work(w).year < since) continue;
    const float base = bm * impl.work_weight[w];
    for (const auto& slot : view.WorkAuthors(w)) {
      if (!pass(slot.author)) continue;
      if (!hit[slot.author]) {
        hit[slot.author] = 1;
        touched.push_back(slot.author);
      }
      acc[slot.author] += base * PositionWeight(slot.position);
    }
  }
  std::vector<Scored> out;
  out.reserve(touched.size());
  for (graph::AuthorId a : touched) out.push_back({a, acc[a]});
  *candidates += out.size();
  return out;
}

// Top `need` authors by summed term impact, reading the impact-ordered author
// lists only as deep as needed (Fagin's no-random-access algorithm): an
// author's lower bound is what was seen, the upper bound adds the next unseen
// impact of each list it was not seen in. Stops when the need-th lower bound
// beats every other upper bound; then the set is exact (the caller re-scores
// and orders it exactly).
template <typename Pass>
bool ThresholdTopK(const Ranker::Impl& impl, uint32_t num_authors, std::span<const uint32_t> terms, size_t need,
                   const Pass& pass, std::vector<Scored>* out, uint64_t* candidates) {
  struct Acc {
    float sum = 0;
    uint32_t seen = 0;  // bit per term
  };
  std::vector<std::span<const format::AuthorPosting>> lists;
  std::vector<float> tail;  // bound on what a capped list left out
  for (uint32_t t : terms) {
    lists.push_back(impl.TermAuthors(t));
    tail.push_back(impl.term_author_tail[t]);
  }
  std::vector<size_t> pos(lists.size(), 0);
  std::vector<Acc> acc(num_authors);  // dense; `touched` lists who was seen
  std::vector<graph::AuthorId> touched;
  size_t depth = std::max<size_t>(256, need * 4);
  std::vector<float> threshold(lists.size());
  while (true) {
    bool exhausted = true;
    float unseen = 0;
    for (size_t i = 0; i < lists.size(); ++i) {
      const size_t end = std::min(depth, lists[i].size());
      for (; pos[i] < end; ++pos[i]) {
        const auto& p = lists[i][pos[i]];
        if (!pass(p.author)) continue;
        Acc& a = acc[p.author];
        if (a.seen == 0) touched.push_back(p.author);
        a.sum += p.score;
        a.seen |= 1u << i;
      }
      threshold[i] = pos[i] < lists[i].size() ? lists[i][pos[i]].score : tail[i];
      exhausted = exhausted && pos[i] >= lists[i].size();
      unseen += threshold[i];
    }
    std::vector<Scored> lower;
    lower.reserve(touched.size());
    for (graph::AuthorId a : touched) lower.push_back({a, acc[a].sum});
    if (exhausted && unseen == 0) {  // every impact was seen: the sums are exact
      *candidates += lower.size();
      *out = std::move(lower);
      return true;
    }
    if (lower.size() >= need) {
      std::nth_element(lower.begin(), lower.begin() + static_cast<std::ptrdiff_t>(need - 1), lower.end(), Better);
      const Scored kth = lower[need - 1];
      // Every author outside the top set, seen or not, must be unable to beat kth.
      float max_upper = unseen;
      for (size_t j = need; j < lower.size(); ++j) {
        const Acc& a = acc[lower[j].author];
        float upper = a.sum;
        for (size_t i = 0; i < lists.size(); ++i)
          if (!(a.seen & (1u << i))) upper += threshold[i];
        max_upper = std::max(max_upper, upper);
      }
      // Members of the top set may still be partial; their exact scores are
      // computed by the caller, and they can only rise, so the set is safe.
      if (kth.score >= max_upper) {
        lower.resize(need);
        *candidates += touched.size();
        *out = std::move(lower);
        return true;
      }
    }
    if (exhausted) {  // capped lists ran out before the bound was met
      *candidates += touched.size();
      return false;
    }
    depth *= 4;
  }
}

// For --since: the impact lists are upper bounds of the since-only scores
// (a subset of the works), so read them in impact order, score each new
// author exactly, and stop once the need-th exact score reaches the sum of the
// lists' next impacts (no unseen author can beat it). Returns false when more
// than `budget` authors had to be scored; the caller then scores exhaustively.
template <typename Pass, typename Exact>
bool ThresholdExactTopK(const Ranker::Impl& impl, uint32_t num_authors, std::span<const uint32_t> terms,
                        size_t need, const Pass& pass, const Exact& exact, size_t budget, std::vector<Scored>* out,
                        uint64_t* candidates) {
  std::vector<std::span<const format::AuthorPosting>> lists;
  for (uint32_t t : terms) lists.push_back(impl.TermAuthors(t));
  std::vector<size_t> pos(lists.size(), 0);
  std::vector<char> scored(num_authors, 0);
  size_t num_scored = 0;
  std::vector<Scored> results;
  size_t depth = std::max<size_t>(64, need * 2);
  while (true) {
    bool exhausted = true;
    float unseen = 0;
    for (size_t i = 0; i < lists.size(); ++i) {
      const size_t end = std::min(depth, lists[i].size());
      for (; pos[i] < end; ++pos[i]) {
        const graph::AuthorId a = lists[i][pos[i]].author;
        if (scored[a] || !pass(a)) continue;
        scored[a] = 1;
        ++num_scored;
        const float s = exact(a);
        if (s > 0) results.push_back({a, s});
      }
      exhausted = exhausted && pos[i] >= lists[i].size();
      unseen += pos[i] < lists[i].size() ? lists[i][pos[i]].score : impl.term_author_tail[terms[i]];
    }
    *candidates = num_scored;
    if (exhausted && unseen == 0) break;
    if (results.size() >= need) {
      std::nth_element(results.begin(), results.begin() + static_cast<std::ptrdiff_t>(need - 1), results.end(),
                       Better);
      if (results[need - 1].score >= unseen) break;
    }
    if (exhausted || num_scored > budget) return false;
    depth *= 2;
  }
  *out = std::move(results);
  return true;
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
  ST_ASSIGN_OR_RETURN(impl->term_author_offsets, file->Get<uint64_t>(format::kTermAuthorOffsets));
  ST_ASSIGN_OR_RETURN(impl->term_authors, file->Get<format::AuthorPosting>(format::kTermAuthors));
  ST_ASSIGN_OR_RETURN(impl->term_author_tail, file->Get<float>(format::kTermAuthorTail));
  ST_ASSIGN_OR_RETURN(impl->work_term_offsets, file->Get<uint64_t>(format::kWorkTermOffsets));
  ST_ASSIGN_OR_RETURN(impl->work_terms, file->Get<format::TermPosting>(format::kWorkTerms));

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
      !csr_ok(impl->term_author_offsets, impl->term_authors.size()) ||
      impl->term_work_offsets.size() != impl->term_offsets.size() ||
      impl->term_author_offsets.size() != impl->term_offsets.size())
    return bad("text index");
  if (!csr_ok(impl->work_term_offsets, impl->work_terms.size()) || impl->work_term_offsets.size() != nw + 1)
    return bad("forward index");
  if (impl->term_author_tail.size() != impl->num_terms()) return bad("author list bounds");
  for (uint32_t a : impl->strength_order) if (a >= na) return bad("author id");
  for (uint32_t a : impl->org_authors) if (a >= na) return bad("author id");
  for (uint32_t o : impl->inst_org) if (o >= h.num_orgs) return bad("org id");
  for (const auto& m : r->metrics_) if (m.current_org != graph::kNone && m.current_org >= h.num_orgs) return bad("org id");
  for (const auto& p : impl->term_works) if (p.work >= nw) return bad("work id");
  for (const auto& p : impl->term_authors) if (p.author >= na) return bad("author id");
  for (const auto& p : impl->work_terms) if (p.term >= impl->num_terms()) return bad("term id");

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
  auto pass = [&](graph::AuthorId a) {
    const auto& m = metrics_[a];
    if (!org_ok.empty() && (m.current_org == graph::kNone || !org_ok[m.current_org])) return false;
    return q.since_year <= 0 || m.last_year >= q.since_year;
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
  size_t org_members = 0;
  for (uint32_t o : org_ids) org_members += impl_->OrgAuthors(o).size();

  std::vector<Scored> best;
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
  } else if (!org_ids.empty() && org_members <= kSmallOrg && !q.exhaustive) {
    // A small org: scoring every member exactly beats reading long lists
    // for the few of them that match.
    for (uint32_t o : org_ids) {
      for (uint32_t a : impl_->OrgAuthors(o)) {
        if (!pass(a)) continue;
        ++resp.candidates;
        if (const float s = ScoreAuthor(view, *impl_, a, terms, q.since_year); s > 0) best.push_back({a, s});
      }
    }
  } else if (q.exhaustive) {
    best = ExhaustiveScores(*impl_, view, terms, q.since_year, pass, &resp.candidates);
  } else if (q.since_year > 0) {
    auto exact = [&](graph::AuthorId a) { return ScoreAuthor(view, *impl_, a, terms, q.since_year); };
    if (!ThresholdExactTopK(*impl_, view.num_authors(), terms, need, pass, exact, std::max<size_t>(4000, 4 * need), &best,
                            &resp.candidates)) {
      resp.candidates = 0;
      best = ExhaustiveScores(*impl_, view, terms, q.since_year, pass, &resp.candidates);
    }
  } else {
    if (ThresholdTopK(*impl_, view.num_authors(), terms, need, pass, &best, &resp.candidates)) {
      // The set is exact; scores of its members may be partial: make them exact.
      for (auto& b : best) b.score = ScoreAuthor(view, *impl_, b.author, terms, 0);
    } else {
      best = ExhaustiveScores(*impl_, view, terms, 0, pass, &resp.candidates);
    }
  }
  KeepTop(&best, need);

  for (size_t i = q.offset; i < best.size(); ++i) {
    RankedAuthor r = ExplainAuthor(*this, *impl_, best[i].author, terms, q.since_year);
    r.rank = i + 1;
    if (terms.empty()) r.score = best[i].score;
    resp.authors.push_back(std::move(r));
  }
  return resp;
}

}  // namespace st::scoring

// Internal to ranker.cc: the top-k algorithms over the impact-ordered author
// lists (text_index.h) and the exhaustive scoring they fall back to. Each
// returns a candidate set; Rank() orders it by exact scores (ScoreAuthor).
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "scoring/quality.h"
#include "scoring/ranker_impl.h"

namespace st::scoring::topk {

struct Scored {
  graph::AuthorId author;
  float score;
};

inline bool Better(const Scored& x, const Scored& y) {
  return x.score != y.score ? x.score > y.score : x.author < y.author;
}

// Per-author accumulators, one dense array per thread reused by every query
// (allocating and zeroing num_authors entries per query cost ~1 ms at 1M
// authors). ScratchUse hands it out clean and clears what was touched.
struct Acc {
  float sum = 0;
  uint32_t seen = 0;     // bit per query term (or 1: counted)
  bool scored = false;  // scored exactly
};
class ScratchUse {
 public:
  explicit ScratchUse(uint32_t num_authors) : s_(Get()), num_authors_(num_authors) {
    if (s_.acc.size() < num_authors) s_.acc.resize(num_authors);
  }
  ~ScratchUse() {
    for (graph::AuthorId a : s_.touched) s_.acc[a] = Acc{};
    s_.touched.clear();
  }
  ScratchUse(const ScratchUse&) = delete;
  ScratchUse& operator=(const ScratchUse&) = delete;
  Acc& operator[](graph::AuthorId a) { return s_.acc[a]; }
  void Prefetch(const format::AuthorPosting& p) const { __builtin_prefetch(&s_.acc[p.author]); }
  std::vector<graph::AuthorId>& touched() { return s_.touched; }
  uint32_t num_authors() const { return num_authors_; }

 private:
  struct Scratch {
    std::vector<Acc> acc;
    std::vector<graph::AuthorId> touched;
  };
  static Scratch& Get() {
    thread_local Scratch scratch;
    return scratch;
  }
  Scratch& s_;
  uint32_t num_authors_;
};

// The lists one query term is read from: one per shard in the query's scope.
struct TermLists {
  struct List {
    std::span<const format::AuthorPosting> postings;
    float tail = 0;
    size_t pos = 0;
  };
  std::vector<List> lists;
  size_t total = 0;  // postings in all lists
  const Ranker::Impl* impl = nullptr;  // to report an out-of-range author id

  // Reads each list to its share (by length) of `depth` entries, calling
  // visit(posting) for each and ahead(posting) for the one 16 further on (to
  // prefetch its accumulator: authors are scattered, and that miss was a third
  // of the time of deep reads); returns the bound on the impact of any author
  // not read yet (the largest next impact or tail) and sets *exhausted when
  // every list has been read to its end.
  template <typename Visit, typename Ahead>
  float ReadTo(size_t depth, bool* exhausted, const Visit& visit, const Ahead& ahead) {
    float bound = 0;
    bool done = true;
    for (List& l : lists) {
      const size_t n = l.postings.size();
      const size_t end = depth >= total ? n : std::min(n, (depth * n + total - 1) / total);
      for (; l.pos < end; ++l.pos) {
        if (l.pos + 16 < end) ahead(l.postings[l.pos + 16]);
        visit(l.postings[l.pos]);
      }
      bound = std::max(bound, l.pos < n ? l.postings[l.pos].score : l.tail);
      done = done && l.pos >= n;
    }
    *exhausted = done;
    return bound;
  }
};

// The lists of term t in `layer`, in the shards where shard_ok[shard] (empty:
// all), and lists of every shard (kAllShards) always.
inline TermLists ListsOf(const Ranker::Impl& impl, uint32_t t, size_t layer, const std::vector<char>& shard_ok) {
  TermLists out;
  out.impl = &impl;
  for (const format::ShardList& l : impl.TermLists(t, layer)) {
    if (!shard_ok.empty() && l.shard != format::kAllShards && !shard_ok[l.shard]) continue;
    auto postings = impl.ListAuthors(l);
    out.lists.push_back({postings, l.tail, 0});
    out.total += postings.size();
  }
  return out;
}

// One round of reading every term's lists to `depth`: each posting that
// passes adds its impact to the author's sum and marks the term seen. Sets
// threshold[i] to term i's bound on what is still unread and returns their sum
// (what an author not seen at all could still reach).
template <typename Pass>
float ReadRound(std::vector<TermLists>& terms, size_t depth, const Pass& pass, ScratchUse* acc,
                std::vector<float>* threshold, bool* exhausted) {
  float unseen = 0;
  *exhausted = true;
  for (size_t i = 0; i < terms.size(); ++i) {
    bool done = false;
    (*threshold)[i] = terms[i].ReadTo(depth, &done, [&](const format::AuthorPosting& p) {
      if (p.author >= acc->num_authors()) return terms[i].impl->MarkCorrupt();
      if (!pass(p.author)) return;
      Acc& a = (*acc)[p.author];
      if (a.seen == 0) acc->touched().push_back(p.author);
      a.sum += p.score;
      a.seen |= 1u << i;
    }, [&](const format::AuthorPosting& p) { if (p.author < acc->num_authors()) acc->Prefetch(p); });
    *exhausted = *exhausted && done;
    unseen += (*threshold)[i];
  }
  return unseen;
}

// The most an author seen so far can reach: the impacts seen plus the
// bound of every term it was not seen in.
inline float UpperBound(const Acc& a, const std::vector<float>& threshold) {
  float upper = a.sum;
  for (size_t i = 0; i < threshold.size(); ++i)
    if (!(a.seen & (1u << i))) upper += threshold[i];
  return upper;
}

// Whether every impact of the author is known: each term it was not seen in
// has nothing (above 0) left to read.
inline bool Complete(const Acc& a, const std::vector<float>& threshold) {
  for (size_t i = 0; i < threshold.size(); ++i)
    if (!(a.seen & (1u << i)) && threshold[i] > 0) return false;
  return true;
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
  ScratchUse acc(view.num_authors());
  while (true) {
    graph::WorkId w = graph::kNone;
    for (size_t i = 0; i < lists.size(); ++i)
      if (pos[i] < lists[i].size()) w = std::min(w, lists[i][pos[i]].work);
    if (w == graph::kNone) break;
    float bm = 0;
    for (size_t i = 0; i < lists.size(); ++i)
      if (pos[i] < lists[i].size() && lists[i][pos[i]].work == w) bm += lists[i][pos[i]++].bm25;
    if (w >= view.num_works()) {
      impl.MarkCorrupt();
      continue;
    }
    if (since > 0 && view.Work(w).year < since) continue;
    const float base = bm * impl.work_weight[w];
    for (const auto& slot : view.WorkAuthors(w)) {
      if (!pass(slot.author)) continue;
      Acc& a = acc[slot.author];
      if (!a.seen) {
        a.seen = 1;
        acc.touched().push_back(slot.author);
      }
      a.sum += base * PositionWeight(slot.position);
    }
  }
  std::vector<Scored> out;
  out.reserve(acc.touched().size());
  for (graph::AuthorId a : acc.touched()) out.push_back({a, acc[a].sum});
  *candidates += out.size();
  return out;
}

// Top `need` authors by summed term impact, reading the impact-ordered author
// lists only as deep as needed (Fagin's no-random-access algorithm): an
// author's lower bound is what was seen, the upper bound adds the next unseen
// impact of each term it was not seen in. Stops when the need-th lower bound
// beats every other upper bound; then the set is exact (the caller re-scores
// and orders it exactly). False when capped lists ran out first.
template <typename Pass>
bool ThresholdTopK(std::vector<TermLists>& terms, uint32_t num_authors, size_t need, const Pass& pass,
                   std::vector<Scored>* out, uint64_t* candidates) {
  ScratchUse acc(num_authors);
  auto& touched = acc.touched();
  size_t depth = std::max<size_t>(256, need * 4);
  std::vector<float> threshold(terms.size());
  while (true) {
    bool exhausted = true;
    const float unseen = ReadRound(terms, depth, pass, &acc, &threshold, &exhausted);
    std::vector<Scored> lower;
    lower.reserve(touched.size());
    for (graph::AuthorId a : touched) lower.push_back({a, acc[a].sum});
    if (exhausted && unseen == 0) {  // every impact was seen: the sums are exact
      *candidates += lower.size();
      if (lower.size() > need) {  // the caller re-scores only the top set
        std::nth_element(lower.begin(), lower.begin() + static_cast<std::ptrdiff_t>(need - 1), lower.end(), Better);
        lower.resize(need);
      }
      *out = std::move(lower);
      return true;
    }
    if (lower.size() >= need) {
      std::nth_element(lower.begin(), lower.begin() + static_cast<std::ptrdiff_t>(need - 1), lower.end(), Better);
      const Scored kth = lower[need - 1];
      // Every author outside the top set, seen or not, must be unable to beat
      // kth; an unseen one could reach `unseen` (checked first: it is what
      // usually fails, and the loop below costs a pass over everyone seen).
      float max_upper = unseen;
      for (size_t j = need; j < lower.size() && kth.score >= max_upper; ++j) {
        max_upper = std::max(max_upper, UpperBound(acc[lower[j].author], threshold));
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

// For --since: the impacts in the lists bound the since-only scores from
// above (a subset of the works). Read the lists in impact order, keeping for
// each author seen the upper bound (impacts seen + the next impact of each
// list it was not seen in); score authors exactly in descending order of that
// bound, only while it can still beat the need-th exact score; stop once that
// score also reaches the sum of the lists' next impacts (no unseen author can
// beat it). Bounds only fall as the lists are read, so an author passed over
// stays beaten. With `lists_exact` (the lists hold the exact impacts of the
// counted works, only capped) an author whose bound equals what was seen is
// taken at that sum without exact(); the caller then re-scores the returned
// set as after ThresholdTopK. Returns false when more than `budget` authors
// had to be scored, or the lists ran out first; the caller then falls back.
template <typename Pass, typename Exact>
bool ThresholdExactTopK(std::vector<TermLists>& terms, uint32_t num_authors, size_t need, const Pass& pass,
                        const Exact& exact, size_t budget, bool lists_exact, std::vector<Scored>* out,
                        uint64_t* candidates) {
  ScratchUse acc(num_authors);
  auto& touched = acc.touched();
  std::vector<Scored> results;  // exact scores > 0
  std::vector<float> threshold(terms.size());
  size_t num_scored = 0;
  // The need-th best exact score so far (0 until there are need of them).
  auto kth = [&] {
    if (results.size() < need) return 0.0f;
    std::nth_element(results.begin(), results.begin() + static_cast<std::ptrdiff_t>(need - 1), results.end(),
                     Better);
    results.resize(need);  // the rest can never be in the top set again
    return results[need - 1].score;
  };
  size_t depth = std::max<size_t>(64, need * 2);
  while (true) {
    bool exhausted = true;
    const float unseen = ReadRound(terms, depth, pass, &acc, &threshold, &exhausted);
    // Authors not scored yet that can still beat the bar, by upper bound (the
    // bar only rises below, so those filtered out stay beaten; sorting every
    // author seen each round cost more than the exact scoring).
    float bar = kth();
    const bool full = results.size() >= need;
    std::vector<Scored> upper;
    for (graph::AuthorId a : touched) {
      if (acc[a].scored) continue;
      const float u = UpperBound(acc[a], threshold);
      if (!full || u > bar) upper.push_back({a, u});
    }
    std::sort(upper.begin(), upper.end(), Better);
    for (const Scored& c : upper) {
      if (results.size() >= need && bar >= c.score) break;
      Acc& a = acc[c.author];
      a.scored = true;
      if (lists_exact && Complete(a, threshold)) {
        if (c.score > 0) results.push_back(c);
      } else {
        ++num_scored;
        if (const float s = exact(c.author); s > 0) results.push_back({c.author, s});
      }
      if (results.size() >= need) bar = kth();
    }
    bar = kth();
    *candidates = num_scored;
    if (results.size() >= need && bar >= unseen) break;
    if (exhausted && unseen == 0) break;  // every seen author was scored or beaten
    if (exhausted || num_scored > budget) return false;
    depth *= 2;
  }
  *out = std::move(results);
  return true;
}

}  // namespace st::scoring::topk

#include "scoring/text_index.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "scoring/quality.h"
#include "scoring/tokenizer.h"

namespace st::scoring {
namespace {

struct RawPosting {
  uint32_t term;  // build-order id
  uint32_t work;
  uint32_t tf;
};

}  // namespace

float Bm25(uint32_t tf, uint32_t doc_len, double avg_len, uint32_t df, uint32_t num_docs) {
  constexpr double k1 = 1.2, b = 0.75;
  const double idf = std::log(1.0 + (num_docs - df + 0.5) / (df + 0.5));
  const double norm = k1 * (1 - b + b * (avg_len > 0 ? doc_len / avg_len : 1.0));
  return static_cast<float>(idf * (tf * (k1 + 1)) / (tf + norm));
}

TextIndexData BuildTextIndex(const graph::GraphView& view, std::span<const float> work_weight,
                             uint32_t max_author_postings) {
  const uint32_t num_works = view.num_works();
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> terms;
  std::vector<RawPosting> raw;
  std::vector<uint32_t> doc_len(num_works);
  std::unordered_map<uint32_t, uint32_t> tf;
  std::string text;
  for (graph::WorkId w = 0; w < num_works; ++w) {
    text.assign(view.WorkTitle(w));
    text += ". ";
    text += view.WorkTitle(w);
    text += ". ";
    text += view.WorkAbstract(w);
    for (const auto& t : view.WorkTopics(w)) {
      text += ". ";
      text += view.TopicName(t.topic);
    }
    tf.clear();
    auto tokens = Tokenize(text);
    doc_len[w] = static_cast<uint32_t>(tokens.size());
    for (auto& tok : tokens) {
      auto [it, inserted] = ids.try_emplace(std::move(tok), static_cast<uint32_t>(terms.size()));
      if (inserted) terms.push_back(it->first);
      ++tf[it->second];
    }
    for (const auto& [term, count] : tf) raw.push_back({term, w, count});
  }
  const double avg_len =
      num_works ? std::accumulate(doc_len.begin(), doc_len.end(), 0.0) / num_works : 0.0;

  // Sorted term order, so queries look terms up by binary search.
  const uint32_t num_terms = static_cast<uint32_t>(terms.size());
  std::vector<uint32_t> order(num_terms);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return terms[a] < terms[b]; });
  std::vector<uint32_t> rank_of(num_terms);
  for (uint32_t r = 0; r < num_terms; ++r) rank_of[order[r]] = r;

  TextIndexData out;
  out.term_offsets.reserve(num_terms + 1);
  out.term_offsets.push_back(0);
  for (uint32_t r = 0; r < num_terms; ++r) {
    out.term_bytes += terms[order[r]];
    out.term_offsets.push_back(out.term_bytes.size());
  }

  // Counting sort by term rank; within a term works stay ascending (added in order).
  out.work_offsets.assign(num_terms + 1, 0);
  for (const auto& p : raw) ++out.work_offsets[rank_of[p.term] + 1];
  for (uint32_t r = 0; r < num_terms; ++r) out.work_offsets[r + 1] += out.work_offsets[r];
  out.works.resize(raw.size());
  {
    std::vector<uint64_t> fill(out.work_offsets.begin(), out.work_offsets.end() - 1);
    for (const auto& p : raw) {
      const uint32_t r = rank_of[p.term];
      const uint32_t df = static_cast<uint32_t>(out.work_offsets[r + 1] - out.work_offsets[r]);
      out.works[fill[r]++] = {p.work, Bm25(p.tf, doc_len[p.work], avg_len, df, num_works)};
    }
  }
  raw.clear();
  raw.shrink_to_fit();

  // Forward index: walking terms in rank order leaves each work's list sorted.
  out.work_term_offsets.assign(num_works + 1, 0);
  for (const auto& p : out.works) ++out.work_term_offsets[p.work + 1];
  for (uint32_t w = 0; w < num_works; ++w) out.work_term_offsets[w + 1] += out.work_term_offsets[w];
  out.work_terms.resize(out.works.size());
  {
    std::vector<uint64_t> fill(out.work_term_offsets.begin(), out.work_term_offsets.end() - 1);
    for (uint32_t r = 0; r < num_terms; ++r)
      for (uint64_t i = out.work_offsets[r]; i < out.work_offsets[r + 1]; ++i)
        out.work_terms[fill[out.works[i].work]++] = {r, out.works[i].bm25};
  }

  // Author impacts per term: dense accumulator + touched list.
  std::vector<float> acc(view.num_authors(), 0.0f);
  std::vector<graph::AuthorId> touched;
  out.author_offsets.reserve(num_terms + 1);
  out.author_offsets.push_back(0);
  for (uint32_t r = 0; r < num_terms; ++r) {
    touched.clear();
    for (uint64_t i = out.work_offsets[r]; i < out.work_offsets[r + 1]; ++i) {
      const auto& wp = out.works[i];
      const float base = wp.bm25 * work_weight[wp.work];
      for (const auto& slot : view.WorkAuthors(wp.work)) {
        if (acc[slot.author] == 0.0f) touched.push_back(slot.author);
        acc[slot.author] += base * PositionWeight(slot.position);
      }
    }
    const size_t start = out.authors.size();
    for (graph::AuthorId a : touched) {
      out.authors.push_back({a, acc[a]});
      acc[a] = 0.0f;
    }
    std::sort(out.authors.begin() + static_cast<std::ptrdiff_t>(start), out.authors.end(),
              [](const format::AuthorPosting& x, const format::AuthorPosting& y) {
                return x.score != y.score ? x.score > y.score : x.author < y.author;
              });
    const size_t keep = std::max<size_t>(1, max_author_postings);
    float tail = 0;
    if (out.authors.size() - start > keep) {
      tail = out.authors[start + keep].score;
      out.authors.resize(start + keep);
    }
    out.author_tail.push_back(tail);
    out.author_offsets.push_back(out.authors.size());
  }
  return out;
}

}  // namespace st::scoring

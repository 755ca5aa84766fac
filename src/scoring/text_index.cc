#include "scoring/text_index.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>
#include <unordered_map>

#include "scoring/quality.h"
#include "scoring/tokenizer.h"

namespace st::scoring {
namespace {

struct RawPosting {  // of one work; works in order (see distinct_terms)
  uint32_t term;  // build-order id
  uint32_t tf;
};

bool Before(const format::AuthorPosting& x, const format::AuthorPosting& y) {
  return x.score != y.score ? x.score > y.score : x.author < y.author;
}

// Appends [first, last) as one impact-ordered list of `shard`, capped at
// `cap` entries (the first dropped impact is its tail).
void AppendList(std::vector<format::AuthorPosting>::iterator first, std::vector<format::AuthorPosting>::iterator last,
                uint32_t shard, uint32_t cap, TextIndexData* out) {
  const auto keep = std::min<std::ptrdiff_t>(last - first, std::max<uint32_t>(1, cap));
  float tail = 0;
  if (keep < last - first) {  // only the kept prefix needs ordering
    std::nth_element(first, first + keep, last, Before);
    tail = first[keep].score;
  }
  std::sort(first, first + keep, Before);
  out->lists.push_back({shard, tail, out->authors->size()});
  out->authors->Append(&*first, static_cast<uint64_t>(keep));
}

// Splits one term's postings by shard and appends one impact-ordered list per
// shard, each capped at `cap` entries (the first dropped impact is its tail).
void AppendShardLists(std::vector<format::AuthorPosting>& postings, std::span<const uint32_t> author_shard,
                      uint32_t cap, std::vector<format::AuthorPosting>* buffer, TextIndexData* out) {
  // Counting sort by shard (there are few shards).
  std::vector<size_t> start;
  for (const auto& p : postings) {
    const uint32_t s = author_shard[p.author];
    if (s + 2 > start.size()) start.resize(s + 2, 0);
    ++start[s + 1];
  }
  for (size_t s = 1; s < start.size(); ++s) start[s] += start[s - 1];
  buffer->resize(postings.size());
  for (const auto& p : postings) (*buffer)[start[author_shard[p.author]]++] = p;
  postings.swap(*buffer);
  for (auto i = postings.begin(); i != postings.end();) {
    const uint32_t shard = author_shard[i->author];
    auto j = i;
    while (j != postings.end() && author_shard[j->author] == shard) ++j;
    AppendList(i, j, shard, cap, out);
    i = j;
  }
}

}  // namespace

float Bm25(uint32_t tf, uint32_t doc_len, double avg_len, uint32_t df, uint32_t num_docs) {
  constexpr double k1 = 1.2, b = 0.75;
  const double idf = std::log(1.0 + (num_docs - df + 0.5) / (df + 0.5));
  const double norm = k1 * (1 - b + b * (avg_len > 0 ? doc_len / avg_len : 1.0));
  return static_cast<float>(idf * (tf * (k1 + 1)) / (tf + norm));
}

TextIndexData BuildTextIndex(const graph::GraphView& view, std::span<const float> work_weight,
                             std::span<const uint32_t> author_shard, const TextIndexOptions& options) {
  const uint32_t num_works = view.num_works();
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> terms;
  // A deque: grows without the doubling copy of a vector (the largest
  // temporary of the build: one entry per distinct term of every work).
  std::deque<RawPosting> raw;
  std::vector<uint32_t> doc_len(num_works), distinct_terms(num_works);
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
    for (const auto& [term, count] : tf) raw.push_back({term, count});
    distinct_terms[w] = static_cast<uint32_t>(tf.size());
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
    auto p = raw.begin();
    for (graph::WorkId w = 0; w < num_works; ++w) {
      for (uint32_t k = 0; k < distinct_terms[w]; ++k, ++p) {
        const uint32_t r = rank_of[p->term];
        const uint32_t df = static_cast<uint32_t>(out.work_offsets[r + 1] - out.work_offsets[r]);
        out.works[fill[r]++] = {w, Bm25(p->tf, doc_len[w], avg_len, df, num_works)};
      }
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

  // Author impacts per term and layer (all years, then since each cut year):
  // dense accumulators + touched lists; then one impact-ordered list per shard.
  const size_t num_layers = 1 + options.since_years.size();
  out.authors = std::make_unique<SpillArray>(options.spill_dir, sizeof(format::AuthorPosting));
  out.since_years.assign(options.since_years.begin(), options.since_years.end());
  std::vector<std::vector<float>> acc(num_layers, std::vector<float>(view.num_authors(), 0.0f));
  std::vector<std::vector<graph::AuthorId>> touched(num_layers);
  std::vector<format::AuthorPosting> postings, buffer;
  out.list_offsets.reserve(num_terms * num_layers + 1);
  out.list_offsets.push_back(0);
  for (uint32_t r = 0; r < num_terms; ++r) {
    for (uint64_t i = out.work_offsets[r]; i < out.work_offsets[r + 1]; ++i) {
      const auto& wp = out.works[i];
      const int year = view.Work(wp.work).year;
      const float base = wp.bm25 * work_weight[wp.work];
      for (const auto& slot : view.WorkAuthors(wp.work)) {
        const float impact = base * PositionWeight(slot.position);
        for (size_t l = 0; l < num_layers; ++l) {
          if (l > 0 && year < out.since_years[l - 1]) continue;
          if (acc[l][slot.author] == 0.0f) touched[l].push_back(slot.author);
          acc[l][slot.author] += impact;
        }
      }
    }
    for (size_t l = 0; l < num_layers; ++l) {
      postings.clear();
      for (graph::AuthorId a : touched[l]) {
        postings.push_back({a, acc[l][a]});
        acc[l][a] = 0.0f;
      }
      touched[l].clear();
      if (l == 0) {
        AppendShardLists(postings, author_shard, options.max_author_postings, &buffer, &out);
      } else {
        AppendList(postings.begin(), postings.end(), format::kAllShards, options.max_since_postings, &out);
      }
      out.list_offsets.push_back(out.lists.size());
    }
  }
  out.lists.push_back({0, 0.0f, out.authors->size()});  // sentinel: end of the last list
  return out;
}

}  // namespace st::scoring

#include "scoring/text_index.h"

#include <algorithm>
#include <cmath>
#include <cstring>
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

struct BucketPosting {  // a work posting on its way from work order to term order
  uint32_t term;  // rank
  uint32_t work;
  float bm25;
};

// Gives a container's memory back (`x = {}` may keep the capacity).
template <typename T>
void Free(T& x) {
  T().swap(x);
}

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

void IndexedText(const graph::GraphView& view, graph::WorkId w, std::string* text) {
  text->assign(view.WorkTitle(w));
  *text += ". ";
  *text += view.WorkTitle(w);
  *text += ". ";
  *text += view.WorkAbstract(w);
  for (const auto& t : view.WorkTopics(w)) {
    *text += ". ";
    *text += view.TopicName(t.topic);
  }
}

float Bm25(uint32_t tf, uint32_t doc_len, double avg_len, uint32_t df, uint32_t num_docs) {
  constexpr double k1 = 1.2, b = 0.75;
  const double idf = std::log(1.0 + (num_docs - df + 0.5) / (df + 0.5));
  const double norm = k1 * (1 - b + b * (avg_len > 0 ? doc_len / avg_len : 1.0));
  return static_cast<float>(idf * (tf * (k1 + 1)) / (tf + norm));
}

Result<TextIndexData> BuildTextIndex(const graph::GraphView& view, std::span<const float> work_weight,
                                     std::span<const uint32_t> author_shard, const TextIndexOptions& options) {
  const uint32_t num_works = view.num_works();
  const std::string& dir = options.spill_dir;
  TextIndexData out;

  constexpr graph::WorkId kReleaseEveryWorks = 1u << 16;
  // Pass 1, the only tokenising pass: each work's distinct terms (build-order
  // id, tf) in work order go to a spill file; BM25 needs every term's document
  // frequency and the average length first.
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<const std::string*> terms;  // build-order id -> the map's key (nodes do not move)
  std::vector<uint32_t> df_build;
  std::vector<uint32_t> doc_len(num_works), distinct_terms(num_works);
  auto raw = std::make_unique<SpillArray>(dir, sizeof(RawPosting), size_t{8} << 20);
  {
    std::unordered_map<uint32_t, uint32_t> tf;
    std::vector<RawPosting> row;
    std::string text;
    for (graph::WorkId w = 0; w < num_works; ++w) {
      IndexedText(view, w, &text);
      tf.clear();
      auto tokens = Tokenize(text);
      doc_len[w] = static_cast<uint32_t>(tokens.size());
      for (auto& tok : tokens) {
        auto [it, inserted] = ids.try_emplace(std::move(tok), static_cast<uint32_t>(terms.size()));
        if (inserted) {
          terms.push_back(&it->first);
          df_build.push_back(0);
        }
        ++tf[it->second];
      }
      row.clear();
      for (const auto& [term, count] : tf) {
        row.push_back({term, count});
        ++df_build[term];
      }
      raw->Append(row.data(), row.size());
      distinct_terms[w] = static_cast<uint32_t>(tf.size());
      // Titles and abstracts read stay resident in the mapping (with abstracts, the graph's largest section):
      // give them back as we go, not after the pass (1M works with abstracts: this phase's peak 686 -> 273 MB).
      if ((w + 1) % kReleaseEveryWorks == 0) view.ReleasePages();
    }
  }
  ST_RETURN_IF_ERROR(raw->Finish());
  view.ReleasePages();
  const double avg_len =
      num_works ? std::accumulate(doc_len.begin(), doc_len.end(), 0.0) / num_works : 0.0;

  // Sorted term order, so queries look terms up by binary search.
  const uint32_t num_terms = static_cast<uint32_t>(terms.size());
  std::vector<uint32_t> rank_of(num_terms);
  {
    std::vector<uint32_t> order(num_terms);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return *terms[a] < *terms[b]; });
    out.term_offsets.reserve(num_terms + 1);
    out.term_offsets.push_back(0);
    uint64_t bytes = 0;
    for (uint32_t t : order) bytes += terms[t]->size();
    out.term_bytes.reserve(bytes);
    for (uint32_t r = 0; r < num_terms; ++r) {
      rank_of[order[r]] = r;
      out.term_bytes += *terms[order[r]];
      out.term_offsets.push_back(out.term_bytes.size());
    }
  }
  Free(terms);
  Free(ids);
  // Work postings per term (by rank): the document frequencies' prefix sums.
  out.work_offsets.assign(num_terms + 1, 0);
  for (uint32_t t = 0; t < num_terms; ++t) out.work_offsets[rank_of[t] + 1] = df_build[t];
  Free(df_build);
  for (uint32_t r = 0; r < num_terms; ++r) out.work_offsets[r + 1] += out.work_offsets[r];
  auto df = [&](uint32_t r) { return static_cast<uint32_t>(out.work_offsets[r + 1] - out.work_offsets[r]); };

  // Term ranges ("buckets") of about bucket_postings postings each.
  std::vector<uint32_t> bucket_begin{0};
  for (uint32_t r = 0; r < num_terms; ++r)
    if (r > bucket_begin.back() &&
        out.work_offsets[r + 1] - out.work_offsets[bucket_begin.back()] > options.bucket_postings)
      bucket_begin.push_back(r);
  const size_t num_buckets = bucket_begin.size();
  bucket_begin.push_back(num_terms);

  // Pass 2 over the spilled rows, in work order: each work's BM25 postings
  // sorted by term are its forward index rows; the same postings go to the
  // spill file of their term's bucket, still in work order.
  out.work_term_offsets.assign(num_works + 1, 0);
  for (uint32_t w = 0; w < num_works; ++w) out.work_term_offsets[w + 1] = out.work_term_offsets[w] + distinct_terms[w];
  out.work_terms = std::make_unique<SpillArray>(dir, sizeof(format::TermPosting));
  std::vector<std::unique_ptr<SpillArray>> buckets(num_buckets);
  const size_t bucket_buffer = std::clamp<size_t>((size_t{16} << 20) / num_buckets, size_t{64} << 10, size_t{4} << 20);
  for (auto& b : buckets) b = std::make_unique<SpillArray>(dir, sizeof(BucketPosting), bucket_buffer);
  {
    std::vector<format::TermPosting> row;
    graph::WorkId w = 0;
    uint32_t seen = 0;
    ST_RETURN_IF_ERROR(raw->ForEach([&](const void* data, uint64_t count) {
      for (uint64_t i = 0; i < count; ++i) {
        RawPosting p;
        std::memcpy(&p, static_cast<const char*>(data) + i * sizeof(p), sizeof(p));
        while (seen == distinct_terms[w]) ++w, seen = 0;  // works without terms
        const uint32_t r = rank_of[p.term];
        row.push_back({r, Bm25(p.tf, doc_len[w], avg_len, df(r), num_works)});
        if (++seen < distinct_terms[w]) continue;
        std::sort(row.begin(), row.end(), [](const auto& x, const auto& y) { return x.term < y.term; });
        out.work_terms->Append(row.data(), row.size());
        for (const auto& t : row) {
          const size_t b = std::upper_bound(bucket_begin.begin(), bucket_begin.end(), t.term) - bucket_begin.begin() - 1;
          const BucketPosting bp{t.term, w, t.bm25};
          buckets[b]->Append(&bp, 1);
        }
        row.clear();
      }
      return Status::Ok();
    }));
  }
  ST_RETURN_IF_ERROR(out.work_terms->Finish());
  raw.reset();  // its disk space too
  Free(doc_len);
  Free(distinct_terms);
  Free(rank_of);

  // Pass 3, one bucket at a time in term order: the bucket's postings by term
  // (a counting sort; works stay ascending within a term), appended to the work
  // postings; then per term the author impacts per layer (all years, then
  // since each cut year): dense accumulators + touched lists, and one
  // impact-ordered list per shard.
  out.works = std::make_unique<SpillArray>(dir, sizeof(format::WorkPosting));
  const size_t num_layers = 1 + options.since_years.size();
  out.authors = std::make_unique<SpillArray>(dir, sizeof(format::AuthorPosting));
  out.since_years.assign(options.since_years.begin(), options.since_years.end());
  std::vector<std::vector<float>> acc(num_layers, std::vector<float>(view.num_authors(), 0.0f));
  std::vector<std::vector<graph::AuthorId>> touched(num_layers);
  std::vector<format::AuthorPosting> postings, buffer;
  std::vector<format::WorkPosting> term_works;
  std::vector<uint64_t> fill;
  out.list_offsets.reserve(uint64_t{num_terms} * num_layers + 1);
  out.list_offsets.push_back(0);
  for (size_t b = 0; b < num_buckets; ++b) {
    const uint32_t first = bucket_begin[b], last = bucket_begin[b + 1];
    const uint64_t base = out.work_offsets[first];
    term_works.resize(out.work_offsets[last] - base);
    fill.assign(out.work_offsets.begin() + first, out.work_offsets.begin() + last);
    ST_RETURN_IF_ERROR(buckets[b]->Finish());
    ST_RETURN_IF_ERROR(buckets[b]->ForEach([&](const void* data, uint64_t count) {
      for (uint64_t i = 0; i < count; ++i) {
        BucketPosting p;
        std::memcpy(&p, static_cast<const char*>(data) + i * sizeof(p), sizeof(p));
        term_works[fill[p.term - first]++ - base] = {p.work, p.bm25};
      }
      return Status::Ok();
    }));
    buckets[b].reset();
    out.works->Append(term_works.data(), term_works.size());
    for (uint32_t r = first; r < last; ++r) {
      for (uint64_t i = out.work_offsets[r]; i < out.work_offsets[r + 1]; ++i) {
        const auto& wp = term_works[i - base];
        const int year = view.Work(wp.work).year;
        const float weight = wp.bm25 * work_weight[wp.work];
        for (const auto& slot : view.WorkAuthors(wp.work)) {
          const float impact = weight * PositionWeight(slot.position);
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
  }
  out.lists.push_back({0, 0.0f, out.authors->size()});  // sentinel: end of the last list
  ST_RETURN_IF_ERROR(out.works->Finish());
  ST_RETURN_IF_ERROR(out.authors->Finish());
  return out;
}

}  // namespace st::scoring

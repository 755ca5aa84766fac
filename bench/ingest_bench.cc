// Ingest benchmark, our side. Two modes over the same files, 2 threads:
//   engine  FILE...  corpus::ExpandInputs + ReadFile (the ingest library path)
//                    + per-author citation sums, h-index and recent citations;
//   ceiling FILE...  just decompress (ISA-L, as the reader does; plain files
//                    mapped, as the reader does) and fully parse every line
//                    with simdjson (DOM), nothing else.
// Prints one JSON line with seconds and checksums comparable with
// duckdb_ingest.mjs (authors, citations, h_sum, recent).
#include <isa-l/igzip_lib.h>
#include <sys/resource.h>
#include <unistd.h>
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <functional>
#include <vector>

#include "base/mmap_file.h"
#include "corpus/reader.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr unsigned kThreads = 2;

// User + system CPU seconds of this process so far: a second measure that a
// busy machine distorts less than wall time.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

template <typename F>
void RunOnThreads(size_t n_items, F&& body) {
  std::atomic<size_t> next{0};
  auto worker = [&](unsigned t) {
    for (size_t i; (i = next.fetch_add(1)) < n_items;) body(t, i);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < kThreads; ++t) threads.emplace_back(worker, t);
  worker(0);
  for (auto& th : threads) th.join();
}

// ---- ceiling: decompress + parse only.
struct CeilingCount {
  uint64_t records = 0, bytes = 0, errors = 0;
};

// Plain files: mapped and parsed in place, as the reader does (no read()
// copy), so the ceiling gets the engine's I/O too.
CeilingCount ParseMapped(const std::string& path) {
  CeilingCount count;
  auto map = st::MmapFile::Open(path);
  if (!map.ok()) return {0, 0, 1};
  const std::string_view text = map->view();
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t readable = (text.size() + page - 1) / page * page;  // the last page is zero-filled
  simdjson::dom::parser parser;
  std::string tail;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) {
      const char* line = text.data() + start;
      if (end + simdjson::SIMDJSON_PADDING > readable) {  // too near the mapping's end
        tail.assign(line, end - start);
        tail.resize(end - start + simdjson::SIMDJSON_PADDING);
        line = tail.data();
      }
      simdjson::dom::element doc;
      count.errors += parser.parse(line, end - start, false).get(doc) != simdjson::SUCCESS;
      ++count.records;
    }
    count.bytes += end - start + (end < text.size());
    start = end + 1;
  }
  return count;
}

CeilingCount DecompressAndParse(const std::string& path) {
  if (!path.ends_with(".gz")) return ParseMapped(path);
  CeilingCount count;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return {0, 0, 1};
  const bool gz = path.ends_with(".gz");
  std::vector<uint8_t> in(1 << 20);
  std::vector<char> out((8 << 20) + simdjson::SIMDJSON_PADDING);
  const size_t out_cap = 8 << 20;
  size_t out_len = 0;  // bytes in out not yet parsed (a partial line)
  simdjson::dom::parser parser;
  inflate_state state;
  isal_inflate_init(&state);
  state.crc_flag = ISAL_GZIP;
  auto parse_lines = [&](bool final) {
    size_t start = 0;
    while (true) {
      const char* nl = static_cast<const char*>(std::memchr(out.data() + start, '\n', out_len - start));
      size_t end = nl ? static_cast<size_t>(nl - out.data()) : (final ? out_len : std::string::npos);
      if (end == std::string::npos) break;
      if (end > start) {
        simdjson::dom::element doc;
        count.errors += parser.parse(out.data() + start, end - start, false).get(doc) != simdjson::SUCCESS;
        ++count.records;
      }
      count.bytes += end - start + (nl != nullptr);
      start = end + 1;
      if (!nl) break;
    }
    start = std::min(start, out_len);
    std::memmove(out.data(), out.data() + start, out_len - start);
    out_len -= start;
  };
  bool eof = false;
  size_t in_len = 0, in_pos = 0;
  while (true) {
    if (in_pos == in_len && !eof) {
      in_len = std::fread(in.data(), 1, in.size(), f);
      in_pos = 0;
      eof = in_len == 0;
    }
    if (gz) {
      state.next_in = in.data() + in_pos;
      state.avail_in = static_cast<uint32_t>(in_len - in_pos);
      state.next_out = reinterpret_cast<uint8_t*>(out.data() + out_len);
      state.avail_out = static_cast<uint32_t>(out_cap - out_len);
      const uint32_t before_in = state.avail_in, before_out = state.avail_out;
      if (isal_inflate(&state) < 0) return {count.records, count.bytes, count.errors + 1};
      in_pos += before_in - state.avail_in;
      out_len += before_out - state.avail_out;
      if (state.block_state == ISAL_BLOCK_FINISH) {  // next member, if any
        isal_inflate_init(&state);
        state.crc_flag = ISAL_GZIP;
      }
      if (eof && before_out == state.avail_out) break;
    } else {
      const size_t n = std::min(in_len - in_pos, out_cap - out_len);
      std::memcpy(out.data() + out_len, in.data() + in_pos, n);
      in_pos += n;
      out_len += n;
      if (eof) break;
    }
    parse_lines(false);
    if (out_len == out_cap) return {count.records, count.bytes, count.errors + 1};  // line > 8 MB
  }
  parse_lines(true);
  std::fclose(f);
  return count;
}

int Ceiling(const std::vector<std::string>& files) {
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  std::vector<CeilingCount> counts(files.size());
  RunOnThreads(files.size(), [&](unsigned, size_t i) { counts[i] = DecompressAndParse(files[i]); });
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  CeilingCount total;
  for (const auto& c : counts) total.records += c.records, total.bytes += c.bytes, total.errors += c.errors;
  std::printf("{\"seconds\":%.4f,\"cpu_s\":%.4f,\"records\":%llu,\"json_bytes\":%llu,\"errors\":%llu}\n",
              seconds, CpuSeconds() - cpu_start,
              static_cast<unsigned long long>(total.records), static_cast<unsigned long long>(total.bytes),
              static_cast<unsigned long long>(total.errors));
  return total.errors ? 1 : 0;
}

// ---- engine: the reader library + the per-author metrics.

// Author id -> dense index: open addressing over a power-of-two table, keys
// hashed from their first and last 8 bytes (ids are short), so a lookup is a
// multiply and usually one probe; std::unordered_map's hashing and node
// chasing cost more than the rest of the aggregation. A slot holds the hash
// and keys of up to 16 bytes (OpenAlex author ids), so the prefetched slot
// settles a lookup without a second cache miss on the key.
class AuthorIndex {
 public:
  AuthorIndex() : slots_(1024) {}

  static uint64_t Hash(std::string_view s) {
    uint64_t a = 0, b = 0;
    if (s.size() >= 8) {
      std::memcpy(&a, s.data(), 8);
      std::memcpy(&b, s.data() + s.size() - 8, 8);
    } else {
      std::memcpy(&a, s.data(), s.size());
    }
    // MurmurHash3's finaliser over both words: every input bit reaches the
    // low bits the table uses.
    uint64_t h = a * 0x9E3779B97F4A7C15ull ^ (b + s.size()) * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
  }
  // Starts loading the slot `hash` probes first (a lookup is a cache miss:
  // the parsed text streams through the caches between two records).
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }

  // Dense index of `key` (0, 1, 2, ... in first-seen order), added when new.
  uint32_t Find(std::string_view key, uint64_t hash) {
    for (size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[i];
      if (slot.index == 0) {
        keys_.emplace_back(key);
        slot.hash = hash;
        slot.index = static_cast<uint32_t>(keys_.size());
        slot.len = static_cast<uint32_t>(key.size());
        std::memcpy(slot.key, key.data(), std::min(key.size(), sizeof slot.key));
        if (keys_.size() * 2 > slots_.size()) Grow();
        return static_cast<uint32_t>(keys_.size() - 1);
      }
      if (slot.hash == hash && slot.len == key.size() &&
          (key.size() <= sizeof slot.key ? std::memcmp(slot.key, key.data(), key.size()) == 0
                                         : keys_[slot.index - 1] == key))
        return slot.index - 1;
    }
  }
  const std::vector<std::string>& keys() const { return keys_; }

 private:
  struct alignas(32) Slot {
    uint64_t hash = 0;
    uint32_t index = 0;  // 0 = empty, else key index + 1
    uint32_t len = 0;
    char key[16] = {};   // the key's first bytes (all of it when it fits)
  };

  void Grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    for (const Slot& slot : slots_) {
      if (slot.index == 0) continue;
      size_t i = slot.hash & (bigger.size() - 1);
      while (bigger[i].index != 0) i = (i + 1) & (bigger.size() - 1);
      bigger[i] = slot;
    }
    slots_ = std::move(bigger);
  }

  std::vector<Slot> slots_;
  std::vector<std::string> keys_;
};

struct ThreadAgg {
  AuthorIndex authors;
  std::vector<std::pair<uint32_t, int32_t>> cites;   // (local author, work citations)
  std::vector<int64_t> recent;                       // by local index
};

int Engine(const std::vector<std::string>& paths, int recent_from) {
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  auto inputs = st::corpus::ExpandInputs(paths);
  if (!inputs.ok()) {
    std::fprintf(stderr, "ingest_bench: %s\n", inputs.status().ToString().c_str());
    return 1;
  }
  std::vector<ThreadAgg> aggs(kThreads);
  std::atomic<uint64_t> records{0}, errors{0};
  std::mutex error_mu;
  std::string first_error;
  RunOnThreads(inputs->size(), [&](unsigned t, size_t i) {
    ThreadAgg& agg = aggs[t];
    st::corpus::ReadOptions options;
    // Like DuckDB's explicit columns: read only what the metrics need.
    options.projection = st::corpus::Projection::kCitations;
    std::vector<uint64_t> hashes;  // of one record's author ids
    auto on_record = [&](const st::corpus::WorkRecord& r) {
      int64_t recent = 0;
      for (const auto& yc : r.counts_by_year) recent += yc.year >= recent_from ? yc.count : 0;
      const int32_t cited = static_cast<int32_t>(std::max<int64_t>(r.cited_by_count, 0));
      hashes.clear();
      for (const auto& a : r.authors) {
        hashes.push_back(AuthorIndex::Hash(a.openalex_id));
        agg.authors.Prefetch(hashes.back());
      }
      for (size_t k = 0; k < r.authors.size(); ++k) {
        const uint32_t author = agg.authors.Find(r.authors[k].openalex_id, hashes[k]);
        if (author == agg.recent.size()) agg.recent.push_back(0);
        agg.cites.emplace_back(author, cited);
        agg.recent[author] += recent;
      }
    };
    auto on_error = [&](const st::corpus::ReadError& e) {
      std::lock_guard<std::mutex> lock(error_mu);
      if (first_error.empty()) first_error = e.ToString();
      return true;
    };
    auto stats = st::corpus::ReadFile((*inputs)[i], options, on_record, on_error);
    if (!stats.ok()) {
      std::lock_guard<std::mutex> lock(error_mu);
      if (first_error.empty()) first_error = stats.status().ToString();
      ++errors;
      return;
    }
    records += stats->records;
    errors += stats->errors;
  });
  // Merge the per-thread tables into global author ids, then h-index per
  // author: citations bucketed by author (counting sort), and each author's
  // h-index counted (papers with >= k citations, capped at the paper count)
  // instead of sorting the bucket.
  AuthorIndex global;
  std::vector<int64_t> recent;
  std::vector<std::vector<uint32_t>> to_global(aggs.size());
  for (size_t t = 0; t < aggs.size(); ++t) {
    const ThreadAgg& agg = aggs[t];
    to_global[t].resize(agg.recent.size());
    for (size_t l = 0; l < agg.recent.size(); ++l) {
      const uint32_t g = global.Find(agg.authors.keys()[l], AuthorIndex::Hash(agg.authors.keys()[l]));
      if (g == recent.size()) recent.push_back(0);
      to_global[t][l] = g;
      recent[g] += agg.recent[l];
    }
  }
  std::vector<uint32_t> offset(recent.size() + 1, 0);
  for (size_t t = 0; t < aggs.size(); ++t)
    for (auto [l, c] : aggs[t].cites) ++offset[to_global[t][l] + 1];
  for (size_t a = 0; a < recent.size(); ++a) offset[a + 1] += offset[a];
  std::vector<int32_t> by_author(offset.back());
  {
    std::vector<uint32_t> fill(offset.begin(), offset.end() - 1);
    for (size_t t = 0; t < aggs.size(); ++t)
      for (auto [l, c] : aggs[t].cites) by_author[fill[to_global[t][l]]++] = c;
  }
  int64_t citations = 0, h_sum = 0, recent_sum = 0;
  std::vector<uint32_t> at_least;  // papers by citations, capped at the paper count
  for (size_t a = 0; a < recent.size(); ++a) {
    const uint32_t n = offset[a + 1] - offset[a];
    at_least.assign(n + 1, 0);
    for (uint32_t k = offset[a]; k < offset[a + 1]; ++k) {
      citations += by_author[k];
      ++at_least[std::min<uint32_t>(static_cast<uint32_t>(by_author[k]), n)];
    }
    uint32_t papers = 0, h = n;
    for (; h > 0; --h) {
      papers += at_least[h];
      if (papers >= h) break;
    }
    h_sum += h;
  }
  for (int64_t r : recent) recent_sum += r;
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!first_error.empty()) std::fprintf(stderr, "ingest_bench: first error: %s\n", first_error.c_str());
  std::printf("{\"seconds\":%.4f,\"cpu_s\":%.4f,\"records\":%llu,\"errors\":%llu,\"authors\":%zu,"
              "\"citations\":%lld,\"h_sum\":%lld,\"recent\":%lld}\n",
              seconds, CpuSeconds() - cpu_start, static_cast<unsigned long long>(records.load()),
              static_cast<unsigned long long>(errors.load()), recent.size(), static_cast<long long>(citations),
              static_cast<long long>(h_sum), static_cast<long long>(recent_sum));
  return errors ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: ingest_bench engine RECENT_FROM_YEAR FILE... | ingest_bench ceiling FILE...\n");
    return 2;
  }
  const std::string mode = argv[1];
  if (mode == "ceiling") return Ceiling(std::vector<std::string>(argv + 2, argv + argc));
  if (mode == "engine" && argc >= 4) return Engine(std::vector<std::string>(argv + 3, argv + argc), std::atoi(argv[2]));
  std::fprintf(stderr, "ingest_bench: unknown mode %s\n", argv[1]);
  return 2;
}

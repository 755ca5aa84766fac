#include "scoring/term_dictionary.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <queue>
#include <string>
#include <string_view>

#include "graph/spill_codec.h"

namespace st::scoring {
namespace {

// Chunk files are many: small read buffers keep a merge of hundreds of chunks
// in a few tens of MB.
constexpr size_t kChunkBufferBytes = size_t{32} << 10;

struct LocalRank {
  uint32_t local;
  uint32_t rank;
};

}  // namespace

// One sorted chunk: a record per term (term, local id, document frequency),
// in bytewise term order.
struct TermDictionary::Chunk {
  explicit Chunk(const std::string& dir) : records(dir) {}
  graph::RecordWriter records;
  uint32_t terms = 0;
};

namespace {

// Reads one sorted chunk term by term.
class ChunkCursor {
 public:
  explicit ChunkCursor(const TempSpill& file) : cursor_(file, kChunkBufferBytes) {}

  // Loads the next term; false at the end.
  Result<bool> Advance() {
    return cursor_.Next("the term dictionary's temporary chunk file",
                        [&](graph::RecordReader& in) { return in.GetString(term) && in.Get(local) && in.Get(df); });
  }

  std::string_view term;  // valid until the next Advance
  uint32_t local = 0, df = 0;

 private:
  graph::RecordCursor cursor_;
};

}  // namespace

TermDictionary::TermDictionary(std::string spill_dir, uint32_t max_chunk_terms)
    : dir_(std::move(spill_dir)), max_chunk_terms_(std::max<uint32_t>(1, max_chunk_terms)) {}

TermDictionary::~TermDictionary() = default;

uint32_t TermDictionary::Id(std::string&& term) {
  auto [it, inserted] = ids_.try_emplace(std::move(term), static_cast<uint32_t>(terms_.size()));
  if (inserted) {
    terms_.push_back(&it->first);
    df_.push_back(0);
  }
  return it->second;
}

Status TermDictionary::EndChunk() {
  std::vector<uint32_t> order(terms_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return *terms_[a] < *terms_[b]; });
  auto chunk = std::make_unique<Chunk>(dir_);
  for (uint32_t local : order) {
    chunk->records.PutString(*terms_[local]);
    chunk->records.Put(local);
    chunk->records.Put(df_[local]);
    chunk->records.EndRecord();
  }
  chunk->terms = static_cast<uint32_t>(order.size());
  ST_RETURN_IF_ERROR(chunk->records.Finish());
  chunks_.push_back(std::move(chunk));
  // Give the chunk's memory back, not just its contents.
  decltype(ids_)().swap(ids_);
  decltype(terms_)().swap(terms_);
  decltype(df_)().swap(df_);
  return Status::Ok();
}

Result<TermDictionary::Merged> TermDictionary::Merge() {
  if (!terms_.empty() || chunks_.empty()) ST_RETURN_IF_ERROR(EndChunk());
  Merged out;
  out.term_offsets = std::make_unique<SpillArray>(dir_, sizeof(uint64_t));
  out.term_bytes = std::make_unique<SpillArray>(dir_, 1);
  std::vector<ChunkCursor> cursors;
  cursors.reserve(chunks_.size());
  for (const auto& c : chunks_) {
    cursors.emplace_back(c->records.file());
    out.local_ranks.push_back(std::make_unique<SpillArray>(dir_, sizeof(LocalRank), kChunkBufferBytes));
    out.chunk_terms.push_back(c->terms);
  }
  // Smallest term first; equal terms in chunk order (any order gives the same output).
  auto after = [&](size_t a, size_t b) {
    const int cmp = cursors[a].term.compare(cursors[b].term);
    return cmp != 0 ? cmp > 0 : a > b;
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(after)> heap(after);
  for (size_t c = 0; c < cursors.size(); ++c) {
    ST_ASSIGN_OR_RETURN(bool more, cursors[c].Advance());
    if (more) heap.push(c);
  }
  uint64_t end = 0;
  out.term_offsets->Append(&end, 1);
  std::string current;
  while (!heap.empty()) {
    const size_t c = heap.top();
    heap.pop();
    ChunkCursor& cur = cursors[c];
    if (out.df.empty() || cur.term != current) {
      current.assign(cur.term);
      out.term_bytes->Append(current.data(), current.size());
      end += current.size();
      out.term_offsets->Append(&end, 1);
      out.df.push_back(0);
    }
    out.df.back() += cur.df;
    const LocalRank lr{cur.local, static_cast<uint32_t>(out.df.size() - 1)};
    out.local_ranks[c]->Append(&lr, 1);
    ST_ASSIGN_OR_RETURN(bool more, cur.Advance());
    if (more) heap.push(c);
  }
  cursors.clear();
  chunks_.clear();  // their disk space too
  for (auto& r : out.local_ranks) ST_RETURN_IF_ERROR(r->Close());
  ST_RETURN_IF_ERROR(out.term_offsets->Finish());
  ST_RETURN_IF_ERROR(out.term_bytes->Finish());
  return out;
}

Status TermDictionary::LoadRanks(const Merged& merged, size_t c, std::vector<uint32_t>* rank_of) {
  rank_of->assign(merged.chunk_terms[c], 0);
  return merged.local_ranks[c]->ForEach([&](const void* data, uint64_t count) {
    for (uint64_t i = 0; i < count; ++i) {
      LocalRank lr;
      std::memcpy(&lr, static_cast<const char*>(data) + i * sizeof(lr), sizeof(lr));
      (*rank_of)[lr.local] = lr.rank;
    }
    return Status::Ok();
  });
}

}  // namespace st::scoring

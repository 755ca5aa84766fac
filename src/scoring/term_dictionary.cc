#include "scoring/term_dictionary.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <queue>
#include <string_view>

namespace st::scoring {
namespace {

// Chunk files are many and small: small buffers keep a merge of hundreds of
// chunks in a few tens of MB.
constexpr size_t kChunkBufferBytes = size_t{32} << 10;
constexpr uint64_t kReadEntries = 2048;

struct Entry {  // one term of a sorted chunk; its bytes follow in the chunk's byte array
  uint32_t length;
  uint32_t local;
  uint32_t df;
};

struct LocalRank {
  uint32_t local;
  uint32_t rank;
};

}  // namespace

struct TermDictionary::Chunk {
  explicit Chunk(const std::string& dir)
      : entries(dir, sizeof(Entry), kChunkBufferBytes), bytes(dir, 1, kChunkBufferBytes) {}
  SpillArray entries;  // Entry, terms in bytewise order
  SpillArray bytes;    // the terms' bytes, in the same order
};

namespace {

// Reads one sorted chunk term by term, a buffer at a time.
class ChunkCursor {
 public:
  explicit ChunkCursor(const SpillArray& entries, const SpillArray& bytes) : entries_(entries), bytes_(bytes) {}

  // Loads the next term; false at the end.
  Result<bool> Advance() {
    if (entry_pos_ == buffer_.size()) {
      const uint64_t n = std::min(kReadEntries, entries_.size() - next_entry_);
      if (n == 0) return false;
      buffer_.resize(n);
      ST_RETURN_IF_ERROR(entries_.Read(next_entry_, n, buffer_.data()));
      next_entry_ += n;
      entry_pos_ = 0;
    }
    entry = buffer_[entry_pos_++];
    if (byte_pos_ + entry.length > text_.size()) {  // refill: keep the unread tail
      text_.erase(0, byte_pos_);
      byte_pos_ = 0;
      const uint64_t want = std::max<uint64_t>(entry.length - text_.size(), kChunkBufferBytes);
      const uint64_t n = std::min(want, bytes_.size() - next_byte_);
      const size_t old = text_.size();
      text_.resize(old + n);
      ST_RETURN_IF_ERROR(bytes_.Read(next_byte_, n, text_.data() + old));
      next_byte_ += n;
      if (entry.length > text_.size()) return Status::Corruption("term dictionary chunk: bytes end early");
    }
    term = std::string_view(text_).substr(byte_pos_, entry.length);
    byte_pos_ += entry.length;
    return true;
  }

  Entry entry{};
  std::string_view term;  // valid until the next Advance

 private:
  const SpillArray& entries_;
  const SpillArray& bytes_;
  std::vector<Entry> buffer_;
  size_t entry_pos_ = 0;
  uint64_t next_entry_ = 0;
  std::string text_;
  size_t byte_pos_ = 0;
  uint64_t next_byte_ = 0;
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
    const std::string& t = *terms_[local];
    const Entry e{static_cast<uint32_t>(t.size()), local, df_[local]};
    chunk->entries.Append(&e, 1);
    chunk->bytes.Append(t.data(), t.size());
  }
  ST_RETURN_IF_ERROR(chunk->entries.Close());
  ST_RETURN_IF_ERROR(chunk->bytes.Close());
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
    cursors.emplace_back(c->entries, c->bytes);
    out.local_ranks.push_back(std::make_unique<SpillArray>(dir_, sizeof(LocalRank), kChunkBufferBytes));
    out.chunk_terms.push_back(static_cast<uint32_t>(c->entries.size()));
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
    out.df.back() += cur.entry.df;
    const LocalRank lr{cur.entry.local, static_cast<uint32_t>(out.df.size() - 1)};
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

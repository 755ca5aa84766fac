// The text index's term dictionary, built in bounded memory. Real text has a
// large vocabulary, bigrams above all (the real paper lists: 592k terms in 60k
// works, 92 % bigrams, still growing as n^0.75), so one in-memory dictionary of
// every term (85 heap bytes a term) would dominate the build at 1M works.
// Instead terms get ids local to a chunk of works; a chunk that reaches
// `max_chunk_terms` terms is sorted and spilled. Merge() then joins the sorted
// chunks into the sorted dictionary (bytes and offsets spilled, the document
// frequency per term in memory, 4 bytes a term) and, per chunk, its local ids'
// global ranks, which the caller loads one chunk at a time.
// Thread-safety: none.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "scoring/derived_file.h"

namespace st::scoring {

class TermDictionary {
 public:
  TermDictionary(std::string spill_dir, uint32_t max_chunk_terms);
  ~TermDictionary();
  TermDictionary(const TermDictionary&) = delete;
  TermDictionary& operator=(const TermDictionary&) = delete;

  // The current chunk's id of `term` (new terms get the next id).
  uint32_t Id(std::string&& term);
  // One more document holds local term `id` (call once per document and term).
  void CountDocument(uint32_t id) { ++df_[id]; }
  // True once the chunk holds max_chunk_terms terms: end it at the next
  // document boundary.
  bool ChunkFull() const { return terms_.size() >= max_chunk_terms_; }
  // Ends the current chunk (empty chunks are kept, so chunk numbers follow
  // the caller's calls). Errors: IoError from the spill.
  Status EndChunk();

  struct Merged {
    std::unique_ptr<SpillArray> term_offsets;  // uint64_t, num_terms + 1, into term_bytes
    std::unique_ptr<SpillArray> term_bytes;    // char: terms in bytewise order
    std::vector<uint32_t> df;                  // per term (rank)
    // Per chunk: (local id, rank) pairs, to be loaded with LoadRanks.
    std::vector<std::unique_ptr<SpillArray>> local_ranks;
    std::vector<uint32_t> chunk_terms;  // per chunk: its number of local ids
  };
  // Ends the last chunk and merges. The dictionary is empty afterwards.
  Result<Merged> Merge();

  // rank_of[local id] of chunk `c` of `merged`.
  static Status LoadRanks(const Merged& merged, size_t c, std::vector<uint32_t>* rank_of);

 private:
  struct Chunk;
  std::string dir_;
  uint32_t max_chunk_terms_;
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<const std::string*> terms_;  // local id -> the map's key (nodes do not move)
  std::vector<uint32_t> df_;               // per local id
  std::vector<std::unique_ptr<Chunk>> chunks_;
};

}  // namespace st::scoring

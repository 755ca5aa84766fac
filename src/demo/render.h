// Renders demo works as OpenAlex work records (JSON, one per line), with the
// field names and types of the public snapshot, plus "superteam_demo": true.
// Thread-safety: a WorkRenderer holds scratch buffers; use one per thread.
// Output depends only on (world, seed, work index), never on the thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "demo/text.h"
#include "demo/world.h"

namespace st::demo {

class WorkRenderer {
 public:
  // abstracts = false writes "abstract_inverted_index": null (as OpenAlex does
  // for works without one): a lean corpus for big benchmark graphs.
  explicit WorkRenderer(const World& world, bool abstracts = true) : world_(world), abstracts_(abstracts) {}

  // Appends work `w` as one JSON line ending in '\n' to `out`.
  void Append(uint32_t w, std::string& out);

 private:
  void AppendAuthorships(uint32_t w, int year, Rng& rng, std::string& out);
  void AppendTopics(uint32_t w, Rng& rng, std::string& out);
  void AppendReferences(uint32_t w, Rng& rng, std::string& out);
  void AppendCountsByYear(uint32_t w, std::string& out);
  void AppendInvertedIndex(std::string_view abstract, std::string& out);

  const World& world_;
  bool abstracts_;
  WorkText text_;
  std::vector<uint64_t> refs_;
  std::vector<std::string_view> words_;
  std::unordered_map<std::string_view, uint32_t> word_slot_;
  std::vector<std::vector<uint32_t>> positions_;
};

}  // namespace st::demo

// Open-addressing hash table from a string key to a uint32 value, for keys the
// caller can recompute from the value (a record's normalised id, say): a slot
// is 8 bytes (hash tag + value) instead of a std::string node of ~80 bytes.
// Capacity is set at construction (at most `max_entries` inserts) or raised
// with Grow(), which re-places the values by their recomputed keys.
// Thread-safety: none.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace st::graph {

class KeyTable {
 public:
  static constexpr uint32_t kAbsent = 0xFFFFFFFFu;

  KeyTable() = default;
  explicit KeyTable(size_t max_entries)
      : slots_(std::bit_ceil(std::max<size_t>(16, max_entries + max_entries / 2 + 1))) {}

  static uint64_t Hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

  // The value stored under `key`, or kAbsent. `has_key(value)` tells whether
  // a stored value's key equals `key` (asked only when the hash tags match).
  template <typename HasKey>
  uint32_t Find(std::string_view key, HasKey&& has_key) const {
    if (slots_.empty()) return kAbsent;
    const uint64_t h = Hash(key);
    for (size_t i = h & Mask();; i = (i + 1) & Mask()) {
      const Slot& s = slots_[i];
      if (s.value == kAbsent) return kAbsent;
      if (s.tag == Tag(h) && has_key(s.value)) return s.value;
    }
  }

  // Inserts `value` under `key` unless the key is present; returns the value
  // stored under the key and whether `value` was inserted.
  template <typename HasKey>
  std::pair<uint32_t, bool> FindOrInsert(std::string_view key, uint32_t value, HasKey&& has_key) {
    const uint64_t h = Hash(key);
    for (size_t i = h & Mask();; i = (i + 1) & Mask()) {
      Slot& s = slots_[i];
      if (s.value == kAbsent) {
        s = {Tag(h), value};
        ++size_;
        return {value, true};
      }
      if (s.tag == Tag(h) && has_key(s.value)) return {s.value, false};
    }
  }

  size_t size() const { return size_; }
  size_t capacity() const { return slots_.size(); }

  // Doubles the capacity (at least 1024 slots); `key_of(value)` gives each
  // stored value's key back, as its slot depends on the key's hash.
  template <typename KeyOf>
  void Grow(KeyOf&& key_of) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(1024, old.size() * 2), Slot{});
    for (const Slot& o : old) {
      if (o.value == kAbsent) continue;
      size_t i = Hash(key_of(o.value)) & Mask();
      while (slots_[i].value != kAbsent) i = (i + 1) & Mask();
      slots_[i] = o;
    }
  }

 private:
  struct Slot {
    uint32_t tag = 0;
    uint32_t value = kAbsent;
  };
  static uint32_t Tag(uint64_t h) { return static_cast<uint32_t>(h >> 32); }
  size_t Mask() const { return slots_.size() - 1; }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace st::graph

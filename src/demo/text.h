// Titles and abstracts for demo works, from the topic's vocabulary, so that
// text search behaves as it would on real papers of that field.
// Thread-safety: pure functions of their arguments.
#pragma once

#include <string>
#include <vector>

#include "demo/rng.h"
#include "demo/vocab.h"

namespace st::demo {

struct WorkText {
  std::string title;
  std::string abstract;
  std::vector<std::string_view> keywords;  // phrases from the vocabulary used
  void Clear() { title.clear(), abstract.clear(), keywords.clear(); }
};

// Fills `text` (reusing its capacity) for one work of `topic`.
void MakeWorkText(const TopicInfo& topic, Rng& rng, WorkText& text);

}  // namespace st::demo

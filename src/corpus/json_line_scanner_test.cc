// JsonLineScanner against a byte-at-a-time reference: line ends, the depth
// verdict and where the root closes must agree for any bytes, fed in any
// chunk sizes.
#include "corpus/json_line_scanner.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace st::corpus {
namespace {

struct Line {
  size_t end;  // offset of the '\n' (or of the input's end)
  bool too_deep;
  uint64_t root_end = JsonLineScanner::kNever;  // offset in the line; kNever when too deep
  bool operator==(const Line&) const = default;
};

// Reference: one byte at a time. Like simdjson's stage 1, a backslash
// escapes the next byte anywhere (outside strings it is invalid JSON anyway),
// and only unescaped quotes open or close strings; like simdjson's skipping,
// depth is +1 per opener and -1 per closer (unbalanced lines are invalid).
std::vector<Line> Reference(const std::string& s, uint32_t max_depth) {
  std::vector<Line> out;
  int64_t depth = 0;
  bool in_string = false, escaped = false, too_deep = false;
  size_t line_start = 0;
  uint64_t root_end = JsonLineScanner::kNever;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n') {
      out.push_back({i, too_deep, too_deep ? JsonLineScanner::kNever : root_end});
      depth = 0;
      in_string = escaped = too_deep = false;
      line_start = i + 1;
      root_end = JsonLineScanner::kNever;
      continue;
    }
    const char c = s[i];
    const bool was_escaped = escaped;
    escaped = c == '\\' && !was_escaped;
    if (c == '"') {
      if (!was_escaped) in_string = !in_string;
    } else if (in_string) {
      continue;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) too_deep = true;
    } else if (c == ']' || c == '}') {
      if (--depth <= 0 && root_end == JsonLineScanner::kNever) root_end = i - line_start;
    }
  }
  return out;
}

// The scanner fed in chunks of the given sizes (cycled).
std::vector<Line> Scan(const std::string& s, uint32_t max_depth, const std::vector<size_t>& chunks,
                       bool allow_avx512 = true) {
  JsonLineScanner scanner(max_depth, allow_avx512);
  std::vector<Line> out;
  size_t pos = 0, chunk = 0;
  while (pos < s.size()) {
    const size_t n = std::min(chunks[chunk++ % chunks.size()], s.size() - pos);
    const size_t at = scanner.FindLineEnd(s.data() + pos, n);
    if (at < n) {
      out.push_back({pos + at, scanner.too_deep(), scanner.root_end()});
      pos += at + 1;
    } else {
      pos += n;
    }
  }
  const bool too_deep = scanner.FinishLine();
  out.push_back({s.size(), too_deep, scanner.root_end()});
  return out;
}

TEST(JsonLineScanner, Examples) {
  const std::vector<size_t> whole = {1u << 20};
  constexpr uint64_t kNever = JsonLineScanner::kNever;
  EXPECT_EQ(Scan(R"({"a":[[1]]})", 3, whole), (std::vector<Line>{{11, false, 10}}));
  EXPECT_EQ(Scan(R"({"a":[[[1]]]})", 3, whole), (std::vector<Line>{{13, true}}));
  // Brackets inside strings, escaped quotes and escaped backslashes.
  EXPECT_EQ(Scan(R"({"a":"[[[[\"[[[[\\"})", 2, whole), (std::vector<Line>{{20, false, 19}}));
  EXPECT_EQ(Scan("{\"a\":\"x\\\\\",\"b\":[[[]]]}", 3, whole), (std::vector<Line>{{22, true}}));
  // Each line starts afresh: an unclosed string does not hide the next line's brackets.
  EXPECT_EQ(Scan("{\"a\":\"[[[\n[[[[]]]]", 3, whole), (std::vector<Line>{{9, false}, {18, true}}));
  // The root closes before content that follows it; an unclosed root never does.
  EXPECT_EQ(Scan("{\"a\":1}{\"b\":2}\n{\"a\":[1]", 3, whole),
            (std::vector<Line>{{14, false, 6}, {23, false, kNever}}));
  // A million levels, in 4 KB chunks.
  const std::string deep = "{\"x\":" + std::string(1000000, '[') + std::string(1000000, ']') + "}";
  EXPECT_EQ(Scan(deep + "\n{}", 64, {4096}),
            (std::vector<Line>{{deep.size(), true}, {deep.size() + 3, false, 1}}));
  EXPECT_EQ(Scan(deep + "\n{}", 1000001, {4096}),
            (std::vector<Line>{{deep.size(), false, deep.size() - 1}, {deep.size() + 3, false, 1}}));
}

TEST(JsonLineScanner, MatchesReferenceOnRandomBytes) {
  std::mt19937 rng(20261123);
  const std::string alphabet = "\"\"\\\\[]{}\naaaaaa";
  for (int round = 0; round < 3000; ++round) {
    std::string s(rng() % 700, 'a');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    if (round % 3 == 0) {  // long runs of backslashes and quotes across block edges
      for (size_t i = 0; i + 8 < s.size(); i += 61) s.replace(i, 5, rng() % 2 ? "\\\\\\\\\\" : "\\\\\\\"\"");
    }
    const uint32_t max_depth = 1 + rng() % 6;
    const std::vector<size_t> chunks = {1 + rng() % 130, 1 + rng() % 7, 64, 1 + rng() % 300};
    SCOPED_TRACE("round " + std::to_string(round));
    const auto expected = Reference(s, max_depth);
    ASSERT_EQ(Scan(s, max_depth, chunks), expected);
    ASSERT_EQ(Scan(s, max_depth, chunks, /*allow_avx512=*/false), expected);
  }
}

}  // namespace
}  // namespace st::corpus

// The build's temporary record format: records written by RecordWriter come
// back whole and in order however the file is cut into read blocks (every cut
// position, empty and long strings included), and a file that ends inside a
// record is an error.
#include "graph/spill_codec.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/test_paths.h"

namespace st::graph {
namespace {

using Entry = std::pair<std::string, uint32_t>;

// Strings of every length class: empty, one-byte lengths up to 254, the
// 255 + four-byte form from 255 on.
std::vector<Entry> SampleEntries() {
  std::vector<Entry> out;
  uint32_t n = 0;
  for (size_t len : {0, 1, 0, 5, 254, 255, 256, 0, 1000, 70000, 3}) {
    out.emplace_back(std::string(len, static_cast<char>('a' + n % 26)), 0xA0B0C000u + n);
    ++n;
  }
  return out;
}

void Write(const std::vector<Entry>& entries, RecordWriter& w) {
  for (const auto& [key, value] : entries) {
    w.PutString(key);
    w.Put(value);
    w.EndRecord();
  }
}

RecordStream::Parse Collect(std::vector<Entry>& out) {
  return [&out](RecordReader& in) {
    std::string_view key;
    uint32_t value = 0;
    if (!in.GetString(key) || !in.Get(value)) return false;
    out.emplace_back(std::string(key), value);
    return true;
  };
}

// The bytes RecordWriter writes for `entries` (through a file in `dir`).
std::string WrittenBytes(const std::vector<Entry>& entries, const std::string& dir) {
  RecordWriter w(dir);
  Write(entries, w);
  EXPECT_TRUE(w.Finish().ok());
  std::string out;
  EXPECT_TRUE(w.file().ReadRange(0, w.file().size(), [&](std::string_view b) {
                        out.append(b);
                        return Status::Ok();
                      }).ok());
  EXPECT_EQ(out.size(), w.size());
  return out;
}

TEST(SpillCodecTest, RecordsComeBackWhateverTheBlocks) {
  const std::string dir = st::testing::MakeTempDir("spill_codec_blocks");
  const std::vector<Entry> entries = SampleEntries();
  const std::string bytes = WrittenBytes(entries, dir);
  for (size_t block : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{64}, size_t{300}, size_t{4099},
                       bytes.size()}) {
    std::vector<Entry> got;
    RecordStream stream(Collect(got));
    for (size_t at = 0; at < bytes.size(); at += block)
      stream.Feed(std::string_view(bytes).substr(at, block));
    EXPECT_TRUE(stream.complete()) << "blocks of " << block;
    EXPECT_EQ(got, entries) << "blocks of " << block;
  }
  // Every single cut position into two blocks.
  for (size_t cut = 0; cut <= bytes.size(); cut += cut < 2000 ? 1 : 997) {
    std::vector<Entry> got;
    RecordStream stream(Collect(got));
    stream.Feed(std::string_view(bytes).substr(0, cut));
    stream.Feed(std::string_view(bytes).substr(cut));
    ASSERT_TRUE(stream.complete()) << "cut at " << cut;
    ASSERT_EQ(got, entries) << "cut at " << cut;
  }
  std::filesystem::remove_all(dir);
}

TEST(SpillCodecTest, FileEndingInsideARecordIsAnError) {
  const std::string dir = st::testing::MakeTempDir("spill_codec_truncated");
  const std::vector<Entry> entries = SampleEntries();
  const std::string bytes = WrittenBytes(entries, dir);
  for (size_t drop : {size_t{1}, size_t{2}, size_t{4}, size_t{5}, size_t{6}}) {
    std::vector<Entry> got;
    RecordStream stream(Collect(got));
    stream.Feed(std::string_view(bytes).substr(0, bytes.size() - drop));
    EXPECT_FALSE(stream.complete()) << drop;
    EXPECT_EQ(got, std::vector<Entry>(entries.begin(), entries.end() - 1)) << drop;
  }
  auto cut = TempSpill::Create(dir);
  ASSERT_TRUE(cut.ok());
  ASSERT_TRUE(cut->Append(bytes.data(), bytes.size() - 3).ok());
  std::vector<Entry> got;
  Status s = ReadRecords(*cut, "the test's spill", Collect(got));
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_EQ(s.message(), "the test's spill ends inside an entry");
  std::filesystem::remove_all(dir);
}

// Through TempSpill's own 8 MB read blocks, with more than two of them.
TEST(SpillCodecTest, ReadRecordsAcrossReadBlocks) {
  const std::string dir = st::testing::MakeTempDir("spill_codec_big");
  std::vector<Entry> entries;
  uint64_t bytes = 0;
  for (uint32_t i = 0; bytes < (uint64_t{20} << 20); ++i) {
    entries.emplace_back(std::string(i % 600, static_cast<char>('a' + i % 26)) + std::to_string(i), i);
    bytes += entries.back().first.size() + 9;
  }
  RecordWriter w(dir);
  Write(entries, w);
  ASSERT_TRUE(w.Finish().ok());
  ASSERT_GT(w.file().size(), uint64_t{16} << 20);
  std::vector<Entry> got;
  ASSERT_TRUE(ReadRecords(w.file(), "spill", Collect(got)).ok());
  EXPECT_TRUE(got == entries);
  std::filesystem::remove_all(dir);
}

// A cursor reads record by record, whatever its block size (records longer
// than a block included), and names a file that ends inside a record.
TEST(SpillCodecTest, CursorReadsRecordByRecord) {
  const std::string dir = st::testing::MakeTempDir("spill_codec_cursor");
  const std::vector<Entry> entries = SampleEntries();
  RecordWriter w(dir);
  Write(entries, w);
  ASSERT_TRUE(w.Finish().ok());
  for (size_t block : {size_t{1}, size_t{7}, size_t{64}, size_t{32} << 10}) {
    SCOPED_TRACE("block " + std::to_string(block));
    RecordCursor cursor(w.file(), block);
    std::vector<Entry> got;
    const auto parse = Collect(got);
    for (;;) {
      auto more = cursor.Next("spill", parse);
      ASSERT_TRUE(more.ok()) << more.status().ToString();
      if (!*more) break;
    }
    EXPECT_TRUE(got == entries);
  }
  const std::string bytes = WrittenBytes(entries, dir);
  auto cut = TempSpill::Create(dir);
  ASSERT_TRUE(cut.ok());
  ASSERT_TRUE(cut->Append(bytes.data(), bytes.size() - 3).ok());
  RecordCursor cursor(*cut, 64);
  std::vector<Entry> got;
  const auto parse = Collect(got);
  Result<bool> more = true;
  while (more.ok() && *more) more = cursor.Next("the test's spill", parse);
  ASSERT_FALSE(more.ok());
  EXPECT_EQ(more.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(more.status().message(), "the test's spill ends inside an entry");
  EXPECT_EQ(got, std::vector<Entry>(entries.begin(), entries.end() - 1));
  std::filesystem::remove_all(dir);
}

TEST(SpillCodecTest, EmptyWriterAndUnwritableDirectory) {
  RecordWriter empty("/nonexistent-dir-for-spill-test");
  ASSERT_TRUE(empty.Finish().ok());  // nothing to write: no file made
  std::vector<Entry> got;
  EXPECT_TRUE(ReadRecords(empty.file(), "spill", Collect(got)).ok());
  EXPECT_TRUE(got.empty());

  RecordWriter w("/nonexistent-dir-for-spill-test");
  Write(SampleEntries(), w);
  Status s = w.Finish();
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("/nonexistent-dir-for-spill-test"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace st::graph

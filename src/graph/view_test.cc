// GraphView: format round trip, lookups in every accepted spelling, and
// damaged files (truncated, bit flips, wrong magic/version) -> Corruption.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstddef>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "base/fs.h"
#include "base/mmap_file.h"
#include "base/test_paths.h"
#include "graph/builder.h"
#include "graph/format.h"
#include "graph/sections.h"
#include "graph/test_records.h"
#include "graph/view.h"

namespace st::graph {
namespace {

std::string BuildSmallGraph(const std::string& tag) {
  GraphBuilder builder;
  corpus::WorkRecord r = testing::ToRecord(
      {"W1", 2020, {{"José Müller", "A5023888391", "0000-0002-1825-009X"}, {"Alice Brown", "A2"}},
       corpus::Source::kOpenAlex, "Deep Nets", "10.1/AbC"});
  r.abstract = "We study deep nets.";
  r.venue = "NeurIPS";
  r.venue_id = "S1";
  builder.Add(r);
  builder.Add(testing::ToRecord({"W2", 2021, {{"Alice Brown", "A2"}, {"Carl Dean", "A3"}}}));
  std::string dir = st::testing::MakeTempDir(tag);
  EXPECT_TRUE(builder.Write(dir).ok());
  return dir;
}

// Writes `writer`'s sections to `path` and maps the file.
Result<MmapFile> WriteAndMap(SectionWriter& writer, const std::string& path) {
  ST_RETURN_IF_ERROR(writer.Write(path, format::FileHeader{}));
  return MmapFile::Open(path);
}

TEST(GraphViewTest, RoundTripAndLookups) {
  std::string dir = BuildSmallGraph("view");
  auto view = GraphView::Open(dir);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  const GraphView& g = **view;
  EXPECT_EQ(g.num_works(), 2u);
  EXPECT_EQ(g.num_authors(), 3u);
  EXPECT_EQ(g.num_venues(), 1u);
  WorkId w1 = g.FindWorkBySourceId("W1");
  ASSERT_NE(w1, kNone);
  EXPECT_EQ(g.WorkTitle(w1), "Deep Nets");
  EXPECT_EQ(g.WorkAbstract(w1), "We study deep nets.");
  EXPECT_EQ(g.WorkDoi(w1), "10.1/abc");
  EXPECT_EQ(g.VenueName(g.Work(w1).venue), "NeurIPS");
  EXPECT_EQ(g.FindWorkBySourceId("https://doi.org/10.1/ABC"), w1);
  for (const char* id : {"A5023888391", "https://openalex.org/A5023888391", "a5023888391",
                         "0000-0002-1825-009X", "https://orcid.org/0000-0002-1825-009x"}) {
    AuthorId a = g.FindAuthorByExternalId(id);
    ASSERT_NE(a, kNone) << id;
    EXPECT_EQ(g.AuthorName(a), "José Müller");
    EXPECT_EQ(g.AuthorOrcid(a), "0000-0002-1825-009X");
  }
  EXPECT_EQ(g.FindAuthorByExternalId("A404"), kNone);
  for (const char* name : {"Jose Muller", "Müller, José", "JOSÉ MÜLLER", "J. Muller"}) {
    auto found = g.FindAuthorsByName(name);
    ASSERT_EQ(found.size(), 1u) << name;
    EXPECT_EQ(found[0], g.FindAuthorByExternalId("A5023888391"));
  }
  EXPECT_EQ(g.version(), 0u);  // not a published vNNNNNN dir
  std::filesystem::remove_all(dir);
}

TEST(GraphViewTest, ReadsAfterReleasingPages) {
  std::string dir = BuildSmallGraph("view_release");
  auto view = GraphView::Open(dir);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  (*view)->ReleasePages();
  WorkId w1 = (*view)->FindWorkBySourceId("W1");
  ASSERT_NE(w1, kNone);
  EXPECT_EQ((*view)->WorkTitle(w1), "Deep Nets");
  std::filesystem::remove_all(dir);
}

TEST(GraphViewTest, OpenReleasingPagesReadsTheSameAndStillChecks) {
  std::string dir = BuildSmallGraph("view_open_release");
  auto view = GraphView::Open(dir, GraphView::OpenPages::kRelease);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  WorkId w1 = (*view)->FindWorkBySourceId("W1");
  ASSERT_NE(w1, kNone);
  EXPECT_EQ((*view)->WorkTitle(w1), "Deep Nets");
  EXPECT_EQ((*view)->AuthorName((*view)->FindAuthorByExternalId("A5023888391")), "José Müller");
  const std::string path = dir + "/" + format::kGraphFileName;
  auto bytes = ReadFileToString(path);
  ASSERT_TRUE(bytes.ok());
  (*bytes)[bytes->size() - 3] ^= 0x10;  // inside the last section
  ASSERT_TRUE(WriteFileAtomic(path, *bytes).ok());
  auto damaged = GraphView::Open(dir, GraphView::OpenPages::kRelease);
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().code(), StatusCode::kCorruption) << damaged.status().ToString();
  std::filesystem::remove_all(dir);
}

// A section larger than the 16 MB checksum step: Parse hands every range to
// `checked` once, in order, the pages a mapped file drops there read back the
// same, and a flip in a later step is still caught.
TEST(GraphViewTest, ChecksumStepsCoverLargeSections) {
  std::string dir = st::testing::MakeTempDir("view_crc_steps");
  std::vector<uint64_t> values((size_t{40} << 20) / sizeof(uint64_t));
  for (size_t i = 0; i < values.size(); ++i) values[i] = i * 0x9E3779B97F4A7C15ull;
  SectionWriter writer;
  writer.AddArray(format::SectionId(format::Column::kWorkRefs, format::kData), values);
  const std::string path = dir + "/big.bin";
  auto file = WriteAndMap(writer, path);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  std::vector<std::pair<const uint8_t*, size_t>> ranges;
  SectionTable table;
  Status s = table.Parse(file->data(), file->size(), path, [&](const uint8_t* p, size_t n) {
    ranges.emplace_back(p, n);
    file->DropResidentPages(p, n);
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(ranges.size(), 3u);  // 16 + 16 + 8 MB
  for (size_t i = 1; i < ranges.size(); ++i) EXPECT_EQ(ranges[i - 1].first + ranges[i - 1].second, ranges[i].first);
  EXPECT_EQ(ranges.back().first + ranges.back().second - ranges.front().first, values.size() * sizeof(uint64_t));
  EXPECT_EQ(0, std::memcmp(ranges.front().first, values.data(), values.size() * sizeof(uint64_t)));

  auto bytes = ReadFileToString(path);
  ASSERT_TRUE(bytes.ok());
  (*bytes)[bytes->size() - 1000] ^= 0x01;
  SectionTable damaged;
  EXPECT_EQ(damaged.Parse(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size(), path,
                          [](const uint8_t*, size_t) {})
                .code(),
            StatusCode::kCorruption);
  std::filesystem::remove_all(dir);
}

// Strings and Csr hand a column's offsets to `checked` once they have checked
// them (OpenPages::kRelease gives those pages back), and not when the check
// fails; Array hands nothing (its callers check what they read).
TEST(GraphViewTest, ColumnsHandTheirCheckedOffsetsToTheCallback) {
  std::string dir = st::testing::MakeTempDir("view_checked_offsets");
  StringColumn names;
  for (const char* s : {"a", "", "bcd"}) names.Add(s);
  CsrColumn<uint32_t> refs;
  refs.data = {7, 8, 9};
  refs.offsets = {0, 2, 1, 3};  // decreases at row 2
  SectionWriter writer;
  writer.AddStrings(format::Column::kAuthorName, names);
  writer.AddCsr(format::Column::kWorkRefs, refs);
  const std::string path = dir + "/cols.bin";
  auto file = WriteAndMap(writer, path);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  std::vector<std::pair<const uint8_t*, size_t>> ranges;
  SectionTable table;
  ASSERT_TRUE(table.Parse(file->data(), file->size(), path, [&](const uint8_t* p, size_t n) {
    ranges.emplace_back(p, n);
  }).ok());
  ranges.clear();
  auto strings = table.Strings(format::Column::kAuthorName, 3);
  ASSERT_TRUE(strings.ok()) << strings.status().ToString();
  EXPECT_EQ(strings->Get(2), "bcd");
  ASSERT_EQ(ranges.size(), 1u);
  EXPECT_EQ(ranges[0].first, reinterpret_cast<const uint8_t*>(strings->offsets.data()));
  EXPECT_EQ(ranges[0].second, 4 * sizeof(uint64_t));
  ranges.clear();
  auto bad = table.Csr<uint32_t>(format::Column::kWorkRefs, 3);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("offsets decrease at row 2"), std::string::npos) << bad.status().ToString();
  EXPECT_TRUE(ranges.empty());
  ASSERT_TRUE(table.Array<uint32_t>(format::SectionId(format::Column::kWorkRefs, format::kData)).ok());
  EXPECT_TRUE(ranges.empty());
  std::filesystem::remove_all(dir);
}

// A section streamed to a spill file in pieces (empty ones included) is
// written byte for byte as the same array given in memory, CRC included.
TEST(GraphViewTest, SpilledSectionsWriteLikeInMemoryOnes) {
  std::string dir = st::testing::MakeTempDir("view_spill");
  std::vector<uint64_t> values(300000);
  for (size_t i = 0; i < values.size(); ++i) values[i] = i * 2654435761u;
  auto spill = SpillFile::Create(dir);
  ASSERT_TRUE(spill.ok()) << spill.status().ToString();
  const uint32_t id = format::SectionId(format::Column::kWorkRefs, format::kData);
  (*spill)->Begin(id, sizeof(uint64_t));
  // Empty pieces as an empty vector gives them (null), and a piece larger
  // than the 1 MB buffer.
  const size_t sizes[] = {0, 1, 200000, 0, 3, 50000};
  for (size_t i = 0, k = 0; i < values.size(); ++k) {
    const size_t n = std::min(values.size() - i, sizes[k % 6]);
    (*spill)->Append(n == 0 ? nullptr : values.data() + i, n);
    i += n;
  }
  auto streamed = (*spill)->End();
  ASSERT_TRUE(streamed.ok()) << streamed.status().ToString();
  EXPECT_EQ(streamed->count, values.size());
  auto whole = (*spill)->Add(id + 4, sizeof(uint64_t), values.size(), values.data());
  ASSERT_TRUE(whole.ok());

  SectionWriter spilled, in_memory;
  spilled.AddSpilled(**spill, *streamed);
  spilled.AddSpilled(**spill, *whole);
  in_memory.AddArray(id, values);
  in_memory.AddArray(id + 4, values);
  ASSERT_TRUE(spilled.Write(dir + "/a.bin", format::FileHeader{}).ok());
  ASSERT_TRUE(in_memory.Write(dir + "/b.bin", format::FileHeader{}).ok());
  auto a = ReadFileToString(dir + "/a.bin"), b = ReadFileToString(dir + "/b.bin");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GT(a->size(), values.size() * 16);
  EXPECT_TRUE(*a == *b);
  std::filesystem::remove_all(dir);
}

Status OpenStatus(const std::string& dir) {
  auto v = GraphView::Open(dir);
  return v.ok() ? Status::Ok() : v.status();
}

TEST(GraphViewTest, DamagedFilesAreCorruptionNotCrashes) {
  std::string dir = BuildSmallGraph("view-bad");
  std::string path = dir + "/" + format::kGraphFileName;
  auto original = ReadFileToString(path);
  ASSERT_TRUE(original.ok());
  const std::string good = *original;
  // Plain writes (no fsync): hundreds of damaged variants are written below.
  auto write = [&](const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  };

  struct Damage {
    const char* label;
    std::string bytes;
  };
  std::string bad_magic = good;
  bad_magic[0] = 'X';
  std::string newer = good;
  format::FileHeader h;
  std::memcpy(&h, newer.data(), sizeof h);
  h.oldest_reader = format::kFormatVersion + 1;
  std::memcpy(newer.data(), &h, sizeof h);
  std::vector<Damage> cases = {
      {"empty", ""},
      {"truncated header", good.substr(0, 20)},
      {"truncated body", good.substr(0, good.size() / 2)},
      {"one byte short", good.substr(0, good.size() - 1)},
      {"bad magic", bad_magic},
      {"newer format (header crc also wrong)", newer},
      {"garbage", std::string(4096, '\x5a')},
  };
  for (const Damage& d : cases) {
    write(d.bytes);
    Status s = OpenStatus(dir);
    EXPECT_EQ(s.code(), StatusCode::kCorruption) << d.label << ": " << s.ToString();
  }
  // Every single-byte flip is caught (header/table/section checksums).
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::string flipped = good;
    size_t pos = rng() % flipped.size();
    flipped[pos] = static_cast<char>(flipped[pos] ^ (1 + rng() % 255));
    write(flipped);
    Status s = OpenStatus(dir);
    EXPECT_FALSE(s.ok()) << "flip at " << pos;
  }
  // A graph written by the previous format (2: no citation counts per source)
  // is refused with the command that rebuilds it.
  std::string older = good;
  std::memcpy(&h, older.data(), sizeof h);
  h.version = 2;
  h.oldest_reader = 2;
  h.header_crc = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(&h), offsetof(format::FileHeader, header_crc)));
  std::memcpy(older.data(), &h, sizeof h);
  write(older);
  Status old_status = OpenStatus(dir);
  EXPECT_EQ(old_status.code(), StatusCode::kCorruption);
  EXPECT_NE(old_status.message().find("version 2"), std::string::npos) << old_status.ToString();
  EXPECT_NE(old_status.message().find("superteam ingest --graph"), std::string::npos) << old_status.ToString();
  write(good);
  EXPECT_TRUE(OpenStatus(dir).ok());
  std::filesystem::remove_all(dir + "/" + format::kGraphFileName);
  EXPECT_EQ(OpenStatus(dir).code(), StatusCode::kNotFound);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace st::graph

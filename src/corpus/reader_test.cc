// Bad input, generated in a temp dir: every case gives an error naming file
// and line; in skip mode the other records still arrive, abort mode stops.
#include "corpus/reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <random>

#include "base/test_paths.h"
#include "corpus/corpus_test_util.h"
#include "corpus/read_context.h"

namespace st::corpus {
namespace {

namespace fs = std::filesystem;
using testing::ExpectSameCitationFields;
using testing::Gzip;
using testing::ReadAll;
using testing::WriteFile;

std::string Work(int i) {
  return R"({"id":"https://openalex.org/W)" + std::to_string(i) +
         R"(","title":"Work )" + std::to_string(i) +
         R"(","publication_year":2020,"cited_by_count":)" + std::to_string(i) +
         R"(,"authorships":[{"author_position":"first","author":{"id":"https://openalex.org/A1","display_name":"Ada"},"institutions":[]}]})";
}

std::string Works(int n) {
  std::string s;
  for (int i = 1; i <= n; ++i) s += Work(i) + "\n";
  return s;
}

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = st::testing::MakeTempDir("corpus-bad"); }
  void TearDown() override { fs::remove_all(dir_); }

  InputFile Put(const std::string& name, const std::string& bytes,
                Format format = Format::kOpenAlexJsonl) {
    std::string path = dir_ + "/" + name;
    WriteFile(path, bytes);
    InputFile f;
    f.path = path;
    f.format = format;
    f.size_bytes = bytes.size();
    return f;
  }

  // Three lines with `bad` in the middle: the bad one is reported at line 2
  // with the file name, the two good ones are delivered.
  void ExpectLine2Rejected(const std::string& bad, const std::string& what) {
    SCOPED_TRACE(what);
    InputFile f = Put(what + ".jsonl", Work(1) + "\n" + bad + "\n" + Work(3) + "\n");
    auto c = ReadAll(f);
    ASSERT_TRUE(c.status.ok()) << c.status.ToString();
    ASSERT_EQ(c.errors.size(), 1u);
    EXPECT_EQ(c.errors[0].file, f.path);
    EXPECT_EQ(c.errors[0].line, 2u);
    EXPECT_EQ(c.errors[0].ToString().rfind(f.path + ":2: ", 0), 0u) << c.errors[0].ToString();
    ASSERT_EQ(c.records.size(), 2u);
    EXPECT_EQ(c.records[0].id, "W1");
    EXPECT_EQ(c.records[1].id, "W3");
    last_message_ = c.errors[0].message;
  }

  std::string dir_;
  std::string last_message_;
};

TEST_F(BadInput, MalformedJsonLine) {
  ExpectLine2Rejected(R"({"id":"https://openalex.org/W2","title": )", "malformed");
  ExpectLine2Rejected(R"(not json at all)", "garbage");
  ExpectLine2Rejected(R"([1,2,3])", "array");
  ExpectLine2Rejected(Work(2) + " {}", "trailing");
}

// The citations projection stops walking a record once it has id,
// cited_by_count, counts_by_year and authorships; the tail after them is
// still checked: UTF-8, depth, and the object must close at the line's end.
TEST_F(BadInput, CitationsProjectionChecksTheUnwalkedTail) {
  auto work = [](int i, const std::string& tail) {
    return R"({"id":"https://openalex.org/W)" + std::to_string(i) +
           R"(","authorships":[{"author":{"id":"https://openalex.org/A1"}}],"cited_by_count":)" +
           std::to_string(i) + R"(,"counts_by_year":[{"year":2024,"cited_by_count":1}])" + tail + "}";
  };
  // Brackets and quotes inside strings of the tail do not count.
  const std::string tail = R"(,"topics":[{"display_name":"]} \"}{"}],"abstract_inverted_index":{"a":[0]})";
  ReadOptions citations;
  citations.projection = Projection::kCitations;
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"trailing-object", work(2, tail) + " {}"},
      {"trailing-scalar", work(2, tail) + " 5"},
      {"extra-closer", work(2, tail) + "}"},
      {"unclosed", work(2, tail).substr(0, work(2, tail).size() - 1)},
      {"unclosed-tail", work(2, R"(,"topics":[{"a":1})")},
      {"closed-early", work(2, R"(}, "x":{"a":1)")},
      {"bad-utf8", work(2, ",\"title\":\"\xff\"")},
      {"too-deep", work(2, ",\"x\":" + std::string(100, '[') + std::string(100, ']'))},
  };
  for (const auto& [what, line] : bad) {
    SCOPED_TRACE(what);
    InputFile f = Put(what + ".jsonl", work(1, tail) + "\n" + line + "\n" + work(3, tail) + "\r\n");
    auto c = ReadAll(f, citations);
    ASSERT_TRUE(c.status.ok()) << c.status.ToString();
    ASSERT_EQ(c.errors.size(), 1u);
    EXPECT_EQ(c.errors[0].line, 2u) << c.errors[0].ToString();
    ASSERT_EQ(c.records.size(), 2u);
    EXPECT_EQ(c.records[0].id, "W1");
    EXPECT_EQ(c.records[1].id, "W3");
    EXPECT_EQ(c.records[1].cited_by_count, 3);
    ASSERT_EQ(c.records[1].counts_by_year.size(), 1u);
    ASSERT_EQ(c.records[1].authors.size(), 1u);
    // A full read rejects the same line.
    auto full = ReadAll(f);
    EXPECT_EQ(full.errors.size(), 1u);
    EXPECT_EQ(full.records.size(), 2u);
  }
}

// The citations projection looks its four fields up in any key order, and
// falls back to walking the record when one is missing; it reads what a full
// read reads for them.
TEST_F(BadInput, CitationsProjectionAnyKeyOrder) {
  const std::string lines =
      R"({"counts_by_year":[{"cited_by_count":2,"year":2024}],"cited_by_count":5,"x":[{"id":"n"}],)"
      R"("authorships":[{"author":{"display_name":"A","id":"https://openalex.org/A7"},"author_position":"last"},)"
      R"({"author_position":"first"}],"id":"https://openalex.org/W1","title":"x"})"
      "\n"
      R"({"id":"https://openalex.org/W2","authorships":[{"author":{"id":"https://openalex.org/A8"}}],"cited_by_count":3})"
      "\n";
  InputFile f = Put("order.jsonl", lines);
  ReadOptions citations;
  citations.projection = Projection::kCitations;
  auto lean = ReadAll(f, citations);
  auto full = ReadAll(f);
  ASSERT_TRUE(lean.status.ok() && full.status.ok());
  ASSERT_TRUE(lean.errors.empty()) << lean.errors[0].ToString();
  ASSERT_EQ(lean.records.size(), 2u);
  ASSERT_EQ(full.records.size(), 2u);
  for (size_t i = 0; i < 2; ++i) ExpectSameCitationFields(lean.records[i], full.records[i]);
  EXPECT_EQ(lean.records[0].cited_by_count, 5);
  EXPECT_EQ(lean.records[0].authors[0].openalex_id, "A7");
  EXPECT_EQ(lean.records[0].authors[0].position, AuthorPosition::kLast);
  EXPECT_EQ(lean.records[1].authors[0].openalex_id, "A8");
}

TEST_F(BadInput, WrongTypeNamesTheField) {
  ExpectLine2Rejected(R"({"id":"https://openalex.org/W2","cited_by_count":"many"})", "type1");
  EXPECT_NE(last_message_.find("cited_by_count"), std::string::npos) << last_message_;
  ExpectLine2Rejected(R"({"id":"W2","authorships":[{"author":{"orcid":7}}]})", "type2");
  EXPECT_NE(last_message_.find("authorships.author.orcid"), std::string::npos) << last_message_;
  ExpectLine2Rejected(R"({"id":"W2","title":{"x":1}})", "type3");
  EXPECT_NE(last_message_.find("title"), std::string::npos) << last_message_;
}

TEST_F(BadInput, InvalidUtf8) {
  ExpectLine2Rejected("{\"id\":\"W2\",\"title\":\"bad \xff\xfe bytes\"}", "utf8-known");
  ExpectLine2Rejected("{\"id\":\"W2\",\"unknown\":\"bad \xc3\x28\"}", "utf8-unknown");
}

TEST_F(BadInput, NestingMillionDeep) {
  const size_t depth = 1000000;
  ExpectLine2Rejected(R"({"id":"W2","unknown":)" + std::string(depth, '[') + std::string(depth, ']') + "}",
                      "deep-unknown");
  ExpectLine2Rejected(R"({"id":"W2","title":)" + std::string(depth, '[') + std::string(depth, ']') + "}",
                      "deep-known");
}

TEST_F(BadInput, HundredMegabyteLine) {
  std::string huge = R"({"id":"W2","title":")" + std::string(100u << 20, 'x') + "\"}";
  ExpectLine2Rejected(huge, "huge");
  EXPECT_NE(last_message_.find("longer than"), std::string::npos) << last_message_;
  // Also when the huge line is the last one, without a newline.
  InputFile f = Put("huge-last.jsonl", Work(1) + "\n" + huge);
  auto c = ReadAll(f);
  ASSERT_TRUE(c.status.ok());
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_EQ(c.records.size(), 1u);
}

TEST_F(BadInput, AbortModeStopsAtFirstBadRecord) {
  InputFile f = Put("abort.jsonl", Work(1) + "\n{oops\n" + Work(3) + "\n");
  ReadOptions options;
  options.abort_on_error = true;
  auto c = ReadAll(f, options);
  EXPECT_FALSE(c.status.ok());
  EXPECT_NE(c.status.message().find(f.path + ":2:"), std::string::npos) << c.status.ToString();
  EXPECT_EQ(c.records.size(), 1u);
  // An error sink that says stop behaves the same.
  std::vector<WorkRecord> got;
  auto r = ReadFile(
      f, ReadOptions(), [&](const WorkRecord& w) { got.push_back(w); },
      [](const ReadError&) { return false; });
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(got.size(), 1u);
}

// Another process truncates a file while it is read (here: the record sink,
// after 100 records). The mapped bytes past the new end would raise SIGBUS;
// instead the read fails naming the file and the line, and the records before
// it arrived intact.
TEST_F(BadInput, FileTruncatedWhileReadIsAnError) {
  std::mt19937 rng(7);
  std::string plain, hex(300, '0');
  for (int i = 1; i <= 20000; ++i) {
    for (char& c : hex) c = "0123456789abcdef"[rng() % 16];  // keeps the gzip large
    plain += R"({"id":"https://openalex.org/W)" + std::to_string(i) + R"(","title":")" + hex + "\"}\n";
  }
  for (const bool gz : {false, true}) {
    SCOPED_TRACE(gz ? "gzip" : "plain");
    const std::string bytes = gz ? Gzip(plain) : plain;
    ASSERT_GT(bytes.size(), 3u << 20);  // several raw reads for gzip
    InputFile f = Put(gz ? "shrinks.jsonl.gz" : "shrinks.jsonl", bytes);
    // Plain: truncated just after record 100; gzip: after the first raw read.
    const int truncate_after = gz ? 2000 : 100;
    std::vector<std::string> ids;
    auto r = ReadFile(
        f, ReadOptions(),
        [&](const WorkRecord& w) {
          ids.push_back(w.id);
          if (static_cast<int>(ids.size()) == truncate_after) {
            ASSERT_EQ(::truncate(f.path.c_str(), 8192), 0);
          }
        },
        [](const ReadError&) { return true; });
    ASSERT_FALSE(r.ok());
    const std::string msg = r.status().ToString();
    EXPECT_NE(msg.find("changed while being read"), std::string::npos) << msg;
    EXPECT_NE(msg.find(f.path + (gz ? ":" : ":101:")), std::string::npos) << msg;
    ASSERT_GE(ids.size(), static_cast<size_t>(truncate_after));
    for (size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(ids[i], "W" + std::to_string(i + 1));
  }
}

// The SIGBUS guard only answers faults in guarded mappings: a SIGBUS sent to
// the process still kills it, as it did before.
TEST_F(BadInput, SentSigbusStillKills) {
  InputFile f = Put("guarded.jsonl", Works(3));
  EXPECT_EXIT(
      {
        ReadAll(f);  // installs the handler
        std::raise(SIGBUS);
      },
      ::testing::KilledBySignal(SIGBUS), "");
}

TEST_F(BadInput, EmptyFiles) {
  for (const char* name : {"empty.jsonl", "empty.jsonl.gz", "empty.json"}) {
    InputFile f = Put(name, "");
    auto c = ReadAll(f);
    EXPECT_FALSE(c.status.ok()) << name;
    EXPECT_NE(c.status.message().find(f.path), std::string::npos) << c.status.ToString();
    EXPECT_NE(c.status.message().find("empty"), std::string::npos) << c.status.ToString();
    EXPECT_FALSE(ExpandInputs({f.path}).ok()) << name;
  }
  // A gzip of nothing is a valid file with no records.
  auto c = ReadAll(Put("nothing.jsonl.gz", Gzip("")));
  EXPECT_TRUE(c.status.ok()) << c.status.ToString();
  EXPECT_EQ(c.records.size(), 0u);
}

TEST_F(BadInput, TruncatedGzipDetectedEveryTime) {
  std::string gz = Gzip(Works(2000));
  std::vector<size_t> cuts;
  for (size_t k = 1; k <= 24; ++k) cuts.push_back(gz.size() - k);  // inside trailer and last block
  std::mt19937 rng(42);
  for (int k = 0; k < 40; ++k) cuts.push_back(1 + rng() % (gz.size() - 1));
  for (size_t cut : cuts) {
    InputFile f = Put("trunc.jsonl.gz", gz.substr(0, cut));
    auto c = ReadAll(f);
    ASSERT_FALSE(c.status.ok()) << "cut at " << cut << " of " << gz.size();
    EXPECT_NE(c.status.message().find(f.path), std::string::npos) << c.status.ToString();
    EXPECT_LE(c.records.size(), 2000u);  // delivered before the end check; caller must not commit
  }
}

TEST_F(BadInput, CorruptChecksumAndLength) {
  std::string gz = Gzip(Works(500));
  struct Case {
    size_t offset;
    const char* what;
  } cases[] = {{gz.size() - 8, "crc"}, {gz.size() - 5, "crc-high"}, {gz.size() - 4, "isize"},
               {gz.size() - 1, "isize-high"}, {gz.size() / 2, "deflate data"}};
  for (const Case& k : cases) {
    std::string bad = gz;
    bad[k.offset] = static_cast<char>(bad[k.offset] ^ 0x5a);
    InputFile f = Put("corrupt.jsonl.gz", bad);
    auto c = ReadAll(f);
    EXPECT_FALSE(c.status.ok()) << k.what;
    EXPECT_NE(c.status.message().find(f.path), std::string::npos) << c.status.ToString();
  }
}

TEST_F(BadInput, MultiMemberGzipAndTrailingGarbage) {
  std::string gz = Gzip(Works(3)) + Gzip(Work(4) + "\n") + Gzip(Work(5) + "\n" + Work(6));
  auto c = ReadAll(Put("multi.jsonl.gz", gz));
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  ASSERT_EQ(c.records.size(), 6u);
  EXPECT_EQ(c.records[5].id, "W6");
  c = ReadAll(Put("garbage.jsonl.gz", gz + "garbage!"));
  EXPECT_FALSE(c.status.ok());
}

TEST_F(BadInput, GzipBombStopped) {
  // 40 members of 8 MB of spaces: 320 MB out of ~300 KB in (ratio ~1000).
  std::string member = Gzip(std::string(8u << 20, ' '), 9);
  std::string bomb;
  for (int i = 0; i < 40; ++i) bomb += member;
  InputFile f = Put("bomb.jsonl.gz", bomb);
  auto c = ReadAll(f);
  ASSERT_FALSE(c.status.ok());
  EXPECT_EQ(c.status.code(), StatusCode::kResourceExhausted) << c.status.ToString();
  EXPECT_NE(c.status.message().find(f.path), std::string::npos);
  // Below the floor the same ratio is allowed (small files compress well).
  std::string small;
  for (int i = 0; i < 4; ++i) small += member;
  c = ReadAll(Put("ok.jsonl.gz", small));
  EXPECT_TRUE(c.status.ok()) << c.status.ToString();
}

TEST_F(BadInput, PaperListBadRowKeepsOthers) {
  std::string list = R"([
  {"id": "a", "title": "One", "author": "Ann One;Bob Two", "status": "Poster"},
  {"id": "b", "title": "Two", "author": 42, "status": "Poster"},
  {"id": "c", "title": "Three", "author": "", "status": "Poster"},
  {"id": "d", "title": "Four", "author": "Cy Three", "status": "Oral"}
])";
  InputFile f = Put("iclr2024.json", list, Format::kPaperList);
  auto c = ReadAll(f);
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].id, "iclr2024:a");
  EXPECT_EQ(c.records[1].status, PaperStatus::kOral);
  EXPECT_EQ(c.stats.skipped, 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 3u);
  EXPECT_NE(c.errors[0].message.find("author"), std::string::npos) << c.errors[0].message;
}

// Issue 14: a count carries its source and, where the file says, its date;
// an absent count stays unknown (-1, no source).
TEST_F(BadInput, CitationCountsCarrySourceAndDate) {
  std::string list = R"([
  {"id": "a", "title": "One", "author": "Ann One", "gs_citation": 12},
  {"id": "b", "title": "Two", "author": "Bob Two", "gs_citation": -1},
  {"id": "c", "title": "Three", "author": "Cy Three"}
])";
  auto c = ReadAll(Put("iclr2024.json", list, Format::kPaperList));
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  ASSERT_EQ(c.records.size(), 3u);
  EXPECT_EQ(c.records[0].cited_by_count, 12);
  EXPECT_EQ(c.records[0].citation_source, CitationSource::kGoogleScholar);
  EXPECT_EQ(c.records[0].citations_as_of, 0);  // the paper list does not say when
  for (int i : {1, 2}) {
    EXPECT_EQ(c.records[i].cited_by_count, -1);
    EXPECT_EQ(c.records[i].citation_source, CitationSource::kNone);
  }
  fs::create_directories(dir_ + "/updated_date=2026-04-01");
  auto oa = ReadAll(Put("updated_date=2026-04-01/part_000.jsonl", Works(1)));
  ASSERT_TRUE(oa.status.ok()) << oa.status.ToString();
  ASSERT_EQ(oa.records.size(), 1u);
  EXPECT_EQ(oa.records[0].citation_source, CitationSource::kOpenAlex);
  EXPECT_EQ(oa.records[0].citations_as_of, 20260401);
}

// Google Scholar records (scholarly): citations-only records with the file's
// venue-year and date; a bad record names its title and field, the others pass.
TEST_F(BadInput, ScholarlyRecords) {
  std::string json = R"({"A Study of Things": {"bib": {"title": "A study of things", "author": ["A Smith", "B Jones"],
      "pub_year": "2018"}, "num_citations": 42},
  "No Count": {"bib": {"author": ["X Y"]}},
  "Negative": {"bib": {"author": ["X Y"]}, "num_citations": -3},
  "Wrong Type": {"bib": {"author": ["X Y"]}, "num_citations": "many"},
  "Names In One String": {"bib": {"author": "C Lee and D Kim"}, "num_citations": 0}})";
  InputFile f = Put("scholarly_iclr2019_2022-04-19.json", json, Format::kScholarlyJson);
  auto detected = DetectFormat(f.path);
  ASSERT_TRUE(detected.ok()) << detected.status().ToString();
  EXPECT_EQ(*detected, Format::kScholarlyJson);
  auto c = ReadAll(f);
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  ASSERT_EQ(c.records.size(), 2u);
  const WorkRecord& r = c.records[0];
  EXPECT_TRUE(r.citations_only);
  EXPECT_EQ(r.title, "A Study of Things");  // the venue's title, the key
  EXPECT_EQ(r.year, 2019);                  // ICLR 2019 from the file name, not Scholar's 2018
  EXPECT_EQ(r.cited_by_count, 42);
  EXPECT_EQ(r.citation_source, CitationSource::kGoogleScholar);
  EXPECT_EQ(r.citations_as_of, 20220419);
  ASSERT_EQ(r.authors.size(), 2u);
  EXPECT_EQ(r.authors[0].name, "A Smith");
  ASSERT_EQ(c.records[1].authors.size(), 2u);
  EXPECT_EQ(c.records[1].authors[1].name, "D Kim");
  ASSERT_EQ(c.errors.size(), 3u);
  EXPECT_NE(c.errors[0].message.find("'No Count'"), std::string::npos) << c.errors[0].message;
  EXPECT_NE(c.errors[0].message.find("num_citations"), std::string::npos) << c.errors[0].message;
  EXPECT_NE(c.errors[1].message.find(">= 0"), std::string::npos) << c.errors[1].message;
  EXPECT_NE(c.errors[2].message.find("Wrong Type"), std::string::npos) << c.errors[2].message;
  // Not an object of records: one clear error.
  auto bad = ReadAll(Put("scholarly_x.json", "[1, 2]", Format::kScholarlyJson));
  EXPECT_TRUE(bad.records.empty());
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_NE(bad.errors[0].message.find("JSON object"), std::string::npos) << bad.errors[0].message;
}

TEST(CitationDateTest, FromSnapshotPartitionOrDatedName) {
  EXPECT_EQ(CitationDateOfPath("/s/data/works/updated_date=2026-04-01/part_000.gz"), 20260401);
  EXPECT_EQ(CitationDateOfPath("../citations/scholarly_iclr2019_2022-04-19.json.gz"), 20220419);
  EXPECT_EQ(CitationDateOfPath("paperlists/iclr2019.json.gz"), 0);
  EXPECT_EQ(CitationDateOfPath("x_2022-13-40.json"), 0);  // not a date
  EXPECT_EQ(CitationDateOfPath("updated_date=soon/part_000.gz"), 0);
}

TEST_F(BadInput, ArxivWrongType) {
  std::string good = R"({"id":"0704.0001","title":"T","authors_parsed":[["Doe","Jane",""]],"categories":"cs.LG","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"}],"update_date":"2008-11-13"})";
  InputFile f = Put("arxiv.jsonl", good + "\n" + R"({"id":"0704.0002","authors_parsed":"Doe"})" + "\n" + good + "\n",
                    Format::kArxivJsonl);
  auto c = ReadAll(f);
  ASSERT_TRUE(c.status.ok());
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].authors[0].name, "Jane Doe");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_NE(c.errors[0].message.find("authors_parsed"), std::string::npos);
}

TEST_F(BadInput, FormatDetection) {
  struct Case {
    const char* name;
    std::string bytes;
    Format want;
  } cases[] = {
      {"a.jsonl", Works(2), Format::kOpenAlexJsonl},
      {"a.jsonl.gz", Gzip(Works(2)), Format::kOpenAlexJsonl},
      {"b.json", "{\"meta\":{},\"results\":[]}", Format::kOpenAlexApiPage},
      {"c.json.gz", Gzip("[{\"title\":\"x\"}]"), Format::kPaperList},
      {"d.json", "{\n  \"id\": \"https://openalex.org/W1\"\n}\n", Format::kOpenAlexApiPage},
      {"e.jsonl", "{\"id\":\"0704.0001\",\"submitter\":\"x\",\"authors_parsed\":[]}\n", Format::kArxivJsonl},
  };
  for (const Case& c : cases) {
    InputFile f = Put(c.name, c.bytes);
    auto got = DetectFormat(f.path);
    ASSERT_TRUE(got.ok()) << c.name << " " << got.status().ToString();
    EXPECT_EQ(*got, c.want) << c.name << " → " << FormatName(*got);
  }
  EXPECT_FALSE(DetectFormat(Put("x.txt", "hello").path).ok());
  EXPECT_FALSE(ExpandInputs({dir_ + "/missing.jsonl"}).ok());
  // A directory expands to its inputs, sorted.
  auto all = ExpandInputs({dir_});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
}

TEST_F(BadInput, SnapshotRootReadsOnlyWorksAndChecksManifest) {
  std::string works = dir_ + "/snap/data/works/updated_date=2024-01-01";
  std::string authors = dir_ + "/snap/data/authors/updated_date=2024-01-01";
  fs::create_directories(works);
  fs::create_directories(authors);
  std::string gz = Gzip(Works(3));
  WriteFile(works + "/part_000.gz", gz);
  WriteFile(authors + "/part_000.gz", Gzip("{\"id\":\"A1\"}\n"));
  std::string manifest = dir_ + "/snap/data/works/manifest";
  auto write_manifest = [&](int records) {
    WriteFile(manifest, R"({"entries":[{"url":"s3://openalex/data/works/updated_date=2024-01-01/part_000.gz",)"
                        R"("meta":{"content_length":)" + std::to_string(gz.size()) +
                        R"(,"record_count":)" + std::to_string(records) + "}}]}");
  };
  write_manifest(3);
  auto inputs = ExpandInputs({dir_ + "/snap"});
  ASSERT_TRUE(inputs.ok()) << inputs.status().ToString();
  ASSERT_EQ(inputs->size(), 1u);
  EXPECT_EQ((*inputs)[0].expected_records, 3);
  auto c = ReadAll((*inputs)[0]);
  EXPECT_TRUE(c.status.ok()) << c.status.ToString();
  EXPECT_EQ(c.records.size(), 3u);
  write_manifest(4);
  inputs = ExpandInputs({dir_ + "/snap"});
  ASSERT_TRUE(inputs.ok());
  c = ReadAll((*inputs)[0]);
  EXPECT_FALSE(c.status.ok());
  EXPECT_NE(c.status.message().find(manifest), std::string::npos) << c.status.ToString();
  // A part the manifest lists but that is missing is an error naming the manifest.
  fs::remove(works + "/part_000.gz");
  auto missing = ExpandInputs({dir_ + "/snap"});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find(manifest), std::string::npos);
}

TEST(ReadErrorTest, ToString) {
  EXPECT_EQ((ReadError{"f.jsonl", 12, "bad"}).ToString(), "f.jsonl:12: bad");
  EXPECT_EQ((ReadError{"f.jsonl", 0, "bad"}).ToString(), "f.jsonl: bad");
}

}  // namespace
}  // namespace st::corpus

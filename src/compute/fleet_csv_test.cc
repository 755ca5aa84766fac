#include "compute/fleet_csv.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/test_paths.h"
#include "compute/day.h"
#include "compute/demo_fleet.h"

namespace st::compute {
namespace {

std::string Error(std::string_view text) {
  auto r = ParseFleetCsv(text);
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? "" : r.status().message();
}

TEST(FleetCsvTest, ReadsRowsWithQuotesCommentsAndCrLf) {
  auto r = ParseFleetCsv(
      "# the fleet\r\n"
      "site,gpu_type,change,gpus,date,note\r\n"
      "A,H100,add,100000,2026-03-01,phase 1\r\n"
      "\r\n"
      "B,A100,retire,20000,2027-01-01,\"old cluster, \"\"decommissioned\"\"\"\r\n"
      " C , B200 , add , 5 , 2026-01-01 , \n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].line, 3);
  EXPECT_EQ((*r)[0].site, "A");
  EXPECT_EQ((*r)[0].delta_gpus, 100000);
  EXPECT_EQ((*r)[0].day, *ParseDay("2026-03-01"));
  EXPECT_EQ((*r)[1].line, 5);
  EXPECT_EQ((*r)[1].delta_gpus, -20000);
  EXPECT_EQ((*r)[1].note, "old cluster, \"decommissioned\"");
  EXPECT_EQ((*r)[2].site, "C");
  EXPECT_EQ((*r)[2].gpu_type, "B200");
}

TEST(FleetCsvTest, ColumnsInAnyOrderNoteOptional) {
  auto r = ParseFleetCsv("date,gpus,change,gpu_type,site\n2026-01-01,7,add,H200,Dublin\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)[0].site, "Dublin");
  EXPECT_EQ((*r)[0].delta_gpus, 7);
}

TEST(FleetCsvTest, BadRowsNameTheirLineAndReason) {
  const std::string h = "site,gpu_type,change,gpus,date,note\n";
  EXPECT_EQ(Error(h + "A,H100,add,10,2026-01-01,\nA,H100,add,ten,2026-01-01,\n"),
            "line 3: gpus: 'ten' is not a whole number");
  EXPECT_EQ(Error(h + "A,H100,add,10,2026-02-30,\n"), "line 2: date: '2026-02-30' is not a date YYYY-MM-DD (1970..2199)");
  EXPECT_EQ(Error(h + "A,H100,buy,10,2026-01-01,\n"), "line 2: change: 'buy' is neither add nor retire");
  EXPECT_EQ(Error(h + "A,H100,add,0,2026-01-01,\n"), "line 2: gpus: must be between 1 and 100000000");
  EXPECT_EQ(Error(h + "A,H100,add,-5,2026-01-01,\n"), "line 2: gpus: '-5' is not a whole number");
  EXPECT_EQ(Error(h + "A,H100,add,10,2026-01-01\n"), "line 2: 5 fields, the header has 6");
  EXPECT_EQ(Error(h + ",H100,add,10,2026-01-01,\n"), "line 2: site must not be empty");
  EXPECT_EQ(Error(h + "A,H100,add,10,2026-01-01,\"open\n"), "line 2: a quoted field is not closed");
  EXPECT_EQ(Error(h + "A,H1\"00,add,10,2026-01-01,\n"),
            "line 2: a quote inside an unquoted field (quote the whole field)");
  EXPECT_EQ(Error("site,gpu_type,change,gpus\n"), "line 1: the header lacks the column 'date'");
  EXPECT_EQ(Error("site,gpu_type,change,gpus,date,colour\n"),
            "line 1: unknown column 'colour' (expected site, gpu_type, change, gpus, date, note)");
  EXPECT_EQ(Error(""), "line 1: the file is empty (expected a header row)");
  // A quoted newline: the next record's line number counts it.
  EXPECT_EQ(Error(h + "A,H100,add,10,2026-01-01,\"two\nlines\"\nA,H100,add,x,2026-01-01,\n"),
            "line 4: gpus: 'x' is not a whole number");
}

TEST(FleetCsvTest, WritesWhatItReads) {
  const auto rows = DemoFleetRows();
  auto back = ParseFleetCsv(FleetCsv(rows));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ((*back)[i].line, rows[i].line);
    EXPECT_EQ((*back)[i].site, rows[i].site);
    EXPECT_EQ((*back)[i].gpu_type, rows[i].gpu_type);
    EXPECT_EQ((*back)[i].day, rows[i].day);
    EXPECT_EQ((*back)[i].delta_gpus, rows[i].delta_gpus);
    EXPECT_EQ((*back)[i].note, rows[i].note);
  }
}

TEST(FleetCsvTest, TheSampleFileIsTheDemoFleet) {
  const std::string path = testing::SourceDir() + "/src/compute/fleet_sample.csv";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), DemoFleetCsv()) << "regenerate " << path << " from DemoFleetCsv()";
}

}  // namespace
}  // namespace st::compute

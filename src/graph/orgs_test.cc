// OrgMapper: which organisation an institution's name, OpenAlex id and e-mail
// domain mean. The real-data test (real_data_test.cc) checks the same rules on
// the paper lists; these pin each rule on its own.
#include "graph/orgs.h"

#include <gtest/gtest.h>

namespace st::graph {
namespace {

TEST(OrgMapperTest, NameRulesOutrankTheEmailDomain) {
  OrgMapper m;
  EXPECT_EQ(m.OrgFor("", "Google DeepMind", "google.com"), "Google DeepMind");
  EXPECT_EQ(m.OrgFor("", "DeepMind, London, UK", "google.com"), "Google DeepMind");
  EXPECT_EQ(m.OrgFor("", "Deep Mind", ""), "Google DeepMind");
  EXPECT_EQ(m.OrgFor("", "Google Research", "deepmind.com"), "Google");
  EXPECT_EQ(m.OrgFor("", "Microsoft Research Asia", ""), "Microsoft");
  EXPECT_EQ(m.OrgFor("", "Artificial Intelligence Lab", ""), "");  // "intelligence" is not Intel
}

TEST(OrgMapperTest, DomainDecidesOnlyForUnknownNonAcademicNames) {
  OrgMapper m;
  EXPECT_EQ(m.OrgFor("", "WeChat AI", "tencent.com"), "Tencent");
  EXPECT_EQ(m.OrgFor("", "Noah's Ark Lab", "HUAWEI.COM"), "Huawei");
  EXPECT_EQ(m.OrgFor("", "Stanford University", "google.com"), "");  // a visitor; the place stays itself
  EXPECT_EQ(m.OrgFor("", "Carnegie Mellon University", "meta.com"), "Carnegie Mellon University");
  EXPECT_EQ(m.OrgFor("", "Bloomberg", "bloomberg.net"), "");
}

TEST(OrgMapperTest, DepartmentsRollUpToTheirUniversity) {
  OrgMapper m;
  EXPECT_EQ(m.OrgFor("", "Paul G. Allen School of Computer Science & Engineering, University of Washington", ""),
            "University of Washington");
  EXPECT_EQ(m.OrgFor("", "Zhejiang University, Hangzhou, China", ""), "Zhejiang University");
  EXPECT_EQ(m.OrgFor("", "Department of Computer Science, University of Oxford, Oxford, UK", "fb.com"),
            "University of Oxford");
  EXPECT_EQ(m.OrgFor("", "Department of Electrical Engineering, Indian Institute of Technology Delhi, India", ""),
            "Indian Institute of Technology Delhi");
  // University systems keep their campus.
  EXPECT_EQ(m.OrgFor("", "University of California, Berkeley, CA, USA", ""), "University of California, Berkeley");
  EXPECT_EQ(m.OrgFor("", "UMIACS, University of Maryland, College Park", ""), "University of Maryland, College Park");
  // A name that is the university already is not an organisation rule.
  EXPECT_EQ(m.OrgFor("", "University of Toronto", ""), "");
  EXPECT_EQ(m.OrgFor("", "Siemens AG, Beijing", ""), "");
}

TEST(OrgMapperTest, WellKnownUniversitiesHaveOneSpelling) {
  OrgMapper m;
  for (const char* name : {"MIT", "Massachusetts Institute of Technology (MIT)", "Massachusetts Institute of Technology",
                           "CSAIL, MIT, Cambridge, MA"})
    EXPECT_EQ(m.OrgFor("", name, ""), "Massachusetts Institute of Technology") << name;
  EXPECT_EQ(m.OrgFor("", "Carnegie-Mellon University", ""), "Carnegie Mellon University");
  EXPECT_EQ(m.OrgFor("", "ETH Zürich", ""), "ETH Zurich");
  EXPECT_EQ(m.OrgFor("", "Department of Computer Science, ETH Zurich, Switzerland", ""), "ETH Zurich");
  EXPECT_EQ(m.OrgFor("", "University of California Berkeley", ""), "University of California, Berkeley");
  EXPECT_EQ(OrgMapper::KnownUniversity("uc berkeley"), "University of California, Berkeley");
  EXPECT_EQ(OrgMapper::KnownUniversity("Oxford Robotics Institute"), "");
}

TEST(OrgMapperTest, LabCsvByOpenAlexIdWins) {
  OrgMapper m;
  const std::string dir = ::testing::TempDir();
  const std::string path = dir + "/labs.csv";
  {
    FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("openalex_institution_id,lab\nhttps://openalex.org/I4210090411,DeepMind\n", f);
    std::fclose(f);
  }
  ASSERT_TRUE(m.LoadLabCsv(path).ok());
  EXPECT_EQ(m.OrgFor("I4210090411", "Some Name", "google.com"), "Google DeepMind");
  EXPECT_EQ(m.OrgFor("https://openalex.org/I4210090411", "", ""), "Google DeepMind");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace st::graph

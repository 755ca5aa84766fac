#include "scoring/org_resolver.h"

#include <gtest/gtest.h>

namespace st::scoring {
namespace {

TEST(OrgResolverTest, NormalizeName) {
  EXPECT_EQ(NormalizeOrgName("Google (United States)"), "google");
  EXPECT_EQ(NormalizeOrgName("  Meta Platforms, Inc. "), "meta platforms");
  EXPECT_EQ(NormalizeOrgName("École Polytechnique Fédérale de Lausanne"),
            "ecole polytechnique federale de lausanne");
}

TEST(OrgResolverTest, AliasTable) {
  const std::vector<std::string> orgs = {
      "Google",                    // 0
      "Google DeepMind",           // 1
      "DeepMind",                  // 2
      "Google Research (India)",   // 3
      "Meta",                      // 4
      "Facebook AI Research",      // 5
      "Stanford University",       // 6
      "Microsoft Research Asia",   // 7
      "Microsoft",                 // 8
      "University of Toronto",     // 9
      "Googleplex Analytics",      // 10: not Google
      "University of Oxford",      // 11
      "Oxford Robotics Institute", // 12
      "Massachusetts Institute of Technology",  // 13
      "MIT CSAIL",                 // 14
      "University of California, Berkeley",     // 15
      "University of California, Los Angeles",  // 16
      "Carnegie Mellon University",             // 17
  };
  OrgResolver r(orgs);
  struct Case {
    const char* query;
    std::vector<uint32_t> want;
  } cases[] = {
      {"DeepMind", {1, 2}},
      {"google deepmind", {1, 2}},
      {"GOOGLE", {0, 1, 2, 3}},
      {"Meta", {4, 5}},
      {"facebook", {4, 5}},
      {"Stanford", {6}},
      {"stanford university", {6}},
      {"Microsoft", {7, 8}},
      {"toronto", {9}},
      {"Oxford", {11, 12}},
      {"university of oxford", {11}},
      {"MIT", {13, 14}},
      {"UC Berkeley", {15}},
      {"berkeley", {15}},
      {"UCLA", {16}},
      {"CMU", {17}},
      {"carnegie mellon", {17}},
      {"Nowhere Labs", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.query);
    EXPECT_EQ(r.Resolve(c.query).orgs, c.want);
  }
}

}  // namespace
}  // namespace st::scoring

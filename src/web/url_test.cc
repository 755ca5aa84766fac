// URL decoding, query parsing, segment route matching and static-file lookup:
// the parts of the server that read untrusted request targets.
#include "web/url.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "web/route_matcher.h"
#include "web/static_files.h"

namespace st::web {
namespace {

TEST(PercentDecode, DecodesAndRejectsMalformedEscapes) {
  EXPECT_EQ(PercentDecode("a%20b%2Fc", false).value_or("?"), "a b/c");
  EXPECT_EQ(PercentDecode("a+b", true).value_or("?"), "a b");
  EXPECT_EQ(PercentDecode("a+b", false).value_or("?"), "a+b");
  EXPECT_EQ(PercentDecode("%e2%82%AC", false).value_or("?"), "\xe2\x82\xac");
  for (const char* bad : {"%", "%2", "abc%", "%zz", "%g1", "a%00b"}) {
    EXPECT_FALSE(PercentDecode(bad, false).has_value()) << bad;
  }
}

TEST(ParseTarget, SplitsPathAndQueryInOrder) {
  auto t = ParseTarget("/api/search?q=large+language%20models&limit=5&&flag&q=2#frag");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->path, "/api/search");
  ASSERT_EQ(t->query.size(), 4u);
  EXPECT_EQ(t->query[0], (std::pair<std::string, std::string>("q", "large language models")));
  EXPECT_EQ(t->query[1], (std::pair<std::string, std::string>("limit", "5")));
  EXPECT_EQ(t->query[2], (std::pair<std::string, std::string>("flag", "")));
  EXPECT_EQ(t->query[3], (std::pair<std::string, std::string>("q", "2")));
  EXPECT_FALSE(ParseTarget("api/x").ok());
  EXPECT_FALSE(ParseTarget("*").ok());
  EXPECT_FALSE(ParseTarget("/a%zz").ok());
  EXPECT_FALSE(ParseTarget("/a?x=%4").ok());
}

TEST(RouteMatcher, MatchesBySegmentsAndMethod) {
  RouteTable table;
  table.Add(Route{.method = Method::kGet, .path = "/api/people"});
  table.Add(Route{.method = Method::kGet, .path = "/api/people/{id}"});
  table.Add(Route{.method = Method::kPatch, .path = "/api/people/{id}"});
  table.Add(Route{.method = Method::kGet, .path = "/api/people/{id}/notes"});
  RouteMatcher m(table);
  auto one = m.Find(Method::kGet, "/api/people/12");
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->route->path, "/api/people/{id}");
  EXPECT_EQ(one->route->method, Method::kGet);
  EXPECT_EQ(one->params.at("id"), "12");
  EXPECT_EQ(m.Find(Method::kPatch, "/api/people/7")->route->method, Method::kPatch);
  EXPECT_EQ(m.Find(Method::kGet, "/api/people/7/notes")->params.at("id"), "7");
  EXPECT_EQ(m.Find(Method::kGet, "/api/people")->route->path, "/api/people");
  EXPECT_FALSE(m.Find(Method::kDelete, "/api/people/7").has_value());
  EXPECT_FALSE(m.Find(Method::kGet, "/api/people/").has_value());       // empty parameter
  EXPECT_FALSE(m.Find(Method::kGet, "/api/people/a b").has_value());    // outside [0-9A-Za-z_.:~-]
  EXPECT_FALSE(m.Find(Method::kGet, "/api/people/1/2").has_value());
  EXPECT_FALSE(m.Find(Method::kGet, "/api/peoplex").has_value());
  EXPECT_EQ(ParseMethod("PATCH"), Method::kPatch);
  EXPECT_FALSE(ParseMethod("PUT").has_value());
}

TEST(StaticFiles, ServesInsideTheDirectoryOnly) {
  auto root = std::filesystem::temp_directory_path() / ("st_static_" + std::to_string(::getpid()));
  auto dir = root / "pages";
  std::filesystem::create_directories(dir / "js");
  std::ofstream(dir / "index.html") << "<html>";
  std::ofstream(dir / "js" / "app.js") << "let a;";
  std::ofstream(root / "secret.txt") << "no";
  StaticFiles files(dir.string());
  EXPECT_EQ(files.Find("/")->body, "<html>");
  EXPECT_EQ(files.Find("/")->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(files.Find("/js/app.js")->content_type, "application/javascript; charset=utf-8");
  EXPECT_FALSE(files.Find("/js/").has_value());  // no js/index.html
  EXPECT_FALSE(files.Find("/js/nope.js").has_value());
  EXPECT_FALSE(files.Find("/../secret.txt").has_value());
  EXPECT_FALSE(files.Find("/js/../../secret.txt").has_value());
  EXPECT_FALSE(files.Find("/js\\..\\..\\secret.txt").has_value());
  EXPECT_EQ(files.AppShell()->body, "<html>");
  EXPECT_FALSE(StaticFiles("").Find("/").has_value());
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace st::web

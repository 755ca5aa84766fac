#include "base/status.h"

#include <gtest/gtest.h>

namespace st {
namespace {

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidInput("odd: " + std::to_string(x));
  return x / 2;
}

Status Chain(int x, int* out) {
  ST_ASSIGN_OR_RETURN(int h, Half(x));
  ST_ASSIGN_OR_RETURN(int q, Half(h));
  *out = q;
  return Status::Ok();
}

TEST(StatusTest, CodesAndMessages) {
  struct Case { Status s; std::string text; };
  const Case cases[] = {
      {Status::Ok(), "ok"},
      {Status::NotFound("author A1"), "not_found: author A1"},
      {Status::InvalidInput("f.jsonl:3: bad"), "invalid_input: f.jsonl:3: bad"},
      {Status::Conflict("version 2 != 3"), "conflict: version 2 != 3"},
  };
  for (const auto& c : cases) EXPECT_EQ(c.s.ToString(), c.text);
}

TEST(StatusTest, AssignOrReturnPropagates) {
  int out = 0;
  EXPECT_TRUE(Chain(8, &out).ok());
  EXPECT_EQ(out, 2);
  Status s = Chain(6, &out);  // 6 -> 3 -> odd
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.message(), "odd: 3");
}

}  // namespace
}  // namespace st

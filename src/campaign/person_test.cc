#include "campaign/person.h"

#include <functional>

#include <gtest/gtest.h>

namespace st::campaign {
namespace {

PersonPatch Named(std::string name) {
  PersonPatch p;
  p.name = std::move(name);
  return p;
}

TEST(Person, CreateNeedsName) {
  EXPECT_EQ(ValidatePatch(PersonPatch{}, true).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(ValidatePatch(Named("   "), true).code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(ValidatePatch(Named("Jane Doe"), true).ok());
  EXPECT_TRUE(ValidatePatch(PersonPatch{}, false).ok());
}

TEST(Person, FieldValueTable) {
  struct Case {
    const char* what;
    std::function<void(PersonPatch&)> set;
    const char* bad_field;  // nullptr = valid
  };
  const Case cases[] = {
      {"email ok", [](PersonPatch& p) { p.email = "jane@lab.example.org"; }, nullptr},
      {"email empty clears", [](PersonPatch& p) { p.email = ""; }, nullptr},
      {"email no at", [](PersonPatch& p) { p.email = "jane.lab.org"; }, "email"},
      {"email two ats", [](PersonPatch& p) { p.email = "a@b@c.org"; }, "email"},
      {"email header injection", [](PersonPatch& p) { p.email = "a@b.org\r\nBcc: x@y.org"; }, "email"},
      {"phone ok", [](PersonPatch& p) { p.phone = "+44 20 7946 0958"; }, nullptr},
      {"phone letters", [](PersonPatch& p) { p.phone = "call me"; }, "phone"},
      {"name too long", [](PersonPatch& p) { p.name = std::string(201, 'x'); }, "name"},
      {"name NUL", [](PersonPatch& p) { p.name = std::string("a\0b", 3); }, "name"},
      {"name invalid utf8", [](PersonPatch& p) { p.name = "Jos\xe9"; }, "name"},
      {"name accents ok", [](PersonPatch& p) { p.name = "José Ñúñez 李"; }, nullptr},
      {"summary newlines ok", [](PersonPatch& p) { p.summary = "line 1\nline 2"; }, nullptr},
      {"title newline", [](PersonPatch& p) { p.title = "a\nb"; }, "title"},
      {"too many tags", [](PersonPatch& p) { p.tags = std::vector<std::string>(51, "t"); }, "tags"},
      {"empty topic", [](PersonPatch& p) { p.topics = std::vector<std::string>{""}; }, "topics"},
      {"negative money",
       [](PersonPatch& p) {
         p.compensation = Compensation{};
         p.compensation->current_base = -1;
       },
       "compensation.current_base"},
      {"nine figures ok",
       [](PersonPatch& p) {
         p.compensation = Compensation{};
         p.compensation->expected_total = 250'000'000;
       },
       nullptr},
      {"bad currency",
       [](PersonPatch& p) {
         p.compensation = Compensation{};
         p.compensation->currency = "usd";
       },
       "compensation.currency"},
      {"negative owner", [](PersonPatch& p) { p.owner_user_id = -3; }, "owner_id"},
      {"negative metrics",
       [](PersonPatch& p) {
         HeadlineMetrics m;
         m.h_index = -1;
         p.metrics = m;
       },
       "metrics"},
  };
  for (const Case& c : cases) {
    PersonPatch p;
    c.set(p);
    Status s = ValidatePatch(p, false);
    if (c.bad_field == nullptr) {
      EXPECT_TRUE(s.ok()) << c.what << ": " << s.message();
    } else {
      EXPECT_EQ(s.code(), StatusCode::kInvalidInput) << c.what;
      EXPECT_NE(s.message().find(std::string("'") + c.bad_field + "'"), std::string::npos)
          << c.what << ": " << s.message();
    }
  }
}

TEST(Person, ApplyAndRedact) {
  Person person;
  person.name = "Old";
  PersonPatch p = Named("New");
  p.tags = std::vector<std::string>{"llm", "rl"};
  p.compensation = Compensation{};
  p.compensation->current_base = 500'000;
  ApplyPatch(p, person);
  EXPECT_EQ(person.name, "New");
  EXPECT_EQ(person.tags.size(), 2u);
  ASSERT_TRUE(person.compensation);
  Person for_hr = person, for_recruiter = person, for_viewer = person;
  RedactForRole(Role::kHr, for_hr);
  RedactForRole(Role::kRecruiter, for_recruiter);
  RedactForRole(Role::kViewer, for_viewer);
  EXPECT_TRUE(for_hr.compensation);
  EXPECT_FALSE(for_recruiter.compensation);
  EXPECT_FALSE(for_viewer.compensation);
}

TEST(Person, PatchRoleCheck) {
  PersonPatch comp;
  comp.compensation = Compensation{};
  EXPECT_EQ(CheckPatchAllowed(Role::kRecruiter, comp).code(), StatusCode::kForbidden);
  EXPECT_TRUE(CheckPatchAllowed(Role::kHr, comp).ok());
  EXPECT_EQ(CheckPatchAllowed(Role::kViewer, Named("x")).code(), StatusCode::kForbidden);
  EXPECT_TRUE(CheckPatchAllowed(Role::kRecruiter, Named("x")).ok());
}

TEST(Person, Notes) {
  EXPECT_TRUE(ValidateNoteBody("Met at NeurIPS.\nKeen on RL.").ok());
  EXPECT_EQ(ValidateNoteBody("  \n").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(ValidateNoteBody(std::string(10'001, 'a')).code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace st::campaign

#include "outreach/draft.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace st::outreach {
namespace {

namespace fs = std::filesystem;

DraftFacts Facts() {
  DraftFacts f;
  f.name = "Ada Lovelace";
  f.first_name = "Ada";
  f.org = "University of Oxford";
  f.papers = {{"Notes on the Analytical Engine", "\"The engine might compose elaborate pieces of music.\"", "1843"},
              {"A Second Paper", "keywords: engines, music", ""}};
  f.warm_paths = {{"Charles Babbage", "Notes on the Analytical Engine"}};
  f.offer_themes = {"compute per researcher", "a small team"};
  f.sender_name = "Sam Chief";
  f.sender_first_name = "Sam";
  f.lab_name = "Frontier Lab";
  return f;
}

TemplateSet Defaults() {
  auto t = LoadTemplates(DefaultTemplateDir());
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : TemplateSet{};
}

TEST(Draft, DefaultFirstMessageCitesPapersWarmPathAndThemes) {
  auto d = RenderDraft(Defaults(), DraftKind::kFirst, Facts());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->subject, "Your paper \"Notes on the Analytical Engine\" — a note from Sam Chief");
  EXPECT_NE(d->body.find("Dear Ada,"), std::string::npos) << d->body;
  EXPECT_NE(d->body.find("at University of Oxford."), std::string::npos) << d->body;
  EXPECT_NE(d->body.find("- \"Notes on the Analytical Engine\" (1843): \"The engine might compose"), std::string::npos)
      << d->body;
  EXPECT_NE(d->body.find("- \"A Second Paper\": keywords: engines, music"), std::string::npos) << d->body;
  EXPECT_NE(d->body.find("with Charles Babbage, who works with us now"), std::string::npos) << d->body;
  EXPECT_NE(d->body.find("- compute per researcher"), std::string::npos);
  EXPECT_TRUE(d->unresolved.empty());
  EXPECT_TRUE(CheckSendable(d->subject, d->body).ok());
  EXPECT_EQ(d->body.find("  "), std::string::npos) << "no gaps: " << d->body;
  EXPECT_EQ(d->body.find("\n\n\n"), std::string::npos) << "no holes: " << d->body;
}

TEST(Draft, FallbacksLeaveNoGapWhenOptionalFactsAreMissing) {
  DraftFacts f = Facts();
  f.org.clear();
  f.papers.clear();
  f.warm_paths.clear();
  f.shared_coauthors = {"Mary Somerville", "Augustus De Morgan"};
  auto d = RenderDraft(Defaults(), DraftKind::kFirst, f);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->subject, "Your research — a note from Sam Chief");
  EXPECT_NE(d->body.find("reading your work.\n"), std::string::npos) << d->body;
  EXPECT_NE(d->body.find("Mary Somerville and Augustus De Morgan wrote with you"), std::string::npos) << d->body;
  EXPECT_TRUE(d->unresolved.empty());
}

TEST(Draft, MissingRequiredFieldIsMarkedAndBlocksSending) {
  DraftFacts f = Facts();
  f.first_name.clear();
  auto d = RenderDraft(Defaults(), DraftKind::kFirst, f);
  ASSERT_TRUE(d.ok());
  EXPECT_NE(d->body.find("Dear [[missing: first_name]],"), std::string::npos) << d->body;
  ASSERT_EQ(d->unresolved.size(), 1u);
  EXPECT_EQ(d->unresolved[0], "first_name");
  Status s = CheckSendable(d->subject, d->body);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("'first_name'"), std::string::npos) << s.message();
  // Once someone edits the text, it can go.
  std::string edited = d->body;
  edited.replace(edited.find("[[missing: first_name]]"), 23, "Dr Lovelace");
  EXPECT_TRUE(CheckSendable(d->subject, edited).ok());
}

TEST(Draft, VariableInsideListUsesTheItemAndMissingItemFieldIsMarked) {
  auto d = RenderTemplate("{{#papers}}[{{title}}|{{venue}}]{{/papers}}", "x", Facts());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->subject,
            "[Notes on the Analytical Engine|[[missing: venue]]][A Second Paper|[[missing: venue]]]");
  EXPECT_EQ(d->unresolved, std::vector<std::string>{"venue"});
}

TEST(Draft, InvalidTemplateNamesTheProblem) {
  EXPECT_EQ(CheckTemplate("t", "{{#papers}}open").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(CheckTemplate("t", "{{=<% %>=}}").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(CheckTemplate("t", "{{name").code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(CheckTemplate("t", "{{#a}}{{b}}{{/a}}").ok());
  EXPECT_EQ(CheckSendable("Hi {{name}}", "body").code(), StatusCode::kInvalidInput);
}

TEST(Draft, TemplatesAreCopiedOnFirstUseAndEditsKept) {
  fs::path dir = fs::temp_directory_path() / ("st_tpl_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ASSERT_TRUE(EnsureTemplates(dir.string()).ok());
  {
    std::ofstream(dir / "first.subject.mustache") << "Hello {{first_name}}";
  }
  ASSERT_TRUE(EnsureTemplates(dir.string()).ok());  // does not overwrite
  auto t = LoadTemplates(dir.string());
  ASSERT_TRUE(t.ok());
  auto d = RenderDraft(*t, DraftKind::kFirst, Facts());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->subject, "Hello Ada");
  {
    std::ofstream(dir / "first.body.mustache") << "{{#papers}}broken";
  }
  auto bad = LoadTemplates(dir.string());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(bad.status().message().find("first.body.mustache"), std::string::npos) << bad.status().message();
  fs::remove_all(dir);
}

TEST(Draft, FollowUpRepliesInThread) {
  DraftFacts f = Facts();
  f.previous_subject = "Your paper \"X\"";
  auto d = RenderDraft(Defaults(), DraftKind::kFollowUp, f);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->subject, "Re: Your paper \"X\"");
  EXPECT_TRUE(d->unresolved.empty()) << d->body;
}

TEST(Draft, FirstSentence) {
  EXPECT_EQ(FirstSentence("We show that transformers scale. Then more.\nx"), "We show that transformers scale.");
  EXPECT_EQ(FirstSentence(""), "");
  EXPECT_EQ(FirstSentence("e.g. short. This sentence is the real first one."),
            "e.g. short. This sentence is the real first one.");
  std::string long_text(400, 'a');
  std::string s = FirstSentence(long_text);
  EXPECT_LE(s.size(), 304u);
  EXPECT_EQ(s.substr(s.size() - 3), "…");
}

}  // namespace
}  // namespace st::outreach

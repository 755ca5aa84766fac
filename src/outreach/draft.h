// Drafts in the CEO's voice from mustache templates the CEO can edit.
//
// The templates live in the campaign's directory (`<dir>/first.subject.mustache`, `first.body.mustache`,
// `follow_up.subject.mustache`, `follow_up.body.mustache`); the repository ships defaults
// (templates/outreach/), copied there on first use and never overwritten afterwards.
//
// Mustache renders a missing value as nothing ("your work on  at"). Here a variable that would render
// empty for this person becomes the visible marker "[[missing: NAME]]" instead, and a draft containing a
// marker cannot be sent (CheckSendable names the field) until someone edits the text. Templates avoid
// markers with sections: {{#org}}at {{org}}{{/org}}{{^org}}…fallback…{{/org}}.
//
// Pure apart from the template files; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace st::outreach {

enum class DraftKind { kFirst = 0, kFollowUp };
std::string_view DraftKindName(DraftKind kind);  // "first" | "follow_up"
std::optional<DraftKind> ParseDraftKind(std::string_view name);

// One of the candidate's own papers as the sources give it. `finding` is one sentence taken verbatim from
// the abstract or TLDR, or "keywords: a, b, c" when the sources give only keywords — never written by us.
struct PaperFact {
  std::string title;
  std::string finding;
  std::string year;  // "" if unknown (mustache has no numbers)
};

// "You wrote <paper_title> with our <staff_name>".
struct WarmLink {
  std::string staff_name;
  std::string paper_title;
};

// Everything a template may use. Names in the template are the member names below; lists are sections.
struct DraftFacts {
  std::string name;        // candidate's display name
  std::string first_name;
  std::string org;         // current organisation, may be empty
  std::string topic;       // their main topic, may be empty
  std::vector<PaperFact> papers;             // 0..2, their own
  std::vector<WarmLink> warm_paths;          // our staff who wrote with them
  std::vector<std::string> shared_coauthors; // people who wrote with them and with our staff
  std::vector<std::string> offer_themes;     // campaign settings
  std::string sender_name;                   // the CEO
  std::string sender_first_name;
  std::string lab_name;
  std::string previous_subject;              // follow-ups: the subject of the first message
};

struct TemplateSet {
  std::string first_subject, first_body, follow_up_subject, follow_up_body;
};

// The templates shipped with the repository (ST_OUTREACH_TEMPLATES env, else the source tree's
// templates/outreach).
std::string DefaultTemplateDir();
// Creates `dir` and copies the default templates into it unless each file already exists.
Status EnsureTemplates(const std::string& dir, const std::string& defaults_dir = DefaultTemplateDir());
// Reads and checks the four templates: kInvalidInput names the file and mustache's message.
Result<TemplateSet> LoadTemplates(const std::string& dir);
// Checks one template's syntax; the error names `what`.
Status CheckTemplate(std::string_view what, std::string_view text);

struct RenderedDraft {
  std::string subject;
  std::string body;                       // plain text, LF line ends
  std::vector<std::string> unresolved;    // fields that had no value (also as markers in the text)
};

Result<RenderedDraft> RenderDraft(const TemplateSet& templates, DraftKind kind, const DraftFacts& facts);
// Renders one template text (for tests and previews of an edited template).
Result<RenderedDraft> RenderTemplate(std::string_view subject_tpl, std::string_view body_tpl,
                                     const DraftFacts& facts);

// The fields still marked "[[missing: NAME]]" in a text, in order, without repeats.
std::vector<std::string> UnresolvedFields(std::string_view text);
// OK, or kInvalidInput "draft: field 'first_name' has no value for this person; edit the draft" (the
// first such field), or a complaint about an empty subject/body or a leftover "{{" tag.
Status CheckSendable(std::string_view subject, std::string_view body);

// The first sentence of an abstract or TLDR (ends at ". " / "? " / "! " after ≥ 20 characters, at most
// 300 bytes, cut at a word boundary with "…" when longer); "" for an empty text.
std::string FirstSentence(std::string_view text);

}  // namespace st::outreach

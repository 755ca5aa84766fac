#include "outreach/draft.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <kainjow/mustache.hpp>

namespace st::outreach {
namespace {

namespace fs = std::filesystem;
using Data = kainjow::mustache::data;

constexpr std::string_view kMarkerOpen = "[[missing: ";
constexpr std::string_view kMarkerClose = "]]";
constexpr const char* kFiles[] = {"first.subject.mustache", "first.body.mustache", "follow_up.subject.mustache",
                                  "follow_up.body.mustache"};

void SetText(Data& d, const std::string& key, const std::string& value) {
  if (!value.empty()) d.set(key, value);  // absent, not "": kainjow treats "" as true in sections
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

Data ToData(const DraftFacts& f) {
  Data d;
  SetText(d, "name", f.name);
  SetText(d, "first_name", f.first_name);
  SetText(d, "org", f.org);
  SetText(d, "topic", f.topic);
  SetText(d, "sender_name", f.sender_name);
  SetText(d, "sender_first_name", f.sender_first_name);
  SetText(d, "lab_name", f.lab_name);
  SetText(d, "previous_subject", f.previous_subject);
  if (!f.papers.empty()) {
    Data list{Data::type::list};
    for (const PaperFact& p : f.papers) {
      Data item;
      SetText(item, "title", p.title);
      SetText(item, "finding", p.finding);
      SetText(item, "year", p.year);
      list.push_back(item);
    }
    d.set("papers", list);
    SetText(d, "top_paper_title", f.papers.front().title);
  }
  if (!f.warm_paths.empty()) {
    Data list{Data::type::list};
    for (const WarmLink& w : f.warm_paths) {
      Data item;
      SetText(item, "staff_name", w.staff_name);
      SetText(item, "paper_title", w.paper_title);
      list.push_back(item);
    }
    d.set("warm_paths", list);
  }
  if (!f.shared_coauthors.empty()) {
    Data list{Data::type::list};
    for (const std::string& n : f.shared_coauthors) {
      Data item;
      SetText(item, "name", n);
      list.push_back(item);
    }
    d.set("shared_coauthors", list);
    SetText(d, "shared_coauthors_text", JoinNames(f.shared_coauthors));
  }
  if (!f.offer_themes.empty()) {
    Data list{Data::type::list};
    for (const std::string& t : f.offer_themes) {
      Data item;
      SetText(item, "theme", t);
      list.push_back(item);
    }
    d.set("offer_themes", list);
  }
  return d;
}

// One {{…}} tag of a template.
struct Tag {
  size_t begin = 0, end = 0;  // byte range of the whole tag in the template
  char kind = 0;              // 0 variable, '#', '^', '/', '!', '&', '{', '>', '='
  std::string name;
};

Result<std::vector<Tag>> ScanTags(std::string_view t) {
  std::vector<Tag> tags;
  for (size_t pos = 0;;) {
    size_t open = t.find("{{", pos);
    if (open == std::string_view::npos) break;
    Tag tag;
    tag.begin = open;
    size_t inner = open + 2;
    std::string_view close = "}}";
    if (inner < t.size() && t[inner] == '{') {
      tag.kind = '{';
      ++inner;
      close = "}}}";
    }
    size_t end = t.find(close, inner);
    if (end == std::string_view::npos) return Status::InvalidInput("unclosed tag at byte " + std::to_string(open));
    std::string_view body = t.substr(inner, end - inner);
    tag.end = end + close.size();
    if (tag.kind == 0 && !body.empty() && std::string_view("#^/!&>=").find(body[0]) != std::string_view::npos) {
      tag.kind = body[0];
      body.remove_prefix(1);
    }
    while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
    while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
    tag.name = std::string(body);
    if (tag.kind == '=') return Status::InvalidInput("changing the delimiters ({{=…=}}) is not supported");
    if (tag.kind == '>') return Status::InvalidInput("partials ({{>…}}) are not supported");
    tags.push_back(std::move(tag));
    pos = tags.back().end;
  }
  return tags;
}

const Data* Lookup(const std::vector<const Data*>& ctx, const std::string& name) {
  for (auto it = ctx.rbegin(); it != ctx.rend(); ++it)
    if ((*it)->is_object())
      if (const Data* v = (*it)->get(name)) return v;
  return nullptr;
}

bool Truthy(const Data* v) { return v != nullptr && !v->is_false() && !v->is_empty_list(); }

// Walks tags[i, end) as mustache would render them with `ctx`, recording variables that render empty.
// Returns the index after the matching close tag of the enclosing section (or tags.size()).
size_t Walk(const std::vector<Tag>& tags, size_t i, std::vector<const Data*>& ctx, bool rendering,
            std::vector<size_t>& empty_tags) {
  while (i < tags.size()) {
    const Tag& tag = tags[i];
    if (tag.kind == '/') return i + 1;
    if (tag.kind == '#' || tag.kind == '^') {
      const Data* v = rendering ? Lookup(ctx, tag.name) : nullptr;
      const bool shown = rendering && (tag.kind == '#' ? Truthy(v) : !Truthy(v));
      size_t next = i + 1;
      if (shown && tag.kind == '#' && v->is_list()) {
        for (const Data& item : v->list_value()) {
          ctx.push_back(&item);
          next = Walk(tags, i + 1, ctx, true, empty_tags);
          ctx.pop_back();
        }
      } else {
        next = Walk(tags, i + 1, ctx, shown, empty_tags);
      }
      i = next;
      continue;
    }
    if (rendering && (tag.kind == 0 || tag.kind == '&' || tag.kind == '{')) {
      const Data* v = Lookup(ctx, tag.name);
      const bool empty = v == nullptr || (v->is_string() && v->string_value().empty()) ||
                         (!v->is_string() && !v->is_lambda());
      if (empty) empty_tags.push_back(i);
    }
    ++i;
  }
  return i;
}

Result<std::string> RenderOne(std::string_view what, std::string_view tpl, const Data& data,
                              std::vector<std::string>& unresolved) {
  auto tags = ScanTags(tpl);
  if (!tags.ok()) return Status::InvalidInput("template " + std::string(what) + ": " + tags.status().message());
  std::vector<const Data*> ctx = {&data};
  std::vector<size_t> empty_tags;
  Walk(*tags, 0, ctx, true, empty_tags);
  // Replace each variable that would render empty by a visible marker (literal text, not a tag).
  std::string patched(tpl);
  std::vector<bool> marked(tags->size(), false);
  for (size_t t : empty_tags) marked[t] = true;
  for (size_t t = tags->size(); t-- > 0;) {
    if (!marked[t]) continue;
    const Tag& tag = (*tags)[t];
    patched.replace(tag.begin, tag.end - tag.begin, std::string(kMarkerOpen) + tag.name + std::string(kMarkerClose));
    bool seen = false;
    for (const auto& u : unresolved) seen = seen || u == tag.name;
    if (!seen) unresolved.push_back(tag.name);
  }
  kainjow::mustache::mustache m(patched);
  if (!m.is_valid()) return Status::InvalidInput("template " + std::string(what) + ": " + m.error_message());
  m.set_custom_escape([](const std::string& s) { return s; });  // plain text, not HTML
  std::string out = m.render(data);
  if (!m.is_valid()) return Status::InvalidInput("template " + std::string(what) + ": " + m.error_message());
  return out;
}

std::string TrimBlankEdges(std::string s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// Subjects are one line: newlines from the template become spaces, runs of spaces collapse.
std::string OneLine(std::string_view s) {
  std::string out;
  for (char c : s) {
    char x = (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    if (x == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += x;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// At most one blank line in a row: sections that render nothing leave no holes.
std::string CollapseBlankLines(std::string_view s) {
  std::string out;
  int newlines = 0;
  for (char c : s) {
    if (c == '\r') continue;
    if (c == '\n') {
      if (++newlines > 2) continue;
      // drop trailing spaces of the line
      while (!out.empty() && out.back() == ' ') out.pop_back();
    } else {
      newlines = 0;
    }
    out += c;
  }
  return out;
}

Result<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::IoError(p.string() + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string_view DraftKindName(DraftKind kind) { return kind == DraftKind::kFirst ? "first" : "follow_up"; }

std::optional<DraftKind> ParseDraftKind(std::string_view name) {
  if (name == "first") return DraftKind::kFirst;
  if (name == "follow_up") return DraftKind::kFollowUp;
  return std::nullopt;
}

std::string DefaultTemplateDir() {
  if (const char* env = std::getenv("ST_OUTREACH_TEMPLATES"); env && *env) return env;
  return ST_DEFAULT_OUTREACH_TEMPLATES;
}

Status EnsureTemplates(const std::string& dir, const std::string& defaults_dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir + ": cannot create: " + ec.message());
  for (const char* name : kFiles) {
    fs::path target = fs::path(dir) / name;
    if (fs::exists(target)) continue;  // the CEO's edits are never overwritten
    fs::path source = fs::path(defaults_dir) / name;
    fs::copy_file(source, target, ec);
    if (ec) return Status::IoError("copying " + source.string() + " to " + target.string() + ": " + ec.message());
  }
  return Status::Ok();
}

Status CheckTemplate(std::string_view what, std::string_view text) {
  auto tags = ScanTags(text);
  if (!tags.ok()) return Status::InvalidInput("template " + std::string(what) + ": " + tags.status().message());
  kainjow::mustache::mustache m{std::string(text)};
  if (!m.is_valid()) return Status::InvalidInput("template " + std::string(what) + ": " + m.error_message());
  return Status::Ok();
}

Result<TemplateSet> LoadTemplates(const std::string& dir) {
  std::string* slots[4];
  TemplateSet set;
  slots[0] = &set.first_subject;
  slots[1] = &set.first_body;
  slots[2] = &set.follow_up_subject;
  slots[3] = &set.follow_up_body;
  for (int i = 0; i < 4; ++i) {
    fs::path p = fs::path(dir) / kFiles[i];
    ST_ASSIGN_OR_RETURN(*slots[i], ReadFile(p));
    ST_RETURN_IF_ERROR(CheckTemplate(p.string(), *slots[i]));
  }
  return set;
}

Result<RenderedDraft> RenderTemplate(std::string_view subject_tpl, std::string_view body_tpl,
                                     const DraftFacts& facts) {
  const Data data = ToData(facts);
  RenderedDraft out;
  ST_ASSIGN_OR_RETURN(std::string subject, RenderOne("subject", subject_tpl, data, out.unresolved));
  ST_ASSIGN_OR_RETURN(std::string body, RenderOne("body", body_tpl, data, out.unresolved));
  out.subject = OneLine(subject);
  out.body = TrimBlankEdges(CollapseBlankLines(body)) + "\n";
  return out;
}

Result<RenderedDraft> RenderDraft(const TemplateSet& t, DraftKind kind, const DraftFacts& facts) {
  return kind == DraftKind::kFirst ? RenderTemplate(t.first_subject, t.first_body, facts)
                                   : RenderTemplate(t.follow_up_subject, t.follow_up_body, facts);
}

std::vector<std::string> UnresolvedFields(std::string_view text) {
  std::vector<std::string> out;
  for (size_t pos = 0; (pos = text.find(kMarkerOpen, pos)) != std::string_view::npos;) {
    size_t start = pos + kMarkerOpen.size();
    size_t end = text.find(kMarkerClose, start);
    if (end == std::string_view::npos) break;
    std::string name(text.substr(start, end - start));
    bool seen = false;
    for (const auto& u : out) seen = seen || u == name;
    if (!seen) out.push_back(std::move(name));
    pos = end;
  }
  return out;
}

Status CheckSendable(std::string_view subject, std::string_view body) {
  for (std::string_view part : {subject, body}) {
    auto fields = UnresolvedFields(part);
    if (!fields.empty())
      return Status::InvalidInput("draft: field '" + fields.front() +
                                  "' has no value for this person; edit the draft before sending");
  }
  if (TrimBlankEdges(std::string(subject)).empty()) return Status::InvalidInput("draft: field 'subject' is empty");
  if (TrimBlankEdges(std::string(body)).empty()) return Status::InvalidInput("draft: field 'body' is empty");
  for (std::string_view part : {subject, body})
    if (part.find("{{") != std::string_view::npos)
      return Status::InvalidInput("draft: contains a template tag '{{'; edit the draft before sending");
  return Status::Ok();
}

std::string FirstSentence(std::string_view text) {
  std::string s;
  for (char c : text) {  // one line, single spaces
    char x = (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    if (x == ' ' && (s.empty() || s.back() == ' ')) continue;
    s += x;
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  size_t end = std::string::npos;
  for (size_t i = 20; i + 1 < s.size(); ++i)
    if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ') {
      end = i + 1;
      break;
    }
  if (end != std::string::npos) s.resize(end);
  constexpr size_t kMax = 300;
  if (s.size() > kMax) {
    size_t cut = s.rfind(' ', kMax);
    if (cut == std::string::npos || cut < kMax / 2) {
      cut = kMax;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    }
    s.resize(cut);
    s += "…";
  }
  return s;
}

}  // namespace st::outreach

#include "outreach/draft_facts.h"

#include <algorithm>
#include <unordered_set>

#include "base/names.h"

namespace st::outreach {
namespace {

bool Coauthored(const graph::GraphView& g, graph::AuthorId a, graph::AuthorId b) {
  auto ids = g.Coauthors(a).ids();
  return std::binary_search(ids.begin(), ids.end(), b);
}

std::string SharedPaper(const graph::GraphView& g, graph::AuthorId a, graph::AuthorId b) {
  auto wa = g.AuthorWorks(a), wb = g.AuthorWorks(b);
  std::unordered_set<graph::WorkId> mine(wa.begin(), wa.end());
  // Newest shared paper with a title (works are sorted by year).
  for (auto it = wb.rbegin(); it != wb.rend(); ++it)
    if (mine.count(*it) && !g.WorkTitle(*it).empty()) return std::string(g.WorkTitle(*it));
  return "";
}

}  // namespace

std::string FirstNameOf(std::string_view display_name) {
  std::string_view s = TrimSpace(display_name);
  size_t sp = s.find(' ');
  if (sp == std::string_view::npos) return "";
  std::string_view first = s.substr(0, sp);
  if (first.size() <= 2 || first.back() == '.') return "";
  return std::string(first);
}

void AddGraphFacts(const graph::GraphView& g, graph::AuthorId author, const std::vector<StaffAuthor>& staff,
                   DraftFacts& facts, int max_papers) {
  if (author >= g.num_authors()) return;
  // Papers: most cited first, newer first on ties; only those with a title and something the sources say.
  std::vector<graph::WorkId> works(g.AuthorWorks(author).begin(), g.AuthorWorks(author).end());
  std::stable_sort(works.begin(), works.end(), [&](graph::WorkId x, graph::WorkId y) {
    const auto& a = g.Work(x);
    const auto& b = g.Work(y);
    return a.cited_by_count != b.cited_by_count ? a.cited_by_count > b.cited_by_count : a.year > b.year;
  });
  for (graph::WorkId w : works) {
    if (static_cast<int>(facts.papers.size()) >= max_papers) break;
    std::string title(TrimSpace(g.WorkTitle(w)));
    if (title.empty()) continue;
    PaperFact p;
    p.title = std::move(title);
    std::string sentence = FirstSentence(g.WorkAbstract(w));
    if (!sentence.empty()) {
      p.finding = "\"" + sentence + "\"";
    } else {
      std::string keywords;
      int n = 0;
      for (const graph::TopicWeight& t : g.WorkTopics(w)) {
        std::string_view name = g.TopicName(t.topic);
        if (name.empty()) continue;
        keywords += (n ? ", " : "") + std::string(name);
        if (++n == 3) break;
      }
      if (keywords.empty()) continue;  // nothing the sources say about it: not cited
      p.finding = "keywords: " + keywords;
    }
    if (g.Work(w).year > 0) p.year = std::to_string(g.Work(w).year);
    facts.papers.push_back(std::move(p));
  }
  // Warm paths: our staff who wrote with them.
  std::unordered_set<graph::AuthorId> staff_ids;
  for (const StaffAuthor& s : staff)
    if (s.author != graph::kNone && s.author < g.num_authors()) staff_ids.insert(s.author);
  for (const StaffAuthor& s : staff) {
    if (facts.warm_paths.size() >= 2) break;
    if (!staff_ids.count(s.author) || s.author == author || !Coauthored(g, author, s.author)) continue;
    std::string paper = SharedPaper(g, author, s.author);
    if (!paper.empty()) facts.warm_paths.push_back({s.name, std::move(paper)});
  }
  // Shared co-authors: wrote with them and with one of our staff.
  auto mine = g.Coauthors(author).ids();
  for (const StaffAuthor& s : staff) {
    if (facts.shared_coauthors.size() >= 3) break;
    if (!staff_ids.count(s.author) || s.author == author) continue;
    auto theirs = g.Coauthors(s.author).ids();
    std::vector<graph::AuthorId> both;
    std::set_intersection(mine.begin(), mine.end(), theirs.begin(), theirs.end(), std::back_inserter(both));
    for (graph::AuthorId c : both) {
      if (facts.shared_coauthors.size() >= 3) break;
      if (staff_ids.count(c)) continue;
      std::string name = DisplayPersonName(g.AuthorName(c));
      if (!name.empty() && std::find(facts.shared_coauthors.begin(), facts.shared_coauthors.end(), name) ==
                               facts.shared_coauthors.end())
        facts.shared_coauthors.push_back(std::move(name));
    }
  }
}

}  // namespace st::outreach

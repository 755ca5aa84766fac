#include "retention/link.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "base/names.h"

namespace st::retention {
namespace {

std::string Pct(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", x * 100);
  return buf;
}

struct Scored {
  const AuthorCandidate* c = nullptr;
  double score = 0;
  std::string reason;
};

}  // namespace

LinkDecision DecideLink(const std::string& staff_name, const std::vector<AuthorCandidate>& candidates,
                        const std::vector<std::string>& lab_orgs, const std::vector<std::string>& other_staff) {
  const std::string me = NormalizePersonName(staff_name);
  std::set<std::string> orgs, staff;
  for (const std::string& o : lab_orgs)
    if (!FoldText(o).empty()) orgs.insert(FoldText(o));
  for (const std::string& s : other_staff) staff.insert(NormalizePersonName(s));
  std::vector<Scored> scored;
  for (const AuthorCandidate& c : candidates) {
    const std::string theirs = NormalizePersonName(c.name);
    Scored s{&c, 0, ""};
    if (theirs == me) {
      s.score = 0.5;
      s.reason = "same name";
    } else if (NamesCompatible(theirs, me)) {
      s.score = 0.3;
      s.reason = "compatible name (" + c.name + ")";
    } else {
      continue;
    }
    if (!c.org.empty() && orgs.count(FoldText(c.org))) {
      s.score += 0.25;
      s.reason += " + at " + c.org;
    }
    std::vector<std::string> shared;
    for (const std::string& co : c.coauthor_names)
      if (staff.count(NormalizePersonName(co)) && shared.size() < 5) shared.push_back(co);
    if (!shared.empty()) {
      s.score += 0.1 * static_cast<double>(std::min<size_t>(shared.size(), 3));
      s.reason += " + co-authors on staff: ";
      for (size_t i = 0; i < shared.size(); ++i) s.reason += (i ? ", " : "") + shared[i];
    }
    scored.push_back(std::move(s));
  }
  LinkDecision out;
  if (scored.empty()) {
    out.reason = "no author with a compatible name";
    return out;
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  const Scored& best = scored[0];
  double conf = std::min(1.0, best.score);
  std::string reason = best.reason;
  if (scored.size() == 1) {
    conf = std::min(1.0, conf + 0.15);
    reason += " + the only such author in the graph";
  } else if (scored[1].score >= best.score - 0.1) {
    conf *= 0.6;
    reason += "; ambiguous with author " + scored[1].c->author_id + " (" + scored[1].reason + ")";
  }
  out.author_id = best.c->author_id;
  out.confidence = conf;
  out.reason = reason + " — confidence " + Pct(conf);
  return out;
}

}  // namespace st::retention

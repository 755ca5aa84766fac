// Template-filled titles and abstracts. Each abstract has the arc of a real
// one (context, problem, method, result, analysis) and reuses the title's
// method and task, so the words a searcher types appear in both.
#include "demo/text.h"

#include <cctype>

namespace st::demo {
namespace {

template <typename T>
const T& Pick(std::span<const T> list, Rng& rng) {
  return list[rng.Below(static_cast<uint32_t>(list.size()))];
}

void AppendLower(std::string& out, std::string_view s) {
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

}  // namespace

void MakeWorkText(const TopicInfo& topic, Rng& rng, WorkText& text) {
  text.Clear();
  const std::string_view method = Pick(topic.methods, rng);
  const std::string_view task = Pick(topic.tasks, rng);
  const std::string_view adjective = Pick(Adjectives(), rng);
  std::string acronym;
  for (int i = 0, n = rng.Between(2, 3); i < n; ++i) acronym += Pick(NameSyllables(), rng);
  for (auto& c : acronym) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  text.keywords = {method, task};

  std::string& t = text.title;
  // Most ML titles lead with the method's name; it also keeps titles of one
  // year distinct (the graph merges works with equal title and year).
  if (rng.Chance(0.7)) t.append(acronym).append(": ");
  switch (rng.Below(7)) {
    case 0: t.append(method).append(" for ").append(task); break;
    case 1: t.append(adjective).append(" ").append(task).append(" with ").append(method); break;
    case 2: t.append("Towards ").append(adjective).append(" ").append(task); break;
    case 3: t.append("On the ").append(Pick(Properties(), rng)).append(" of ").append(method); break;
    case 4: t.append("Scaling ").append(method).append(" for ").append(task); break;
    case 5: t.append(adjective).append(" ").append(method).append(" Improves ").append(task); break;
    default: t.append("Rethinking ").append(task).append(" through ").append(adjective).append(" ").append(method); break;
  }
  if (rng.Chance(0.5)) t.append(Pick(Settings(), rng));

  std::string& a = text.abstract;
  a.append(task).append(" is a central problem in ");
  AppendLower(a, topic.subfield);
  a.append(", yet ").append(Pick(topic.problems, rng)).append(". ");
  a.append("We introduce ").append(acronym).append(", ");
  a.append(rng.Chance(0.5) ? "an " : "a ");
  AppendLower(a, adjective);
  a.append(" approach based on ");
  AppendLower(a, method);
  a.append(" that ");
  switch (rng.Below(3)) {
    case 0: a.append("requires no additional labelled data. "); break;
    case 1: a.append("combines it with ");
            AppendLower(a, Pick(topic.methods, rng));
            a.append(" in a single model. ");
            break;
    default: a.append("scales to models with billions of parameters. "); break;
  }
  const std::string_view bench1 = Pick(topic.benchmarks, rng);
  const std::string_view bench2 = Pick(topic.benchmarks, rng);
  a.append("On ").append(bench1);
  if (bench2 != bench1) a.append(" and ").append(bench2);
  a.append(", ").append(acronym).append(" improves over strong baselines by ");
  a.append(std::to_string(rng.Between(2, 25))).append(" points");
  if (rng.Chance(0.5)) a.append(" while using ").append(std::to_string(rng.Between(2, 10))).append("x less compute");
  a.append(". ");
  a.append("Our analysis of ");
  AppendLower(a, Pick(Properties(), rng));
  a.append(" shows that ").append(Pick(topic.findings, rng)).append(".");
  if (rng.Chance(0.4)) a.append(" Code and models are publicly released.");
}

}  // namespace st::demo

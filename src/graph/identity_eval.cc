#include "graph/identity_eval.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "base/names.h"
#include "corpus/reader.h"
#include "graph/builder.h"
#include "graph/view.h"

namespace st::graph {
namespace {

// One authorship whose OpenReview id was hidden.
struct TrueMention {
  std::string work_id;
  std::string name;
  uint32_t person;  // index into the ids
};

}  // namespace

Result<IdentityEvalResult> EvaluateIdentity(const std::vector<std::string>& inputs,
                                            const IdentityEvalOptions& options) {
  if (options.scratch_dir.empty()) return Status::InvalidInput("identity evaluation needs a scratch directory");
  ST_ASSIGN_OR_RETURN(std::vector<corpus::InputFile> files, corpus::ExpandInputs(inputs));

  GraphBuilder builder;
  std::mutex mu;
  std::vector<TrueMention> truth;
  std::unordered_map<std::string, uint32_t> person_of_id;
  std::vector<std::string> ids;
  Status first_error;
  std::atomic<size_t> next{0};
  auto worker = [&] {
    GraphBuilder::Shard& shard = builder.NewShard();
    corpus::WorkRecord hidden;
    std::vector<std::pair<std::string, std::string>> found;  // (name, id) of one record
    for (size_t i; (i = next.fetch_add(1)) < files.size();) {
      shard.StartFile(static_cast<uint32_t>(i));
      auto read = corpus::ReadFile(
          files[i], {},
          [&](const corpus::WorkRecord& r) {
            hidden = r;
            found.clear();
            for (corpus::Authorship& a : hidden.authors) {
              if (a.openreview_id.empty()) continue;
              found.emplace_back(a.name, std::move(a.openreview_id));
              a.openreview_id.clear();
            }
            shard.Add(hidden);
            if (found.empty()) return;
            std::lock_guard<std::mutex> lock(mu);
            for (auto& [name, id] : found) {
              auto [it, inserted] = person_of_id.emplace(id, static_cast<uint32_t>(ids.size()));
              if (inserted) ids.push_back(id);
              truth.push_back({r.id, name, it->second});
            }
          },
          [](const corpus::ReadError&) { return true; });
      if (!read.ok()) {
        shard.DropFile();
        std::lock_guard<std::mutex> lock(mu);
        if (first_error.ok()) first_error = read.status();
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::max(1u, options.threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  ST_RETURN_IF_ERROR(first_error);
  ST_RETURN_IF_ERROR(builder.Write(options.scratch_dir).status());
  ST_ASSIGN_OR_RETURN(std::shared_ptr<const GraphView> view, GraphView::Open(options.scratch_dir));

  // Each true mention's predicted person: the author of its work with the same
  // (normalised) name, else a compatible one.
  IdentityEvalResult out;
  std::vector<std::pair<AuthorId, uint32_t>> pairs;  // (predicted, true)
  std::ofstream dump;
  if (!options.dump_path.empty()) {
    dump.open(options.dump_path);
    if (!dump) return Status::IoError("cannot write " + options.dump_path);
  }
  for (const TrueMention& m : truth) {
    const WorkId w = view->FindWorkBySourceId(m.work_id);
    const std::string norm = NormalizePersonName(m.name);
    AuthorId pred = kNone;
    if (w != kNone) {
      for (int pass = 0; pass < 2 && pred == kNone; ++pass) {
        for (const AuthorSlot& s : view->WorkAuthors(w)) {
          const std::string other = NormalizePersonName(view->AuthorName(s.author));
          if (pass == 0 ? other == norm : NamesCompatible(other, norm)) {
            pred = s.author;
            break;
          }
        }
      }
    }
    if (pred == kNone) {
      ++out.unmatched;
      continue;
    }
    pairs.emplace_back(pred, m.person);
    if (dump.is_open())
      dump << m.work_id << '\t' << m.name << '\t' << ids[m.person] << '\t' << pred << '\t' << view->AuthorName(pred)
           << '\n';
  }
  std::sort(pairs.begin(), pairs.end());
  out.mentions = pairs.size();
  // B-cubed from the contingency counts n(p, t): P = sum n^2 / n(p), R = sum n^2 / n(t), over N.
  std::unordered_map<AuthorId, uint32_t> n_pred;
  std::unordered_map<uint32_t, uint32_t> n_true;
  std::map<std::pair<AuthorId, uint32_t>, uint32_t> n_both;
  for (const auto& pt : pairs) {
    ++n_pred[pt.first];
    ++n_true[pt.second];
    ++n_both[pt];
  }
  double p = 0, r = 0;
  for (const auto& [pt, n] : n_both) {
    p += static_cast<double>(n) * n / n_pred[pt.first];
    r += static_cast<double>(n) * n / n_true[pt.second];
  }
  const double total = static_cast<double>(std::max<uint64_t>(out.mentions, 1));
  out.precision = p / total;
  out.recall = r / total;
  out.f1 = out.precision + out.recall > 0 ? 2 * out.precision * out.recall / (out.precision + out.recall) : 0;
  out.true_people = n_true.size();
  out.predicted_people = n_pred.size();

  // Worst splits: true people losing the most recall mass; worst merges: predicted people losing the most precision.
  std::unordered_map<uint32_t, std::vector<uint32_t>> pieces;
  std::unordered_map<AuthorId, std::vector<std::pair<uint32_t, uint32_t>>> held;
  for (const auto& [pt, n] : n_both) {
    pieces[pt.second].push_back(n);
    held[pt.first].push_back({n, pt.second});
  }
  std::unordered_map<uint32_t, std::string> name_of_person;
  for (const TrueMention& m : truth) name_of_person.emplace(m.person, m.name);
  std::vector<std::pair<double, uint32_t>> split_loss;
  for (auto& [t, v] : pieces) {
    if (v.size() < 2) continue;
    std::sort(v.rbegin(), v.rend());
    double kept = 0;
    for (uint32_t n : v) kept += static_cast<double>(n) * n;
    split_loss.emplace_back(static_cast<double>(n_true[t]) * n_true[t] - kept, t);
  }
  std::sort(split_loss.rbegin(), split_loss.rend());
  for (size_t i = 0; i < split_loss.size() && i < options.worst; ++i) {
    const uint32_t t = split_loss[i].second;
    out.worst_splits.push_back({ids[t], name_of_person[t], n_true[t], pieces[t]});
  }
  std::vector<std::pair<double, AuthorId>> merge_loss;
  for (auto& [a, v] : held) {
    if (v.size() < 2) continue;
    std::sort(v.rbegin(), v.rend());
    double kept = 0;
    for (const auto& [n, t] : v) kept += static_cast<double>(n) * n;
    merge_loss.emplace_back(static_cast<double>(n_pred[a]) * n_pred[a] - kept, a);
  }
  std::sort(merge_loss.rbegin(), merge_loss.rend());
  for (size_t i = 0; i < merge_loss.size() && i < options.worst; ++i) {
    const AuthorId a = merge_loss[i].second;
    IdentityMerge m{std::string(view->AuthorName(a)), n_pred[a], {}};
    for (const auto& [n, t] : held[a]) m.ids.emplace_back(ids[t], n);
    out.worst_merges.push_back(std::move(m));
  }
  view.reset();
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(options.scratch_dir, ec))
    std::filesystem::remove_all(e.path(), ec);
  return out;
}

}  // namespace st::graph

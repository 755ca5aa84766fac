// Parts are rendered and compressed in parallel (one part per task), each from
// per-work random streams, so the bytes do not depend on scheduling. Each file
// is written under a temporary name and renamed, and the manifest comes last:
// an interrupted run never leaves a manifest that promises missing parts.
#include "demo/corpus_writer.h"

#include <libdeflate.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "demo/render.h"

namespace st::demo {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSnapshotDates[] = {"2025-09-01", "2025-10-01", "2025-11-01"};

bool IsOurPart(const std::string& name) {
  return name.rfind("part_", 0) == 0 &&
         (name.ends_with(".jsonl") || name.ends_with(".jsonl.gz"));
}

bool ReadsAsDemoManifest(const fs::path& manifest) {
  std::ifstream in(manifest);
  std::stringstream text;
  text << in.rdbuf();
  return text.str().find("\"superteam_demo\"") != std::string::npos;
}

// Empties out_dir of a previous demo corpus, or refuses if it holds anything else.
Status PrepareDir(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return Status::IoError(dir + ": cannot create: " + ec.message());
    return Status::Ok();
  }
  if (!fs::is_directory(dir, ec)) return Status::InvalidInput(dir + ": not a directory");
  const fs::path manifest = fs::path(dir) / "data" / "works" / "manifest";
  std::vector<fs::path> ours;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == "data" && fs::exists(manifest) && ReadsAsDemoManifest(manifest)) {
      ours.push_back(entry.path());
    } else if (IsOurPart(name)) {
      ours.push_back(entry.path());
    } else {
      return Status::InvalidInput(dir + ": not empty and not a superteam demo corpus (found " + name +
                                  "); choose an empty directory");
    }
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  for (const auto& p : ours) {
    fs::remove_all(p, ec);
    if (ec) return Status::IoError(p.string() + ": cannot remove: " + ec.message());
  }
  return Status::Ok();
}

Status WriteFile(const std::string& path, const void* data, size_t size) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IoError(tmp + ": cannot open for writing");
  bool ok = std::fwrite(data, 1, size, f) == size;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    std::remove(tmp.c_str());
    return Status::IoError(tmp + ": write failed (disk full?)");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Status::IoError(path + ": rename failed");
  return Status::Ok();
}

struct PartPlan {
  uint32_t first_work = 0, end_work = 0;
  std::string rel_path;  // relative to out_dir
};

std::vector<PartPlan> PlanParts(const World& world, const CorpusOptions& options) {
  const uint32_t n = world.num_works();
  const uint32_t per = std::max<uint32_t>(options.works_per_part, 1);
  const uint32_t parts = std::max<uint32_t>(1, (n + per - 1) / per);
  const uint32_t dirs = std::min<uint32_t>(3, parts);
  std::vector<PartPlan> plan(parts);
  uint32_t dir_first_part = 0, last_dir = 0;
  for (uint32_t p = 0; p < parts; ++p) {
    plan[p].first_work = p * per;
    plan[p].end_work = std::min<uint32_t>(n, (p + 1) * per);
    char name[96];
    if (options.layout == Layout::kSnapshot) {
      uint32_t d = p * dirs / parts;
      if (d != last_dir) last_dir = d, dir_first_part = p;
      std::snprintf(name, sizeof name, "data/works/updated_date=%s/part_%03u.gz", kSnapshotDates[d],
                    p - dir_first_part);
    } else {
      std::snprintf(name, sizeof name, "part_%03u.jsonl%s", p, options.gzip ? ".gz" : "");
    }
    plan[p].rel_path = name;
  }
  return plan;
}

Status WriteManifest(const CorpusOptions& options, const World& world, const std::vector<PartPlan>& plan,
                     const std::vector<CorpusFile>& files) {
  std::string m = "{\"entries\":[";
  uint64_t bytes = 0, records = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    if (i) m += ',';
    m += "{\"url\":\"s3://openalex/" + plan[i].rel_path + "\",\"meta\":{\"content_length\":" +
         std::to_string(files[i].bytes) + ",\"record_count\":" + std::to_string(files[i].records) + "}}";
    bytes += files[i].bytes;
    records += files[i].records;
  }
  m += "],\"meta\":{\"content_length\":" + std::to_string(bytes) + ",\"record_count\":" + std::to_string(records) +
       "},\"superteam_demo\":{\"generator\":\"superteam gen-corpus\",\"seed\":" +
       std::to_string(world.options.seed) + ",\"authors\":" + std::to_string(world.people.size()) +
       ",\"works\":" + std::to_string(world.num_works()) +
       ",\"note\":\"synthetic demo data: these researchers and papers do not exist\"}}\n";
  return WriteFile(options.out_dir + "/data/works/manifest", m.data(), m.size());
}

}  // namespace

Result<CorpusSummary> WriteCorpus(const World& world, const CorpusOptions& options) {
  CorpusOptions opts = options;
  if (opts.layout == Layout::kSnapshot) opts.gzip = true;
  ST_RETURN_IF_ERROR(PrepareDir(opts.out_dir));
  const std::vector<PartPlan> plan = PlanParts(world, opts);
  std::error_code ec;
  for (const auto& part : plan) {
    fs::create_directories((fs::path(opts.out_dir) / part.rel_path).parent_path(), ec);
    if (ec) return Status::IoError(opts.out_dir + ": cannot create " + part.rel_path + ": " + ec.message());
  }

  std::vector<CorpusFile> files(plan.size());
  std::atomic<size_t> next{0};
  std::mutex error_mu;
  Status first_error;
  auto worker = [&] {
    WorkRenderer renderer(world, opts.abstracts);
    std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> compressor(
        opts.gzip ? libdeflate_alloc_compressor(opts.gzip_level) : nullptr, &libdeflate_free_compressor);
    std::string json, gz;
    for (size_t p; (p = next.fetch_add(1)) < plan.size();) {
      json.clear();
      for (uint32_t w = plan[p].first_work; w < plan[p].end_work; ++w) renderer.Append(w, json);
      CorpusFile& file = files[p];
      file.path = opts.out_dir + "/" + plan[p].rel_path;
      file.records = plan[p].end_work - plan[p].first_work;
      file.json_bytes = json.size();
      Status s;
      if (opts.gzip) {
        gz.resize(libdeflate_gzip_compress_bound(compressor.get(), json.size()));
        size_t n = libdeflate_gzip_compress(compressor.get(), json.data(), json.size(), gz.data(), gz.size());
        file.bytes = n;
        s = n ? WriteFile(file.path, gz.data(), n) : Status::Internal("gzip compression failed");
      } else {
        file.bytes = json.size();
        s = WriteFile(file.path, json.data(), json.size());
      }
      if (!s.ok()) {
        std::lock_guard<std::mutex> lock(error_mu);
        if (first_error.ok()) first_error = s;
        next = plan.size();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::max(1u, opts.threads); ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  ST_RETURN_IF_ERROR(first_error);
  if (opts.layout == Layout::kSnapshot) ST_RETURN_IF_ERROR(WriteManifest(opts, world, plan, files));

  CorpusSummary summary;
  summary.authors = world.people.size();
  summary.works = world.num_works();
  for (const auto& f : files) summary.bytes += f.bytes, summary.json_bytes += f.json_bytes;
  summary.files = std::move(files);
  return summary;
}

Result<CorpusSummary> GenerateCorpus(const CorpusOptions& options) {
  if (options.world.authors == 0) return Status::InvalidInput("--authors must be at least 1");
  World world = BuildWorld(options.world);
  return WriteCorpus(world, options);
}

}  // namespace st::demo

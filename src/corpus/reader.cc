#include "corpus/reader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "corpus/arxiv_reader.h"
#include "corpus/json_fields.h"
#include "corpus/openalex_reader.h"
#include "corpus/paperlist_reader.h"
#include "corpus/read_context.h"
#include "corpus/s2_reader.h"
#include "corpus/scholarly_reader.h"

namespace st::corpus {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Strips a compression suffix: "x.jsonl.gz" → "x.jsonl".
std::string_view StemName(std::string_view name) {
  return EndsWith(name, ".gz") ? name.substr(0, name.size() - 3) : name;
}

bool IsSnapshotPart(const fs::path& p) {
  std::string name = p.filename().string();
  std::string parent = p.parent_path().filename().string();
  return name.rfind("part_", 0) == 0 && parent.rfind("updated_date=", 0) == 0;
}

// Files a directory walk picks up as inputs.
bool LooksLikeInput(const fs::path& p) {
  std::string name = p.filename().string();
  if (name.empty() || name[0] == '.') return false;
  if (IsSnapshotPart(p)) return true;
  std::string_view stem = StemName(name);
  return EndsWith(stem, ".jsonl") || EndsWith(stem, ".ndjson") || EndsWith(stem, ".json");
}

// Expected records and sizes from an OpenAlex snapshot manifest, keyed by
// the path of each part relative to the manifest's folder.
struct ManifestEntry {
  int64_t records = -1;
  int64_t content_length = -1;
};

Result<std::map<std::string, ManifestEntry>> ReadManifest(const fs::path& manifest) {
  simdjson::padded_string text;
  if (auto e = simdjson::padded_string::load(manifest.string()).get(text))
    return Status::IoError(manifest.string() + ": cannot read manifest: " + simdjson::error_message(e));
  simdjson::ondemand::parser parser;
  std::map<std::string, ManifestEntry> out;
  auto bad = [&](std::string_view what) {
    return Status::InvalidInput(manifest.string() + ": bad manifest: " + std::string(what));
  };
  simdjson::ondemand::document doc;
  if (parser.iterate(text).get(doc)) return bad("not JSON");
  simdjson::ondemand::array entries;
  if (doc["entries"].get_array().get(entries)) return bad("no 'entries' array");
  for (auto er : entries) {
    simdjson::ondemand::object entry;
    if (er.get_object().get(entry)) return bad("entry is not an object");
    std::string_view url;
    if (entry["url"].get_string().get(url)) return bad("entry without 'url'");
    std::string url_copy(url);
    ManifestEntry me;
    simdjson::ondemand::object meta;
    if (!entry["meta"].get_object().get(meta)) {
      int64_t v;
      if (!meta.find_field_unordered("record_count").get_int64().get(v)) me.records = v;
      if (!meta.find_field_unordered("content_length").get_int64().get(v)) me.content_length = v;
    }
    size_t at = url_copy.rfind("/updated_date=");
    if (at == std::string::npos) return bad("url without updated_date=: " + url_copy);
    out[url_copy.substr(at + 1)] = me;
  }
  return out;
}

Status AddDirectory(const fs::path& dir, std::vector<InputFile>* out) {
  std::error_code ec;
  std::vector<fs::path> files;
  std::vector<fs::path> manifests;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    if (it->is_directory()) {
      // A snapshot root holds every entity type; only works are works.
      std::string parent = p.parent_path().filename().string();
      std::string name = p.filename().string();
      if (parent == "data" && name != "works" && fs::is_directory(p.parent_path() / "works"))
        it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    if (p.filename() == "manifest") manifests.push_back(p);
    else if (LooksLikeInput(p)) files.push_back(p);
  }
  if (ec) return Status::IoError(dir.string() + ": cannot list: " + ec.message());
  std::map<std::string, std::pair<ManifestEntry, std::string>> expected;  // abs path → entry
  for (const fs::path& m : manifests) {
    ST_ASSIGN_OR_RETURN(auto entries, ReadManifest(m));
    for (const auto& [rel, entry] : entries) {
      fs::path part = m.parent_path() / rel;
      std::error_code sec;
      uint64_t size = fs::file_size(part, sec);
      if (sec)
        return Status::InvalidInput(m.string() + ": lists " + rel + " but " + part.string() + " is missing");
      if (entry.content_length >= 0 && static_cast<uint64_t>(entry.content_length) != size)
        return Status::Corruption(m.string() + ": " + rel + " should be " +
                                  std::to_string(entry.content_length) + " bytes but is " +
                                  std::to_string(size) + " (incomplete download?)");
      expected[fs::weakly_canonical(part).string()] = {entry, m.string()};
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    InputFile f;
    f.path = p.string();
    if (IsSnapshotPart(p)) {
      f.format = Format::kOpenAlexJsonl;
    } else {
      ST_ASSIGN_OR_RETURN(f.format, DetectFormat(f.path));
    }
    std::error_code sec;
    f.size_bytes = fs::file_size(p, sec);
    auto it = expected.find(fs::weakly_canonical(p).string());
    if (it != expected.end()) {
      f.expected_records = it->second.first.records;
      f.manifest = it->second.second;
    }
    out->push_back(std::move(f));
  }
  return Status::Ok();
}

Status Dispatch(ReadContext& ctx, Format format) {
  switch (format) {
    case Format::kOpenAlexJsonl: {
      OpenAlexParser parser;
      return ReadJsonLines(ctx, parser);
    }
    case Format::kArxivJsonl: {
      ArxivParser parser;
      return ReadJsonLines(ctx, parser);
    }
    case Format::kS2PapersJsonl: {
      S2PaperParser parser;
      return ReadJsonLines(ctx, parser);
    }
    case Format::kOpenAlexApiPage:
      return ReadOpenAlexDocument(ctx);
    case Format::kPaperList: {
      ST_ASSIGN_OR_RETURN(VenueYear venue, VenueYearFromPath(ctx.file));
      return ReadPaperList(ctx, venue);
    }
    case Format::kScholarlyJson:
      return ReadScholarly(ctx);
  }
  return Status::Internal("unknown format");
}

InputStreamOptions StreamOptions(const ReadOptions& options) {
  InputStreamOptions so;
  so.max_gzip_ratio = options.max_gzip_ratio;
  so.bomb_floor_bytes = options.gzip_ratio_floor;
  return so;
}

}  // namespace

std::string ReadError::ToString() const {
  std::string out = file;
  if (line > 0) {
    out.push_back(':');
    out.append(std::to_string(line));
  }
  out.append(": ");
  out.append(message);
  return out;
}

CitationSource FormatCitationSource(Format format) {
  switch (format) {
    case Format::kOpenAlexJsonl:
    case Format::kOpenAlexApiPage: return CitationSource::kOpenAlex;
    case Format::kPaperList: return CitationSource::kGoogleScholar;  // Paper Copilot's gs_citation
    case Format::kS2PapersJsonl: return CitationSource::kSemanticScholar;
    case Format::kScholarlyJson: return CitationSource::kGoogleScholar;
    case Format::kArxivJsonl: break;  // arXiv counts nothing
  }
  return CitationSource::kNone;
}

const char* FormatName(Format format) {
  switch (format) {
    case Format::kOpenAlexJsonl: return "openalex-jsonl";
    case Format::kOpenAlexApiPage: return "openalex-api";
    case Format::kPaperList: return "paper-list";
    case Format::kArxivJsonl: return "arxiv-jsonl";
    case Format::kS2PapersJsonl: return "s2-papers";
    case Format::kScholarlyJson: return "scholarly";
  }
  return "unknown";
}

Result<Format> DetectFormat(const std::string& path) {
  std::string_view name = path;
  name = name.substr(name.find_last_of('/') + 1);
  if (IsSnapshotPart(fs::path(path))) return Format::kOpenAlexJsonl;
  ST_ASSIGN_OR_RETURN(auto stream, InputStream::OpenFile(path, InputStreamOptions()));
  constexpr size_t kSample = 64u << 10;
  std::string sample;
  if (const InputStream::Mapped mapped = stream->mapped(); !mapped.bytes.empty()) {
    // A plain file is mapped: its head is read in place (Read() would copy a
    // whole 1 MB chunk first, per input, before any thread starts).
    sample.assign(mapped.bytes.substr(0, kSample));
  } else {
    sample.resize(kSample);
    size_t got = 0;
    while (got < sample.size()) {
      ST_ASSIGN_OR_RETURN(size_t n, stream->Read(sample.data() + got, sample.size() - got));
      if (n == 0) break;
      got += n;
    }
    sample.resize(got);
  }
  size_t first = sample.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return Status::InvalidInput(path + ": no JSON content");
  if (sample[first] == '[') return Format::kPaperList;
  if (sample[first] != '{')
    return Status::InvalidInput(path + ": not JSON (expected '{' or '[' at the start)");
  if (LooksLikeScholarly(name, std::string_view(sample).substr(first))) return Format::kScholarlyJson;
  // API pages start with {"meta": or {"results":.
  size_t key = sample.find_first_not_of(" \t\r\n", first + 1);
  std::string_view head = key == std::string::npos ? std::string_view() : std::string_view(sample).substr(key);
  if (head.starts_with("\"meta\"") || head.starts_with("\"results\""))
    return Format::kOpenAlexApiPage;
  std::string_view line(sample);
  line = line.substr(first, line.find('\n', first) - first);
  bool arxiv = line.find("\"authors_parsed\"") != std::string_view::npos ||
               line.find("\"submitter\"") != std::string_view::npos;
  std::string_view stem = StemName(name);
  size_t last = line.find_last_not_of(" \t\r");
  bool one_object_per_line = last != std::string_view::npos && line[last] == '}';
  if (arxiv) return Format::kArxivJsonl;
  // S2AG datasets other than papers are one clear error, not one per line.
  if (std::string_view s2 = S2DatasetOf(line); !s2.empty()) {
    if (s2 == "papers") return Format::kS2PapersJsonl;
    return Status::InvalidInput(path + ": Semantic Scholar '" + std::string(s2) +
                                "' dataset is not read; pass the 'papers' files");
  }
  if (EndsWith(stem, ".jsonl") || EndsWith(stem, ".ndjson") || one_object_per_line)
    return Format::kOpenAlexJsonl;
  // A pretty-printed object: a work saved from the API.
  return Format::kOpenAlexApiPage;
}

Result<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& paths) {
  std::vector<InputFile> out;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return Status::NotFound(path + ": no such file or directory");
    if (fs::is_directory(st)) {
      size_t before = out.size();
      ST_RETURN_IF_ERROR(AddDirectory(path, &out));
      if (out.size() == before) return Status::InvalidInput(path + ": directory holds no input files");
      continue;
    }
    InputFile f;
    f.path = path;
    ST_ASSIGN_OR_RETURN(f.format, DetectFormat(path));
    f.size_bytes = fs::file_size(path, ec);
    out.push_back(std::move(f));
  }
  return out;
}

Result<FileStats> ReadFile(const InputFile& file, const ReadOptions& options,
                           const RecordSink& on_record, const ErrorSink& on_error,
                           const ProgressSink& on_progress) {
  ST_ASSIGN_OR_RETURN(auto stream, InputStream::OpenFile(file.path, StreamOptions(options)));
  ReadContext ctx;
  ctx.file = file.path;
  ctx.options = &options;
  ctx.on_record = &on_record;
  ctx.on_error = &on_error;
  ctx.on_progress = &on_progress;
  ctx.stream = stream.get();
  ctx.citation_source = FormatCitationSource(file.format);
  ctx.citations_as_of = CitationDateOfPath(file.path);
  if (file.size_bytes > 0) ctx.size_hint = stream->is_gzip() ? file.size_bytes * 8 : file.size_bytes + 1;
  ST_RETURN_IF_ERROR(Dispatch(ctx, file.format));
  ctx.stats.bytes = stream->raw_bytes_read();
  if (file.expected_records >= 0 && ctx.units != static_cast<uint64_t>(file.expected_records))
    return Status::Corruption(file.manifest + ": record_count for " + file.path + " is " +
                              std::to_string(file.expected_records) + " but the file holds " +
                              std::to_string(ctx.units) + " records");
  if (on_progress) on_progress(ctx.stats.bytes, ctx.stats.records);
  return ctx.stats;
}

Result<FileStats> ReadBuffer(Format format, std::string_view bytes, const std::string& name,
                             const ReadOptions& options, const RecordSink& on_record,
                             const ErrorSink& on_error) {
  ST_ASSIGN_OR_RETURN(auto stream, InputStream::FromMemory(bytes, name, StreamOptions(options)));
  ProgressSink no_progress;
  ReadContext ctx;
  ctx.file = name;
  ctx.options = &options;
  ctx.on_record = &on_record;
  ctx.on_error = &on_error;
  ctx.on_progress = &no_progress;
  ctx.stream = stream.get();
  ctx.citation_source = FormatCitationSource(format);
  ctx.citations_as_of = CitationDateOfPath(name);
  // gzip text expands ~4-8x; the buffer still grows for longer lines.
  ctx.size_hint = stream->is_gzip() ? bytes.size() * 8 : bytes.size() + 1;
  ST_RETURN_IF_ERROR(Dispatch(ctx, format));
  ctx.stats.bytes = bytes.size();
  return ctx.stats;
}

}  // namespace st::corpus

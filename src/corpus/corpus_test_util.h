// Test helpers for the corpus tests: gzip via zlib (independent of the
// ISA-L reader under test), files in temp dirs, and collecting records.
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "corpus/reader.h"

namespace st::corpus::testing {

inline std::string Gzip(const std::string& data, int level = 6) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// Whole content of a (possibly gzipped) file, decompressed by zlib.
inline std::string Gunzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("gzopen " + path);
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, n);
  gzclose(f);
  return out;
}

inline void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary);
  f.write(data.data(), static_cast<std::streamsize>(data.size()));
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

struct Collected {
  std::vector<WorkRecord> records;
  std::vector<ReadError> errors;
  Status status;
  FileStats stats;
};

inline Collected ReadAll(const InputFile& file, const ReadOptions& options = {}) {
  Collected c;
  auto r = ReadFile(
      file, options, [&](const WorkRecord& w) { c.records.push_back(w); },
      [&](const ReadError& e) {
        c.errors.push_back(e);
        return true;
      });
  if (r.ok()) c.stats = *r;
  c.status = r.status();
  return c;
}

inline Collected ReadPath(const std::string& path, const ReadOptions& options = {}) {
  auto inputs = ExpandInputs({path});
  if (!inputs.ok()) {
    Collected c;
    c.status = inputs.status();
    return c;
  }
  Collected all;
  for (const InputFile& f : *inputs) {
    Collected c = ReadAll(f, options);
    all.records.insert(all.records.end(), c.records.begin(), c.records.end());
    all.errors.insert(all.errors.end(), c.errors.begin(), c.errors.end());
    all.stats.records += c.stats.records;
    all.stats.errors += c.stats.errors;
    all.stats.skipped += c.stats.skipped;
    if (!c.status.ok() && all.status.ok()) all.status = c.status;
  }
  return all;
}

// What the citations projection keeps (id, cited_by_count, counts_by_year,
// author ids and positions) is the same in the lean and the full record.
inline void ExpectSameCitationFields(const WorkRecord& lean, const WorkRecord& full) {
  EXPECT_EQ(lean.id, full.id);
  EXPECT_EQ(lean.cited_by_count, full.cited_by_count);
  ASSERT_EQ(lean.counts_by_year.size(), full.counts_by_year.size());
  for (size_t k = 0; k < full.counts_by_year.size(); ++k) {
    EXPECT_EQ(lean.counts_by_year[k].year, full.counts_by_year[k].year);
    EXPECT_EQ(lean.counts_by_year[k].count, full.counts_by_year[k].count);
  }
  ASSERT_EQ(lean.authors.size(), full.authors.size());
  for (size_t k = 0; k < full.authors.size(); ++k) {
    EXPECT_EQ(lean.authors[k].openalex_id, full.authors[k].openalex_id);
    EXPECT_EQ(lean.authors[k].position, full.authors[k].position);
  }
}

}  // namespace st::corpus::testing

// The peer for the ingest benchmark: DuckDB (npm @duckdb/node-api) computing
// per-author citation sums, h-index and recent citations in one query over the
// same OpenAlex-format files, 2 threads, read_ndjson with explicit columns.
// usage: node duckdb_ingest.mjs RECENT_FROM_YEAR FILE...
// Prints one JSON line: {"seconds":…, "authors":…, "citations":…, "h_sum":…, "recent":…}
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tools/package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [recentFrom, ...files] = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node duckdb_ingest.mjs RECENT_FROM_YEAR FILE...');
  process.exit(2);
}
const list = '[' + files.map((f) => `'${f.replaceAll("'", "''")}'`).join(',') + ']';
const sql = `
WITH w AS (
  SELECT cited_by_count AS c,
         coalesce(list_sum(list_transform(list_filter(counts_by_year, x -> x.year >= ${Number(recentFrom)}),
                                          x -> x.cited_by_count)), 0) AS r,
         authorships
  FROM read_ndjson(${list}, columns = {
    id: 'VARCHAR', cited_by_count: 'BIGINT',
    counts_by_year: 'STRUCT(year INTEGER, cited_by_count BIGINT)[]',
    authorships: 'STRUCT(author STRUCT(id VARCHAR))[]'}, maximum_object_size = 67108864)
), a AS (
  SELECT unnest(authorships).author.id AS author, c, r FROM w
), ranked AS (
  SELECT author, c, r, row_number() OVER (PARTITION BY author ORDER BY c DESC) AS rn FROM a
), per_author AS (
  SELECT author, sum(c) AS cites, sum(r) AS recent, count(*) FILTER (WHERE c >= rn) AS h
  FROM ranked GROUP BY author
)
SELECT count(*)::BIGINT, sum(cites)::BIGINT, sum(h)::BIGINT, sum(recent)::BIGINT FROM per_author`;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();  // whole process: DuckDB's worker threads included
const reader = await connection.runAndReadAll(sql);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const [authors, citations, hSum, recent] = reader.getRows()[0].map(Number);
console.log(JSON.stringify({ seconds, cpu_s: (cpu.user + cpu.system) / 1e6, authors, citations, h_sum: hSum, recent }));

#!/usr/bin/python3
"""Turns wrk --latency output into one summary line and one JSON line.

usage: wrk_report.py BENCH BACKEND WRK_OUTPUT [NOTES_BEFORE NOTES_AFTER]
With the note counts (mixed run) it also checks that every write wrk saw
acknowledged (201) exists afterwards: lost = acknowledged - (after - before).
"""
import json
import re
import sys


def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def main():
    bench, backend, path = sys.argv[1:4]
    text = open(path).read()
    out = {"bench": bench, "backend": backend}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    out["req_per_s"] = float(m.group(1)) if m else 0.0
    m = re.search(r"\s99%\s+([\d.]+)(us|ms|s|m)\b", text)
    out["p99_ms"] = round(ms(*m.groups()), 3) if m else None
    m = re.search(r"\s50%\s+([\d.]+)(us|ms|s|m)\b", text)
    out["p50_ms"] = round(ms(*m.groups()), 3) if m else None
    m = re.search(r"(\d+) requests in", text)
    out["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    out["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["non_2xx"] = int(m.group(1)) if m else 0
    if len(sys.argv) > 5:
        m = re.search(r"MIXED created=(\d+) http_errors=(\d+)", text)
        created = int(m.group(1)) if m else -1
        stored = int(sys.argv[5]) - int(sys.argv[4])
        out.update({"writes_acknowledged": created, "writes_stored": stored, "lost": created - stored})
    goal = out["req_per_s"] >= 10000 and (out["p99_ms"] or 1e9) < 10 and out["socket_errors"] == 0 \
        and out["non_2xx"] == 0
    print(f"{bench} {backend}: {out['req_per_s']:.0f} req/s, p50 {out['p50_ms']} ms, p99 {out['p99_ms']} ms, "
          f"socket errors {out['socket_errors']}, non-2xx {out['non_2xx']}"
          + (f", writes acknowledged {out['writes_acknowledged']} stored {out['writes_stored']} lost {out['lost']}"
             if "lost" in out else "")
          + ("" if bench != "api_read" else ("  [goal met]" if goal else "  [goal: >=10000 req/s, p99 < 10 ms, 0 errors]")),
          file=sys.stderr)
    print(json.dumps(out))


if __name__ == "__main__":
    main()

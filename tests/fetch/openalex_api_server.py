#!/usr/bin/python3
"""A local stand-in for api.openalex.org/works, for the fetch tests.

Serves real OpenAlex work records (a snapshot part, gzipped JSON Lines) in the
API's documented list envelope: {"meta": {"count", "db_response_time_ms",
"page", "per_page", "next_cursor", "groups_count"}, "results": [...],
"group_by": []}, with cursor paging (cursor=* starts; next_cursor is null once
a page comes back empty) and the filters the client sends (topics.subfield.id,
topics.field.id, topics.id, concepts.id, from_publication_date; OR with |,
AND with ,). Unknown filters and bad per-page/cursor values get a 400 with the
API's {"error", "message"} body.

Faults are injected per page (1-based), consumed in order, one per request for
that page:  --fault 2:429 --fault 2:429 --fault 3:500 --fault 4:drop
  429   Too Many Requests with Retry-After: 0
  500   Internal Server Error (HTML body, like a proxy)
  503   Service Unavailable
  drop  headers with the full Content-Length, half the body, then the connection closes

Every request is appended to --log as a JSON line {"path", "params", "page", "status"}.
The listening port is written to --port-file once the server accepts connections.
"""
import argparse
import base64
import gzip
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def short(url):
    return url.rstrip("/").rsplit("/", 1)[-1] if url else ""


def matches(work, key, values):
    topics = work.get("topics") or []
    if key == "topics.subfield.id":
        return any(short((t.get("subfield") or {}).get("id")) in values for t in topics)
    if key == "topics.field.id":
        return any(short((t.get("field") or {}).get("id")) in values for t in topics)
    if key == "topics.id":
        return any(short(t.get("id")) in values for t in topics)
    if key == "concepts.id":
        return any(short(c.get("id")) in values for c in work.get("concepts") or [])
    if key == "from_publication_date":
        return (work.get("publication_date") or "") >= next(iter(values))
    raise KeyError(key)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--fault", action="append", default=[])
    args = ap.parse_args()

    with gzip.open(args.records, "rt", encoding="utf-8") as f:
        works = [json.loads(line) for line in f if line.strip()]
    faults = {}
    for spec in args.fault:
        page, kind = spec.split(":")
        faults.setdefault(int(page), []).append(kind)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def reply(self, status, body, ctype="application/json", extra=None, drop=False):
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if drop:
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(data)

        def bad(self, message):
            return 400, json.dumps({"error": "Invalid query parameters error.", "message": message})

        def do_GET(self):
            url = urlsplit(self.path)
            params = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
            status, body, page, kind = self.answer(url.path, params)
            with lock:
                with open(args.log, "a") as log:
                    log.write(json.dumps({"path": url.path, "params": params, "page": page,
                                          "status": kind if kind == "drop" else int(kind) if kind else status}) + "\n")
            if kind == "429":
                self.reply(429, json.dumps({"error": "Too Many Requests"}), extra={"Retry-After": "0"})
            elif kind in ("500", "503"):
                self.reply(int(kind), "<html><body>upstream error</body></html>", ctype="text/html")
            else:
                self.reply(status, body, drop=kind == "drop")

        def answer(self, path, params):
            if path != "/works":
                return 404, json.dumps({"error": "not found"}), 0, None
            try:
                per_page = int(params.get("per-page", "25"))
            except ValueError:
                per_page = -1
            if not 1 <= per_page <= 200:
                return (*self.bad("per-page must be between 1 and 200"), 0, None)
            cursor = params.get("cursor")
            if cursor is None:
                return (*self.bad("this test server pages by cursor only"), 0, None)
            if cursor == "*":
                offset = 0
            else:
                try:
                    offset = int(base64.urlsafe_b64decode(cursor.encode()).decode().split(":")[1])
                except Exception:
                    return (*self.bad("invalid cursor"), 0, None)
            selected = works
            for clause in filter(None, params.get("filter", "").split(",")):
                key, _, value = clause.partition(":")
                values = set(value.split("|"))
                try:
                    selected = [w for w in selected if matches(w, key, values)]
                except KeyError:
                    return (*self.bad(f"{key} is not a valid field"), 0, None)
            page = offset // per_page + 1
            with lock:
                pending = faults.get(page) or []
                kind = pending.pop(0) if pending else None
            results = selected[offset: offset + per_page]
            next_cursor = (base64.urlsafe_b64encode(f"offset:{offset + per_page}".encode()).decode()
                           if results else None)
            envelope = {"meta": {"count": len(selected), "db_response_time_ms": 3, "page": None,
                                 "per_page": per_page, "next_cursor": next_cursor, "groups_count": None},
                        "results": results, "group_by": []}
            return 200, json.dumps(envelope), page, kind

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()

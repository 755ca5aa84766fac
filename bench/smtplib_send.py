#!/usr/bin/python3
"""The peer for outreach_bench send: Python's smtplib sends the same .eml files, STARTTLS + AUTH, one
connection per message (as our sender does). Prints one JSON line."""
import json
import os
import smtplib
import ssl
import sys
import time
from urllib.parse import urlparse

url, ca, folder = sys.argv[1], sys.argv[2], sys.argv[3]
u = urlparse(url)
files = sorted((f for f in os.listdir(folder) if f.endswith(".eml")), key=lambda f: int(f.split(".")[0]))
msgs = [open(os.path.join(folder, f), "rb").read() for f in files]
ctx = ssl.create_default_context(cafile=ca)
t0 = time.perf_counter()
ok = 0
for i, data in enumerate(msgs):
    with smtplib.SMTP(u.hostname, u.port) as s:
        s.starttls(context=ctx)
        s.login("ceo@lab.test", "ceo-mail-pw-1")
        s.sendmail("ceo@lab.test", ["bench%d@uni.test" % (i % 20)], data)
        ok += 1
secs = time.perf_counter() - t0
print(json.dumps({"messages": len(msgs), "accepted": ok, "seconds": round(secs, 3), "per_second": round(len(msgs) / secs, 1)}))

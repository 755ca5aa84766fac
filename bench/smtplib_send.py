#!/usr/bin/python3
"""The peer for outreach_bench send/outbox: Python's smtplib sends the same .eml files, STARTTLS + AUTH.
  smtplib_send.py URL CA DIR           one connection (STARTTLS + AUTH) for all messages, as our sender now does
  smtplib_send.py URL CA DIR --fresh   a new connection per message
Prints one JSON line."""
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
fresh = len(sys.argv) > 4 and sys.argv[4] == "--fresh"
t0 = time.perf_counter()
ok = 0


def session():
    s = smtplib.SMTP(u.hostname, u.port)
    s.starttls(context=ctx)
    s.login("ceo@lab.test", "ceo-mail-pw-1")
    return s


s = None
for i, data in enumerate(msgs):
    if s is None:
        s = session()
    s.sendmail("ceo@lab.test", ["bench%d@uni.test" % (i % 20)], data)
    ok += 1
    if fresh:
        s.quit()
        s = None
if s is not None:
    s.quit()
secs = time.perf_counter() - t0
print(json.dumps({"connection": "fresh" if fresh else "reused", "messages": len(msgs), "accepted": ok, "seconds": round(secs, 3), "per_second": round(len(msgs) / secs, 1)}))

#!/usr/bin/python3
"""Decodes one .eml with Python's email package (an independent reader of what we send) and prints JSON:
headers as a mail client shows them, the text and HTML parts, and per-line lengths."""
import email
import email.policy
import json
import sys

raw = open(sys.argv[1], "rb").read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
text = msg.get_body(preferencelist=("plain",))
html = msg.get_body(preferencelist=("html",))
# An invitation's text/calendar alternative (RFC 6047), read back with python3-icalendar.
calendar, calendar_method, ical = "", "", {}
for part in msg.walk():
    if part.get_content_type() == "text/calendar":
        calendar = part.get_content()
        calendar_method = part.get_param("method") or ""
        import icalendar
        cal = icalendar.Calendar.from_ical(calendar)
        ev = next(iter(cal.walk("VEVENT")))
        att = ev.get("ATTENDEE")
        ical = {"method": str(cal.get("METHOD")), "summary": str(ev.get("SUMMARY")), "sequence": int(ev.get("SEQUENCE")),
                "organizer": str(ev.get("ORGANIZER")), "attendees": [str(a) for a in (att if isinstance(att, list) else [att])],
                "status": str(ev.get("STATUS", "")), "tzid": str(ev["DTSTART"].params.get("TZID", "")),
                "vtimezones": len(cal.walk("VTIMEZONE"))}
to = msg["To"].addresses[0] if msg["To"] else None
frm = msg["From"].addresses[0] if msg["From"] else None
print(json.dumps({
    "subject": str(msg["Subject"]),
    "to_name": to.display_name if to else "",
    "to_addr": to.addr_spec if to else "",
    "from_name": frm.display_name if frm else "",
    "from_addr": frm.addr_spec if frm else "",
    "reply_to": str(msg["Reply-To"] or ""),
    "message_id": str(msg["Message-ID"] or ""),
    "in_reply_to": str(msg["In-Reply-To"] or ""),
    "date": str(msg["Date"] or ""),
    "mime_version": str(msg["MIME-Version"] or ""),
    "content_type": msg.get_content_type(),
    "text": text.get_content() if text else "",
    "html": html.get_content() if html else "",
    "defects": len(msg.defects),
    "max_line": max(len(l) for l in raw.split(b"\n")),
    "bcc": str(msg["Bcc"] or ""),
    "calendar": calendar,
    "calendar_method": calendar_method,
    "ical": ical,
}))

#!/usr/bin/python3
"""A throw-away SMTP submission server for the outreach tests (aiosmtpd from Debian).

STARTTLS required, AUTH (PLAIN/LOGIN) required after TLS, users from a file "address:password" per line.
Every accepted message is delivered into DIR/maildir/<recipient>/ — the Maildir the throw-away Dovecot
serves over IMAP — so a send can be read back and a reply can travel the same way.
Test hooks, by recipient local part:
  bounce*@…  550 5.1.1 at RCPT (unknown user)
  slow*@…    delivered, marker file DIR/data-received-<recipient> written, then the 250 waits 15 s (kill -9 window)
  tempfail*@…  451 4.3.0 after the data (not delivered)
Usage: smtp_server.py DIR   (writes the port to DIR/smtp.port when ready)
"""
import asyncio
import logging
import mailbox
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult

DIR = sys.argv[1]
logging.getLogger("mail.log").setLevel(logging.CRITICAL)


def load_users():
    users = {}
    with open(os.path.join(DIR, "users.txt")) as f:
        for line in f:
            line = line.strip()
            if line:
                addr, pw = line.split(":", 1)
                users[addr.encode()] = pw.encode()
    return users


USERS = load_users()


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = getattr(auth_data, "login", None) in USERS and USERS[auth_data.login] == auth_data.password
    return AuthResult(success=ok, handled=False)


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].lower().startswith("bounce"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if any(r.split("@")[0].lower().startswith("tempfail") for r in envelope.rcpt_tos):
            return "451 4.3.0 Temporary failure, try again later"
        for rcpt in envelope.rcpt_tos:
            box = mailbox.Maildir(os.path.join(DIR, "maildir", rcpt.lower()), create=True)
            box.add(data.replace(b"\r\n", b"\n"))
        with open(os.path.join(DIR, "deliveries.log"), "a") as log:
            log.write("%s %s\n" % (envelope.mail_from, " ".join(envelope.rcpt_tos)))
        if any(r.split("@")[0].lower().startswith("slow") for r in envelope.rcpt_tos):
            for rcpt in envelope.rcpt_tos:
                with open(os.path.join(DIR, "data-received-" + rcpt.lower()), "w") as marker:
                    marker.write("1")
            await asyncio.sleep(15)
        return "250 2.0.0 OK queued"


async def main():
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(os.path.join(DIR, "cert.pem"), os.path.join(DIR, "key.pem"))
    loop = asyncio.get_running_loop()

    def factory():
        return SMTP(Handler(), hostname="mail.lab.test", tls_context=ctx, require_starttls=True,
                    auth_required=True, auth_require_tls=True, authenticator=authenticator,
                    decode_data=False, enable_SMTPUTF8=True)

    server = await loop.create_server(factory, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    tmp = os.path.join(DIR, "smtp.port.tmp")
    with open(tmp, "w") as f:
        f.write(str(port))
    os.rename(tmp, os.path.join(DIR, "smtp.port"))
    async with server:
        await server.serve_forever()


asyncio.run(main())

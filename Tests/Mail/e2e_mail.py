"""End to end with the real binary and a real SMTP server (aiosmtpd on loopback):

1. `cpor seed` a database, `cpor tick --now <18 days later> --smtp` lapses the partner responses,
   queues their rejection e-mails and delivers them: they arrive with the right headers and both
   parts; a second tick at the same instant changes and sends nothing.
2. `cpor serve --demo --smtp` against a server answering 451: the worker keeps the message,
   records the error, and the reviewers' outbox page and `cpor outbox` show it; SIGTERM stops cleanly.

    python3 Tests/Mail/e2e_mail.py path/to/cpor
"""
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

CPOR = sys.argv[1]
# The lines of cpor read below are its English ones, whatever language this terminal speaks.
os.environ["CPOR_LOCALE"] = "en"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
checks = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    if condition:
        checks["passed"] += 1
    else:
        checks["failed"] += 1
        print(f"FAIL {name} {detail}")


def run(*args):
    return subprocess.run([CPOR, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.process = subprocess.Popen([sys.executable, os.path.join(HERE, "smtp_sink.py"), folder],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        assert line.startswith("ready "), line
        self.port = int(line.split()[1])

    def refuse(self, reply):
        with open(os.path.join(self.folder, "refuse"), "w") as f:
            f.write(reply)

    def messages(self):
        return [open(os.path.join(self.folder, n)).read() for n in sorted(os.listdir(self.folder)) if n.endswith(".eml")]

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


def main():
    work = tempfile.mkdtemp(prefix="cpor-mail-e2e-")
    try:
        sink = Sink(os.path.join(work, "received"))
        db = os.path.join(work, "cpor.sqlite")
        smtp = f"127.0.0.1:{sink.port}"
        seeded = run("seed", "--db", db, "--claims", "60", "--now", "2026-03-02T09:00:00Z")
        check("seed", seeded.returncode == 0, seeded.stderr)

        tick = run("tick", "--db", db, "--now", "2026-03-20T09:00:00Z", "--smtp", smtp)
        check("tick", tick.returncode == 0, tick.stdout + tick.stderr)
        lapsed = re.search(r"partner_response_lapsed (\d+)", tick.stdout)
        check("tick rejects claims for no partner response", lapsed and int(lapsed.group(1)) > 0, tick.stdout)
        sent = re.search(r"mail: (\d+) sent", tick.stdout)
        messages = sink.messages()
        check("tick delivers what it queued", sent and int(sent.group(1)) == len(messages) > 0, tick.stdout)
        rejection = next((m for m in messages if "was rejected" in m), "")
        check("rejection e-mail arrived", rejection != "", f"{len(messages)} messages")
        for header in ("From: Microsoft partner programme <no-reply@cpor.localhost>", "To: Ana Gil <", "Message-ID: <outbox-",
                       "Content-Type: multipart/alternative", "Content-Type: text/plain", "Content-Type: text/html",
                       "X-CPOR-Kind: rejection"):
            check(f"rejection has {header!r}", header in rejection)
        unfolded = rejection.replace("=\r\n", "").replace("=\n", "")
        check("rejection says why and until when to dispute", "No partner response" in unfolded and "dispute" in unfolded)

        again = run("tick", "--db", db, "--now", "2026-03-20T09:00:00Z", "--smtp", smtp)
        check("second tick changes nothing", "0 claims changed" in again.stdout and "mail: 0 sent" in again.stdout, again.stdout)
        check("second tick sends nothing", len(sink.messages()) == len(messages))

        # A server that answers 451: the e-mail waits, with the error visible to reviewers.
        # (Claims from an earlier year, so their e-mails are due by the server's own clock.)
        run("seed", "--db", db, "--claims", "60", "--now", "2025-01-06T09:00:00Z")
        queued = run("tick", "--db", db, "--now", "2025-01-24T09:00:00Z", "--no-mail")
        check("tick --no-mail queues only", queued.returncode == 0 and "mail:" not in queued.stdout, queued.stdout)
        sink.refuse("451 4.3.0 mailbox busy, try later")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        log = open(os.path.join(work, "serve.log"), "w")
        serve = subprocess.Popen([CPOR, "serve", "--demo", "--port", str(port), "--db", db, "--smtp", smtp],
                                 cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        pending = ""
        for _ in range(50):
            pending = run("outbox", "--db", db, "--limit", "50", "--smtp", smtp).stdout
            if "451" in pending:
                break
            time.sleep(0.2)
        check("cpor outbox shows the 451", "last error:" in pending and "451" in pending, pending[:500])
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        form = opener.open(base + "/login").read().decode()
        token = re.search(r'name="_csrf" value="([^"]+)"', form).group(1)
        opener.open(base + "/login", urllib.parse.urlencode(
            {"_csrf": token, "email": "reviewer@reviewers.example", "password": "demo-password"}).encode())
        page = opener.open(base + "/review/outbox").read().decode()
        check("the outbox page shows the waiting message and its error", "Waiting to be sent" in page and "451" in page)
        serve.terminate()
        code = serve.wait(timeout=15)
        log.close()
        check("serve stops cleanly on SIGTERM", code == 0 and "Stopped." in open(os.path.join(work, "serve.log")).read())
        sink.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"mail end-to-end: {checks['passed']} passed, {checks['failed']} failed")
    sys.exit(1 if checks["failed"] else 0)


if __name__ == "__main__":
    main()

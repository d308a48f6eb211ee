"""Kills `cpor serve` with SIGKILL in the middle of concurrent writes, restarts it, and checks that
nothing acknowledged was lost and nothing was left half done.

Each iteration: partners of both demo organizations file claims, upload PoE (some large enough to
be spooled to disk), comment and submit; a reviewer starts reviews, comments and approves. Every
write the server acknowledged (303 or 200) is journaled the moment its answer arrives. At a random
moment the server gets SIGKILL; it is restarted on the same data folder and then:

- `cpor check` is clean (integrity_check, foreign_key_check, every document's bytes against its
  SHA-256, schema, outbox); files with no row are counted, not failed: a crash between placing a
  file and committing its row leaves one, and `cpor check` reports it for an operator to judge;
- every acknowledged write is present and identical (claim name, document bytes' digest and name,
  comment text, submission, approval);
- e-mails are neither lost nor duplicated: each e-mail in a claim's history has its outbox row and
  no more, each delivered .eml file belongs to one outbox row, each row marked sent has its file;
- no upload spool file and no unfinished e-mail file is left.

Prints figures and exits non-zero on any violation. Usage: crash_test.py CPOR_BINARY [ITERATIONS]
"""
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import hashlib
import urllib.parse

CPOR = os.path.abspath(sys.argv[1])
# The lines of cpor read below are its English ones, whatever language this terminal speaks.
os.environ["CPOR_LOCALE"] = "en"
ITERATIONS = int(sys.argv[2]) if len(sys.argv) > 2 else 100
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Load"))
from cpor_client import Client, csrf, version  # noqa: E402


class Journal:
    """Acknowledged writes, appended as they are acknowledged."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = []
        self.submitted = []

    def add(self, **entry):
        with self.lock:
            self.entries.append(entry)
            if entry["kind"] == "submitted":
                self.submitted.append(entry["claim"])

    def take_submitted(self):
        with self.lock:
            return self.submitted.pop(0) if self.submitted else None


def partner(port, email, location, journal, stop, counter):
    client = Client(port, email)
    while not stop.is_set():
        n = next(counter)
        name = f"Crash claim {n} by {email}"
        form = [("_csrf", csrf(client.get("/claims/new"))), ("name", name), ("partner_location_id", location),
                ("customer_name", f"Customer {n}"), ("customer_domain", f"c{n}.example"),
                ("tenant_id", "%08x-0000-4000-8000-%012x" % (n, random.getrandbits(48))),
                ("solution_area", "microsoft_365"), ("products", "teams"), ("activity", "usage_deployment"),
                ("customer_contact_name", "Nora North"), ("customer_contact_title", "CIO"),
                ("customer_contact_email", f"nora@c{n}.example"), ("partner_contact_name", "Ivan Incentives"),
                ("partner_contact_email", "ivan@contoso.example")]
        status, location_header, _ = client.post_form("/claims/new", form)
        if status != 303:
            continue
        claim_path = location_header.split("?")[0]
        claim = claim_path.rsplit("/", 1)[1]
        journal.add(kind="claim", claim=claim, name=name)
        page = client.get(claim_path)
        # Mostly small files; now and then one past the 1 MiB spool threshold.
        size = random.choice([2000, 30000, 200000, 1500000]) if random.random() < 0.9 else 3000000
        data = b"%PDF-1.4\n%" + os.urandom(size)
        filename = f"poe-{n}.pdf"
        status, _, _ = client.post_multipart(claim_path + "/documents", [("_csrf", csrf(page)), ("version", version(page))],
                                            [("documents", filename, "application/pdf", data)])
        if status == 303:
            journal.add(kind="document", claim=claim, filename=filename, sha256=hashlib.sha256(data).hexdigest())
        page = client.get(claim_path)
        text = f"comment {n} {random.getrandbits(64):x}"
        status, _, _ = client.post_form(claim_path + "/comments", [("_csrf", csrf(page)), ("version", version(page)), ("text", text)])
        if status == 303:
            journal.add(kind="comment", claim=claim, text=text)
        page = client.get(claim_path)
        status, _, _ = client.post_form(claim_path + "/submit", [("_csrf", csrf(page)), ("version", version(page))])
        if status == 303:
            journal.add(kind="submitted", claim=claim)


def reviewer(port, journal, stop):
    client = Client(port, "reviewer@reviewers.example")
    while not stop.is_set():
        claim = journal.take_submitted()
        if claim is None:
            client.get("/review")
            time.sleep(0.05)
            continue
        path = "/review/" + claim
        page = client.get(path)
        status, _, _ = client.post_form(path + "/start", [("_csrf", csrf(page)), ("version", version(page))])
        if status != 303:
            continue
        journal.add(kind="started", claim=claim)
        page = client.get(path)
        text = f"review note {random.getrandbits(64):x}"
        status, _, _ = client.post_form(path + "/comment", [("_csrf", csrf(page)), ("comment", text)])
        if status == 303:
            journal.add(kind="comment", claim=claim, text=text)
        page = client.get(path)
        status, _, _ = client.post_form(path + "/approve", [("_csrf", csrf(page)), ("version", version(page)), ("confirmed", "yes")])
        if status == 303:
            journal.add(kind="approved", claim=claim)


def worker(target, *args):
    def run():
        try:
            target(*args)
        except Exception:
            pass  # the server was killed under it
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


class Server:
    def __init__(self, folder):
        self.folder = folder
        self.db = os.path.join(folder, "cpor.sqlite")
        self.log = open(os.path.join(folder, "out.log"), "a")
        self.process = None

    def start(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.process = subprocess.Popen([CPOR, "serve", "--demo", "--port", str(self.port), "--db", self.db],
                                        cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                connection.request("GET", "/readyz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("cpor did not start; see " + self.log.name)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def leftover_files(folder):
    """The upload spool files and unfinished e-mail files in the data folder."""
    spool = os.path.join(folder, "documents", ".incoming")
    mail = os.path.join(folder, "mail")
    found = [os.path.join(spool, n) for n in os.listdir(spool)] if os.path.isdir(spool) else []
    if os.path.isdir(mail):
        found += [os.path.join(mail, n) for n in os.listdir(mail) if n.startswith(".") and n.endswith(".tmp")]
    return found


def verify(server, journal, figures, leftovers):
    """Returns the violations found in the data folder the restarted server runs on."""
    violations = []
    folder = server.folder
    # Start-up cleared what the killed process left (the restarted server may already be writing
    # files of its own, so only the names found right after the kill count).
    still_there = [path for path in leftovers if os.path.exists(path)]
    if still_there:
        violations.append(f"files left by the killed process still there after restart: {still_there}")
    mail = os.path.join(folder, "mail")
    lines = open(server.log.name).readlines()
    # Only the lines this restart added: the same report can recur word for word.
    fresh, figures["log_lines_read"] = lines[figures["log_lines_read"]:], len(lines)
    for line in fresh:
        m = re.search(r"start-up: removed (\d+) upload spool file\(s\) \((\d+) bytes\) and (\d+) unfinished", line)
        if m:
            figures["spool_removed"] += int(m.group(1))
            figures["spool_bytes_removed"] += int(m.group(2))
            figures["mail_tmp_removed"] += int(m.group(3))

    check = subprocess.run([CPOR, "check", "--db", server.db], cwd=ROOT, capture_output=True, text=True)
    for line in check.stdout.splitlines():
        if line.startswith("FAIL") and not line.startswith("FAIL orphan files"):
            violations.append("cpor check: " + line)
        m = re.match(r"FAIL orphan files: (\d+)", line)
        if m:
            figures["orphans"] = int(m.group(1))
    if check.returncode not in (0, 1):
        violations.append(f"cpor check exited {check.returncode}: {check.stderr.strip()}")

    db = sqlite3.connect(f"file:{server.db}?mode=ro", uri=True, timeout=30)
    try:
        def number(claim):
            return int(claim.split("-")[1])
        names = dict(db.execute("SELECT number, name FROM claims"))
        documents = set(db.execute("SELECT claim_number, filename, sha256 FROM poe_documents"))
        comments = set(db.execute("SELECT claim_number, text FROM comments"))
        history = db.execute("SELECT claim_number, kind, entry FROM history").fetchall()
        states = dict(db.execute("SELECT number, state FROM claims"))
        with journal.lock:
            entries = list(journal.entries)
        for entry in entries:
            n = number(entry["claim"])
            kind = entry["kind"]
            if n not in names:
                violations.append(f"acknowledged {kind} on {entry['claim']}, but the claim is gone")
            elif kind == "claim" and names[n] != entry["name"]:
                violations.append(f"{entry['claim']} is named {names[n]!r}, not {entry['name']!r}")
            elif kind == "document" and (n, entry["filename"], entry["sha256"]) not in documents:
                violations.append(f"acknowledged upload {entry['filename']} on {entry['claim']} is missing")
            elif kind == "comment" and (n, entry["text"]) not in comments:
                violations.append(f"acknowledged comment on {entry['claim']} is missing")
            elif kind == "submitted" and states[n] == "draft":
                violations.append(f"acknowledged submission of {entry['claim']} is missing")
            elif kind == "started" and not any(h[0] == n and h[1] == "assignment" for h in history):
                violations.append(f"acknowledged review start on {entry['claim']} is missing")
            elif kind == "approved" and states[n] not in ("approved", "consent_denied", "closed", "associated"):
                if not any(h[0] == n and h[1] == "state_change" and "approved" in h[2] for h in history):
                    violations.append(f"acknowledged approval of {entry['claim']} is missing (state {states[n]})")
        figures["acknowledged"] = len(entries)
        figures["kinds"] = {}
        for entry in entries:
            figures["kinds"][entry["kind"]] = figures["kinds"].get(entry["kind"], 0) + 1

        # E-mails: each in a claim's history has exactly its outbox row (same transaction), by kind.
        emails_in_history = {}
        for claim, kind, entry in history:
            if kind == "email":
                key = (claim, email_kind(entry))
                emails_in_history[key] = emails_in_history.get(key, 0) + 1
        outbox_rows = db.execute("SELECT id, claim_number, kind, status FROM outbox").fetchall()
        in_outbox = {}
        for _, claim, kind, _ in outbox_rows:
            in_outbox[(claim, kind)] = in_outbox.get((claim, kind), 0) + 1
        if emails_in_history != in_outbox:
            diff = {k: (emails_in_history.get(k, 0), in_outbox.get(k, 0))
                    for k in set(emails_in_history) | set(in_outbox) if emails_in_history.get(k, 0) != in_outbox.get(k, 0)}
            violations.append(f"e-mails in history and outbox differ (claim, kind): (history, outbox) {diff}")
        files = [n for n in os.listdir(mail) if n.endswith(".eml") and not n.startswith(".")] if os.path.isdir(mail) else []
        per_row = {}
        for name in files:
            m = re.search(r"-outbox-(\d+)\.", name)
            if not m:
                violations.append(f"an .eml file not named after an outbox row: {name}")
                continue
            per_row[int(m.group(1))] = per_row.get(int(m.group(1)), 0) + 1
        rows = {row[0]: row[3] for row in outbox_rows}
        for row_id, count in per_row.items():
            if count > 1:
                violations.append(f"outbox message {row_id} was delivered {count} times")
            if row_id not in rows:
                violations.append(f"an .eml file for outbox message {row_id}, which has no row")
        for row_id, status in rows.items():
            if status == "sent" and row_id not in per_row:
                violations.append(f"outbox message {row_id} is marked sent but has no .eml file")
        figures["emails"] = len(outbox_rows)
        figures["claims"] = len(names)
        figures["documents"] = len(documents)
    finally:
        db.close()
    return violations


def email_kind(entry):
    try:
        value = json.loads(entry)
    except ValueError:
        return entry
    text = json.dumps(value, sort_keys=True)
    for kind in ("consent_request", "partner_action_required", "rejection", "approval", "dispute_decision", "deadline_reminder"):
        if kind in text:
            return kind
    return text


def counter_from(start):
    lock = threading.Lock()
    state = [start]

    def next_number():
        with lock:
            state[0] += 1
            return state[0]
    while True:
        yield next_number()


def main():
    folder = tempfile.mkdtemp(prefix="cpor-crash-")
    server = Server(folder)
    journal = Journal()
    figures = {"log_lines_read": 0, "spool_removed": 0, "spool_bytes_removed": 0, "mail_tmp_removed": 0,
               "orphans": 0, "acknowledged": 0, "leftovers_seen": 0, "emails": 0, "claims": 0, "documents": 0}
    counter = counter_from(0)
    lock = threading.Lock()

    def numbers():
        with lock:
            return next(counter)

    class Numbers:
        def __next__(self):
            return numbers()

    failures = 0
    started = time.time()
    server.start()
    try:
        for iteration in range(1, ITERATIONS + 1):
            stop = threading.Event()
            threads = [worker(partner, server.port, "incentives@contoso.example", "4100001", journal, stop, Numbers()),
                       worker(partner, server.port, "global@contoso.example", "4100002", journal, stop, Numbers()),
                       worker(partner, server.port, "incentives@fabrikam.example", "5200001", journal, stop, Numbers()),
                       worker(reviewer, server.port, journal, stop)]
            time.sleep(random.uniform(0.3, 2.5))
            server.kill()
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
            leftovers = leftover_files(server.folder)
            figures["leftovers_seen"] += len(leftovers)
            server.start()
            violations = verify(server, journal, figures, leftovers)
            if violations:
                failures += 1
                print(f"iteration {iteration}: {len(violations)} violation(s)", flush=True)
                for violation in violations[:20]:
                    print("  " + violation)
            elif iteration % 10 == 0 or iteration == ITERATIONS:
                print(f"iteration {iteration}: ok ({figures['acknowledged']} acknowledged writes, {figures['claims']} claims, "
                      f"{figures['documents']} documents, {figures['emails']} e-mails)", flush=True)
        server.stop()
    finally:
        if server.process and server.process.poll() is None:
            server.kill()
    print(f"crash-test: {ITERATIONS} SIGKILLs in {time.time() - started:.0f} s, {failures} with violations; "
          f"{figures['acknowledged']} acknowledged writes all checked {figures.get('kinds', {})}; "
          f"{figures['claims']} claims, {figures['documents']} documents, "
          f"{figures['emails']} e-mails; {figures['leftovers_seen']} spool/unfinished files found after the kills, start-up removed {figures['spool_removed']} spool files "
          f"({figures['spool_bytes_removed']} bytes) and {figures['mail_tmp_removed']} unfinished e-mails; "
          f"{figures['orphans']} orphan PoE files reported by cpor check")
    if failures == 0:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print("data folder kept for inspection: " + folder)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

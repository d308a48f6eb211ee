"""A mixed load on one `cpor serve` for a while, watching for errors, slow routes and leaks.

Partners of both demo organizations browse, search and sort their dashboards, export CSV, file
claims, upload PoE, comment and submit; reviewers browse and search the queue and start, comment
on, approve or reject what was submitted; the server sweeps timers every 5 s meanwhile. Every
report period (a minute, or a tenth of a short run) it prints the requests, errors and p99 per
route in that period, and the server's RSS (with its peak so far) and open file descriptors. At the end: errors must be
0, file descriptors back at the baseline once clients hang up, and (in runs of 5 minutes or
more) RSS within 10 % of its value after the first period.

The store starts with CLAIMS sample claims (`cpor seed`, 20,000 by default) besides the demo's, as
a deployment's would: SQLite's page caches (2 MiB per connection) then fill during the first
period, as they do in service, rather than all through the run as a demo store of a few dozen
claims grows. CLAIMS=0 starts from the demo store alone.

Usage: soak.py CPOR_BINARY [SECONDS] [CLAIMS]
"""
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import http.client

CPOR = os.path.abspath(sys.argv[1])
SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 600
CLAIMS = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Load"))
from cpor_client import Client, csrf, version  # noqa: E402


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.window = {}
        self.errors = []
        self.total = 0

    def record(self, route, status, seconds):
        with self.lock:
            self.window.setdefault(route, []).append(seconds)
            self.total += 1
            if status >= 400:
                self.errors.append(f"{route} answered {status}")

    def error(self, route, what):
        with self.lock:
            self.errors.append(f"{route}: {what}")

    def take_window(self):
        with self.lock:
            window, self.window = self.window, {}
            return window


class Timed:
    """A client whose every request is timed and counted under a route name."""

    def __init__(self, port, email, stats):
        self.stats = stats
        self.client = Client(port, email)

    def call(self, route, method, *args):
        started = time.monotonic()
        try:
            if method == "GET":
                status, location, body = self.client.request("GET", args[0])
            elif method == "FORM":
                status, location, body = self.client.post_form(*args)
            else:
                status, location, body = self.client.post_multipart(*args)
        except Exception as error:  # noqa: BLE001 - a dropped connection is an error to report
            self.stats.error(route, repr(error))
            return 0, "", ""
        self.stats.record(route, status, time.monotonic() - started)
        return status, location, body

    def get(self, route, path):
        return self.call(route, "GET", path)[2]


def partner(port, email, location, stats, stop, submitted):
    me = Timed(port, email, stats)
    n = 0
    while not stop.is_set():
        n += 1
        choice = random.random()
        if choice < 0.45:
            me.get("claims", random.choice(["/claims", "/claims?view=all", "/claims?sort=name", "/claims?state=submitted", "/claims?sort=deadline&desc=1"]))
            me.get("claims_search", "/claims?q=" + random.choice(["Northwind", "Soak", "teams", "zzz", "C-10"]))
        elif choice < 0.5:
            me.get("claims_export", "/claims/export.csv")
        else:
            name = f"Soak claim {email} {n}"
            form = [("_csrf", csrf(me.get("claim_new", "/claims/new"))), ("name", name), ("partner_location_id", location),
                    ("customer_name", f"Soak Customer {n}"), ("customer_domain", f"soak{n}.example"),
                    ("tenant_id", "%08x-1111-4000-8000-%012x" % (n, random.getrandbits(48))),
                    ("solution_area", "microsoft_365"), ("products", "teams"), ("activity", "usage_deployment"),
                    ("customer_contact_name", "Nora North"), ("customer_contact_title", "CIO"),
                    ("customer_contact_email", f"nora@soak{n}.example"), ("partner_contact_name", "Ivan Incentives"),
                    ("partner_contact_email", "ivan@contoso.example")]
            status, where, _ = me.call("claim_new", "FORM", "/claims/new", form)
            if status != 303:
                continue
            path = where.split("?")[0]
            page = me.get("claim", path)
            data = b"%PDF-1.4\n%" + os.urandom(random.choice([5000, 50000, 400000]))
            me.call("claim_documents", "MULTIPART", path + "/documents", [("_csrf", csrf(page)), ("version", version(page))],
                    [("documents", f"soak-{n}.pdf", "application/pdf", data)])
            page = me.get("claim", path)
            me.call("claim_comments", "FORM", path + "/comments",
                    [("_csrf", csrf(page)), ("version", version(page)), ("text", f"soak comment {n}")])
            page = me.get("claim", path)
            status, _, _ = me.call("claim_submit", "FORM", path + "/submit", [("_csrf", csrf(page)), ("version", version(page))])
            if status == 303:
                submitted.append(path.rsplit("/", 1)[1])
            me.get("claim_history", path + "/history")
        time.sleep(random.uniform(0, 0.05))


def reviewer(port, email, stats, stop, submitted):
    me = Timed(port, email, stats)
    while not stop.is_set():
        me.get("review_queue", random.choice(["/review", "/review?view=mine", "/review?view=overdue", "/review?q=Soak"]))
        try:
            claim = submitted.pop(0)
        except IndexError:
            time.sleep(0.05)
            continue
        path = "/review/" + claim
        page = me.get("review_claim", path)
        status, _, _ = me.call("review_start", "FORM", path + "/start", [("_csrf", csrf(page)), ("version", version(page))])
        if status != 303:
            continue
        page = me.get("review_claim", path)
        me.call("review_comment", "FORM", path + "/comment", [("_csrf", csrf(page)), ("comment", "looked at it")])
        page = me.get("review_claim", path)
        if random.random() < 0.7:
            me.call("review_approve", "FORM", path + "/approve",
                    [("_csrf", csrf(page)), ("version", version(page)), ("confirmed", "yes")])
        else:
            me.call("review_reject", "FORM", path + "/reject",
                    [("_csrf", csrf(page)), ("version", version(page)), ("rejection_reason", "insufficient_poe"),
                     ("comment", "The PoE is not signed."), ("confirmed", "yes")])


def status_kib(pid, field):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def rss_kib(pid):
    return status_kib(pid, "VmRSS")


def peak_rss_kib(pid):
    """The most RSS the process has had: a burst between two samples still shows."""
    return status_kib(pid, "VmHWM")


def fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def p99(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def main():
    folder = tempfile.mkdtemp(prefix="cpor-soak-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(os.path.join(folder, "out.log"), "w")
    if CLAIMS > 0:
        subprocess.run([CPOR, "seed", "--db", os.path.join(folder, "cpor.sqlite"), "--claims", str(CLAIMS)],
                       cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=True)
    server = subprocess.Popen([CPOR, "serve", "--demo", "--port", str(port), "--db", os.path.join(folder, "cpor.sqlite"),
                               "--timer-interval", "5"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.1)
    baseline_fds, baseline_rss = fds(server.pid), rss_kib(server.pid)
    print(f"soak: {SECONDS} s against pid {server.pid}; at start RSS {baseline_rss // 1024} MiB, {baseline_fds} fds", flush=True)

    stats, stop, submitted = Stats(), threading.Event(), []
    threads = [threading.Thread(target=partner, args=(port, "incentives@contoso.example", "4100001", stats, stop, submitted)),
               threading.Thread(target=partner, args=(port, "global@contoso.example", "4100002", stats, stop, submitted)),
               threading.Thread(target=partner, args=(port, "incentives@fabrikam.example", "5200001", stats, stop, submitted)),
               threading.Thread(target=reviewer, args=(port, "reviewer@reviewers.example", stats, stop, submitted)),
               threading.Thread(target=reviewer, args=(port, "reviewer2@reviewers.example", stats, stop, submitted))]
    for thread in threads:
        thread.start()
    period = 60 if SECONDS >= 300 else max(5, SECONDS // 10)
    started = time.monotonic()
    rss_after_warmup = None
    rss_samples = []
    while time.monotonic() - started < SECONDS:
        time.sleep(min(period, SECONDS - (time.monotonic() - started)))
        window = stats.take_window()
        rss, open_fds = rss_kib(server.pid), fds(server.pid)
        rss_samples.append(rss)
        if rss_after_warmup is None:
            rss_after_warmup = rss
        count = sum(len(v) for v in window.values())
        slowest = sorted(((p99(v), route) for route, v in window.items()), reverse=True)
        print(f"{time.monotonic() - started:6.0f} s: {count} requests, {len(stats.errors)} errors so far, RSS {rss // 1024} MiB "
              f"(peak {peak_rss_kib(server.pid) // 1024}), {open_fds} fds; p99 ms " + ", ".join(f"{route} {ms * 1000:.1f}" for ms, route in slowest), flush=True)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    # Clients have hung up; give the server a moment to see the connections close.
    time.sleep(2)
    final_fds, final_rss, peak_rss = fds(server.pid), rss_kib(server.pid), peak_rss_kib(server.pid)
    server.terminate()
    server.wait(timeout=60)
    log.close()

    failures = []
    if stats.errors:
        failures.append(f"{len(stats.errors)} errors, e.g. {stats.errors[:5]}")
    if final_fds > baseline_fds:
        failures.append(f"{final_fds} fds open after the load, {baseline_fds} before")
    growth = (max(rss_samples[1:]) - rss_after_warmup) / rss_after_warmup if len(rss_samples) > 1 else 0
    if SECONDS >= 300 and growth > 0.10:
        failures.append(f"RSS grew {growth:.0%} after warm-up")
    print(f"soak: {stats.total} requests in {SECONDS} s, {len(stats.errors)} errors; RSS {baseline_rss // 1024} MiB at start, "
          f"{rss_after_warmup // 1024} MiB after warm-up, {final_rss // 1024} MiB at the end ({growth:+.0%}), "
          f"{peak_rss // 1024} MiB at the most; "
          f"fds {baseline_fds} at start, {final_fds} at the end")
    for failure in failures:
        print("FAIL " + failure)
    if not failures:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print("data folder kept: " + folder)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

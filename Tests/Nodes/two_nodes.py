"""Two `cpor serve` nodes on one PostgreSQL database, behind nginx (round robin), with a real SMTP server.

    python3 two_nodes.py CPOR POSTGRES_URL

CPOR is a cpor built with the Postgres trait; POSTGRES_URL names a server and database the tests may use
(scripts/test starts a throw-away cluster). Each run works in a schema of its own, dropped at the end.
Checks, each printed as it passes:
  - a partner's write and the reviewer's next request land on different nodes, and the reviewer sees it;
  - one node is killed (SIGKILL) mid-journey and the journey completes through the other;
  - a timer sweep started on both nodes at once applies each timer once;
  - every e-mail is delivered once (Message-IDs at the SMTP server are unique and match the outbox);
  - a SQLite store moved with `cpor migrate-store` has every row and serves its claims and PoE, and
    `cpor check` passes it (and fails it once a PoE chunk is changed);
  - `cpor seed` puts the same claims in the same states into PostgreSQL as into SQLite.
Exits non-zero on the first failure.
"""
import http.client
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
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Load"))
from cpor_client import Client, csrf, version  # noqa: E402

CPOR = os.path.abspath(sys.argv[1])
BASE_URL = sys.argv[2]
PSQL = shutil.which("psql") or "/usr/bin/psql"
# Both stores are seeded for the same moment, so they hold the same claims.
SEED_NOW = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
passed = 0
passed_all = False


def check(name, condition, detail=""):
    global passed
    if not condition:
        print(f"two nodes: FAILED {name}: {detail}")
        raise SystemExit(1)
    passed += 1
    print(f"two nodes: ok {name}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_schema(url, schema):
    """The connection string, with the schema first in every connection's search path."""
    separator = "&" if "?" in url else "?"
    return url + separator + "options=" + urllib.parse.quote(f"-csearch_path={schema},public")


def psql(url, sql):
    result = subprocess.run([PSQL, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"psql failed: {result.stderr}")
    return result.stdout.strip()


class Node:
    def __init__(self, name, url, work, smtp_port, demo):
        self.name = name
        self.port = free_port()
        self.data = os.path.join(work, name)
        os.makedirs(self.data)
        self.log = open(os.path.join(work, name + ".log"), "w")
        arguments = [CPOR, "serve", "--port", str(self.port), "--db", url, "--data", self.data,
                     "--smtp", f"127.0.0.1:{smtp_port}", "--timer-interval", "3600", "--locale", "en"]
        if demo:
            arguments.append("--demo")
        self.process = subprocess.Popen(arguments, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"node {name} exited; see {self.log.name}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                connection.request("GET", "/readyz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"node {name} did not start; see {self.log.name}")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()


class Balancer:
    """nginx, round robin over the nodes, saying in X-Node which one answered."""

    def __init__(self, work, nodes):
        self.port = free_port()
        folder = os.path.join(work, "nginx")
        os.makedirs(folder)
        upstreams = "\n".join(f"        server 127.0.0.1:{n.port} max_fails=1 fail_timeout=30s;" for n in nodes)
        temp = "\n".join(f"    {kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # Run as root, nginx's workers would drop to another user, who cannot write its temporary
        # folders in this run's private folder.
        user = "user root;" if os.geteuid() == 0 else ""
        config = f"""
{user}
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
{temp}
    upstream cpor {{
{upstreams}
    }}
    server {{
        listen 127.0.0.1:{self.port};
        client_max_body_size 20m;
        location / {{
            proxy_pass http://cpor;
            proxy_set_header Host $http_host;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            add_header X-Node $upstream_addr always;
        }}
    }}
}}
"""
        path = os.path.join(folder, "nginx.conf")
        with open(path, "w") as f:
            f.write(config)
        self.process = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", path, "-e", f"{folder}/error.log"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        for _ in range(100):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not start; see " + folder)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Sink:
    """Tests/Mail/smtp_sink.py: aiosmtpd on loopback, each accepted message saved as a file."""

    def __init__(self, folder):
        self.folder = folder
        self.process = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests", "Mail", "smtp_sink.py"), folder],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        assert line.startswith("ready "), line
        self.port = int(line.split()[1])

    def messages(self):
        return [open(os.path.join(self.folder, n)).read() for n in sorted(os.listdir(self.folder)) if n.endswith(".eml")]

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


def new_claim(client, n):
    form = [("_csrf", csrf(client.get("/claims/new"))), ("name", f"Two-node claim {n}"), ("partner_location_id", "4100001"),
            ("customer_name", f"Customer {n}"), ("customer_domain", f"n{n}.example"),
            ("tenant_id", "%08x-0000-4000-8000-%012x" % (n, random.getrandbits(48))),
            ("solution_area", "microsoft_365"), ("products", "teams"), ("activity", "usage_deployment"),
            ("customer_contact_name", "Nora North"), ("customer_contact_title", "CIO"),
            ("customer_contact_email", f"nora@n{n}.example"), ("partner_contact_name", "Ivan Incentives"),
            ("partner_contact_email", "ivan@contoso.example")]
    status, location, page = client.post_form("/claims/new", form)
    check(f"claim {n} created", status == 303, f"{status} {page[:300]}")
    path = location.split("?")[0]
    page = client.get(path)
    data = b"%PDF-1.4\n%" + os.urandom(150_000)
    status, _, _ = client.post_multipart(path + "/documents", [("_csrf", csrf(page)), ("version", version(page))],
                                         [("documents", f"poe-{n}.pdf", "application/pdf", data)])
    check(f"claim {n} PoE uploaded", status == 303, status)
    page = client.get(path)
    status, _, _ = client.post_form(path + "/submit", [("_csrf", csrf(page)), ("version", version(page))])
    check(f"claim {n} submitted", status == 303, status)
    return path.rsplit("/", 1)[1], data


def migrated_store(work, sink_port):
    """A SQLite store moved with `cpor migrate-store` serves the same claims and PoE from PostgreSQL."""
    sqlite = os.path.join(work, "source", "cpor.sqlite")
    seeded = subprocess.run([CPOR, "seed", "--db", sqlite, "--claims", "500", "--now", SEED_NOW, "--locale", "en"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    check("a SQLite store seeded", seeded.returncode == 0, seeded.stdout + seeded.stderr)
    schema = f"moved_{random.getrandbits(48):x}"
    psql(BASE_URL, f"CREATE SCHEMA {schema}")
    url = with_schema(BASE_URL, schema)
    try:
        moved = subprocess.run([CPOR, "migrate-store", "--from", sqlite, "--to", url, "--data", os.path.join(work, "moved"),
                                "--locale", "en"], cwd=ROOT, capture_output=True, text=True, timeout=300)
        counts = re.findall(r"^(\w+): (\d+) rows in SQLite, (\d+) in PostgreSQL$", moved.stdout, re.M)
        check("migrate-store copies every table", moved.returncode == 0 and len(counts) >= 15
              and all(a == b for _, a, b in counts) and ("claims", "500", "500") in counts, moved.stdout + moved.stderr)
        again = subprocess.run([CPOR, "migrate-store", "--from", sqlite, "--to", url, "--locale", "en"], cwd=ROOT,
                               capture_output=True, text=True, timeout=300)
        check("migrate-store refuses a store that is not empty", again.returncode != 0 and "not empty" in again.stdout + again.stderr,
              again.stdout + again.stderr)
        node = Node("moved-node", url, work, sink_port, demo=False)
        try:
            partner = Client(node.port, "incentives@contoso.example")
            dashboard = partner.get("/claims?view=all")
            claim = re.search(r'href="/claims/(C-\d+)"', dashboard)
            check("the moved store's dashboard lists its claims", claim is not None, dashboard[:300])
            page = partner.get("/claims/" + claim.group(1))
            link = re.search(r'href="(/claims/' + claim.group(1) + r'/documents/[^"?]+)', page)
            status, _, body = partner.request("GET", link.group(1)) if link else (0, "", "")
            check("a moved PoE downloads whole", status == 200 and body.startswith("%PDF-1.4") and body.endswith("%%EOF\n"),
                  f"{status} {len(body)}")
        finally:
            node.stop()
        checked = cpor_check(url, os.path.join(work, "moved"))
        check("cpor check passes the moved store", checked.returncode == 0 and checked.stdout.rstrip().endswith("healthy"),
              checked.stdout + checked.stderr)
        psql(url, "UPDATE document_chunks SET bytes = overlay(bytes PLACING '\\x00'::bytea FROM 100 FOR 1) "
                  "WHERE chunk = 0 AND sha256 = (SELECT min(sha256) FROM documents)")
        checked = cpor_check(url, os.path.join(work, "moved"))
        check("cpor check fails the store once a PoE chunk is changed", checked.returncode == 1
              and re.search(r"^FAIL documents: .*\n\s+- C-\d+ document .*: file's bytes hash to ", checked.stdout, re.M),
              checked.stdout + checked.stderr)
    finally:
        psql(BASE_URL, f"DROP SCHEMA {schema} CASCADE")


def cpor_check(url, data):
    return subprocess.run([CPOR, "check", "--db", url, "--data", data, "--locale", "en"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def seeded_alike(work):
    """`cpor seed` with the same arguments puts the same claims in the same states into SQLite and PostgreSQL."""
    sqlite = os.path.join(work, "source", "cpor.sqlite")
    schema = f"seeded_{random.getrandbits(48):x}"
    psql(BASE_URL, f"CREATE SCHEMA {schema}")
    url = with_schema(BASE_URL, schema)
    try:
        seeded = subprocess.run([CPOR, "seed", "--db", url, "--data", os.path.join(work, "seeded"), "--claims", "500",
                                 "--now", SEED_NOW, "--locale", "en"], cwd=ROOT, capture_output=True, text=True, timeout=300)
        check("cpor seed fills a PostgreSQL store", seeded.returncode == 0
              and seeded.stdout.startswith("seeded 500 claims (C-1001…C-1500) in 2 organizations, 0 due at "),
              seeded.stdout + seeded.stderr)
        query = "SELECT number, state, name FROM claims ORDER BY number"
        with sqlite3.connect(sqlite) as db:
            in_sqlite = "\n".join("|".join(str(value) for value in row) for row in db.execute(query))
        check("the same claims in the same states as the SQLite seed", psql(url, query) == in_sqlite,
              f"{len(in_sqlite)} characters in SQLite")
        checked = cpor_check(url, os.path.join(work, "seeded"))
        check("cpor check passes the seeded store", checked.returncode == 0, checked.stdout + checked.stderr)
    finally:
        psql(BASE_URL, f"DROP SCHEMA {schema} CASCADE")


def main():
    work = tempfile.mkdtemp(prefix="cpor-two-nodes-")
    schema = f"nodes_{random.getrandbits(48):x}"
    psql(BASE_URL, f"CREATE SCHEMA {schema}")
    url = with_schema(BASE_URL, schema)
    sink = Sink(os.path.join(work, "received"))
    nodes, balancer = [], None
    try:
        # The first node migrates and seeds the demo; the second finds both done.
        nodes.append(Node("a", url, work, sink.port, demo=True))
        nodes.append(Node("b", url, work, sink.port, demo=True))
        balancer = Balancer(work, nodes)
        port = balancer.port

        partner = Client(port, "incentives@contoso.example")
        reviewer = Client(port, "reviewer@reviewers.example")
        claim, data = new_claim(partner, 1)
        written_on = partner.node
        # Round robin: at most a request or two until the reviewer's lands on the other node.
        for _ in range(4):
            status, _, page = reviewer.request("GET", "/review/" + claim)
            if reviewer.node != written_on:
                break
        check("the reviewer's request lands on the other node", reviewer.node != written_on and reviewer.node,
              f"{written_on} then {reviewer.node}")
        check("the other node sees the partner's write", status == 200 and "Submitted" in page and f"poe-1.pdf" in page,
              f"{status}")

        # The PoE uploaded through one node downloads byte for byte through each.
        link = re.search(r'href="(/claims/' + claim + r'/documents/[^"?]+)', partner.get("/claims/" + claim))
        check("the claim page links its PoE", link is not None)
        served_by = set()
        for _ in range(2):
            status, _, body = partner.request("GET", link.group(1))
            served_by.add(partner.node)
        raw = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        raw.request("GET", link.group(1), headers={"Cookie": "; ".join(f"{k}={v}" for k, v in partner.cookies.items())})
        response = raw.getresponse()
        check("PoE bytes are the same from every node", len(served_by) == 2 and response.read() == data,
              f"nodes {served_by}")

        # Kill a node in the middle of the review; the journey goes on through the other.
        path = "/review/" + claim
        page = reviewer.get(path)
        status, _, _ = reviewer.post_form(path + "/start", [("_csrf", csrf(page)), ("version", version(page))])
        check("review started", status == 303, status)
        nodes[0].kill()
        page = reviewer.get(path)
        status, _, _ = reviewer.post_form(path + "/comment", [("_csrf", csrf(page)), ("comment", "Checked the PoE.")])
        check("a comment after the kill", status == 303, status)
        page = reviewer.get(path)
        status, _, _ = reviewer.post_form(path + "/approve", [("_csrf", csrf(page)), ("version", version(page)),
                                                               ("confirmed", "yes")])
        check("the approval after the kill", status == 303, status)
        status, _, page = partner.request("GET", "/claims/" + claim)
        check("the partner's session survives its node", status == 200 and "Approved" in page, status)
        survivor = f"127.0.0.1:{nodes[1].port}"
        check("the surviving node answered", partner.node == survivor, partner.node)
        nodes[0] = Node("a2", url, work, sink.port, demo=False)

        # A sweep on both nodes at once: every timer applied once. A month on, every consent window
        # and partner deadline of the demo's claims has passed.
        later = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 400 * 86400))
        due = int(psql(url, "SELECT count(*) FROM claims WHERE next_timer_at IS NOT NULL"))
        history_before = int(psql(url, "SELECT coalesce(max(id), 0) FROM history"))
        results = []

        def tick(name):
            result = subprocess.run([CPOR, "tick", "--db", url, "--data", os.path.join(work, name), "--now", later,
                                     "--no-mail", "--locale", "en"], cwd=ROOT, capture_output=True, text=True, timeout=120)
            results.append(result)

        threads = [threading.Thread(target=tick, args=(n.data,)) for n in nodes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        check("both sweeps ran", all(r.returncode == 0 for r in results), [r.stdout + r.stderr for r in results])
        duplicates = psql(url, "SELECT count(*) FROM (SELECT claim_number, entry FROM history WHERE kind = 'timer' "
                               "GROUP BY claim_number, entry HAVING count(*) > 1) AS twice")
        applied = int(psql(url, f"SELECT count(DISTINCT claim_number) FROM history WHERE kind = 'timer' AND id > {history_before}"))
        changed = [int(re.search(r"(\d+) claims changed", r.stdout).group(1)) for r in results]
        check("each timer applied once", duplicates == "0" and due > 0 and applied > 0,
              f"{duplicates} duplicated, {due} due, {applied} claims with timers")
        check("the sweeps' counts add up", sum(changed) == applied,
              f"{changed} changed by the two sweeps, {applied} claims with new timer entries")
        print(f"two nodes: the sweeps changed {changed[0]} and {changed[1]} claims")

        # Both nodes deliver; each message goes out once.
        deadline = time.time() + 120
        while time.time() < deadline:
            pending = int(psql(url, "SELECT count(*) FROM outbox WHERE status = 'pending'"))
            if pending == 0:
                break
            # The nodes' workers deliver what is due now; the sweeps' e-mails are dated in the sweeps'
            # future, so ticks at that time deliver them, on both nodes' data folders at once.
            ticks = [subprocess.Popen([CPOR, "tick", "--db", url, "--data", node.data, "--now", later,
                                       "--smtp", f"127.0.0.1:{sink.port}", "--locale", "en"],
                                      cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for node in nodes]
            for process in ticks:
                process.wait(timeout=120)
            time.sleep(0.5)
        sent = int(psql(url, "SELECT count(*) FROM outbox WHERE status = 'sent'"))
        ids = [re.search(r"^Message-ID: (\S+)", m, re.M).group(1) for m in sink.messages()]
        check("every e-mail went out", pending == 0 and sent > 0, f"{pending} pending, {sent} sent: " + psql(
            url, "SELECT string_agg(id || ' ' || kind || ' attempts ' || attempts || ' due in ' || "
                 "(next_attempt_at - (extract(epoch FROM now()) * 1000)::bigint) || ' ms ' || coalesce(last_error, ''), '; ') "
                 "FROM outbox WHERE status = 'pending'"))
        check("each e-mail once", len(ids) == len(set(ids)) == sent, f"{len(ids)} received, {len(set(ids))} distinct, {sent} sent")
        migrated_store(work, sink.port)
        seeded_alike(work)
        global passed_all
        passed_all = True
    finally:
        if balancer:
            balancer.stop()
        for node in nodes:
            node.stop()
        sink.stop()
        try:
            psql(BASE_URL, f"DROP SCHEMA {schema} CASCADE")
        except Exception as error:
            print(f"two nodes: could not drop schema {schema}: {error}")
        if passed_all or not os.environ.get("CPOR_KEEP_FAILED"):
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"two nodes: kept {work}")
    print(f"two nodes: {passed} checks passed")


if __name__ == "__main__":
    main()

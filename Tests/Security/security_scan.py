"""Security checks against a real `cpor serve --demo`: headers and cookie flags on every kind of
page, and Debian's sqlmap against the parameters that reach SQL.

What it checks:
- every kind of page (anonymous, partner, global admin, reviewer, token pages, errors, CSV,
  documents, static files) sends the security headers: a Content-Security-Policy without
  script, `nosniff`, `X-Frame-Options: DENY`, a Referrer-Policy (`no-referrer` where a token is
  in the path), `Cache-Control: no-store` on pages; every cookie is `HttpOnly; SameSite=Lax;
  Path=/`, and behind TLS (`--secure-cookies`) also `Secure` with the `__Host-` prefix and HSTS;
- sqlmap (risk 1, level 1, one thread, a time limit per run, SQLite payloads) against the login
  form's e-mail (its CSRF token fetched from the form, each request from another loopback address
  so the login throttle does not turn every answer into a 429), the dashboard's search, filters,
  sort and cursor and the review queue's (signed in), and the claim forms (with their CSRF token).
  Any injection point sqlmap reports fails the run.

Usage: security_scan.py CPOR_BINARY [--quick]
  --quick: sqlmap with its boolean, error and UNION techniques only, no time-based or stacked
           queries (what scripts/test runs, in well under two minutes).
"""
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Load"))
from cpor_client import Client, csrf  # noqa: E402

CPOR = os.path.abspath(sys.argv[1])
QUICK = "--quick" in sys.argv[2:]
problems = []
checked = 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A demo `cpor serve` in a temporary data folder, stopped with SIGTERM."""

    def __init__(self, *flags):
        self.folder = tempfile.mkdtemp(prefix="cpor-security-")
        self.port = free_port()
        self.log = open(os.path.join(self.folder, "serve.log"), "w")
        self.process = subprocess.Popen(
            [CPOR, "serve", "--demo", "--port", str(self.port), "--db", os.path.join(self.folder, "cpor.sqlite"),
             "--templates", os.path.join(ROOT, "Templates"), "--public", os.path.join(ROOT, "Public"), *flags],
            stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                if raw(self.port, "GET", "/readyz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("cpor serve did not become ready")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def raw(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response.getheaders(), data.decode("utf-8", "replace")


def fresh(client):
    """`client` on a new connection: the server closes idle keep-alive connections, and a scan is a long wait."""
    if client.connection is not None:
        client.connection.close()
        client.connection = None
    return client


def expect(condition, what):
    global checked
    checked += 1
    if not condition:
        problems.append(what)


# -- headers and cookies ---------------------------------------------------------------------

def header(headers, name):
    return next((value for key, value in headers if key.lower() == name.lower()), None)


def check_headers(name, status, headers, page=True, token_in_path=False, secure=False):
    policy = header(headers, "Content-Security-Policy") or ""
    expect("script-src 'none'" in policy or "sandbox" in policy, f"{name}: Content-Security-Policy without script: {policy!r}")
    expect("frame-ancestors 'none'" in policy or "sandbox" in policy, f"{name}: frame-ancestors 'none'")
    expect("object-src 'none'" in policy or "default-src 'none'" in policy, f"{name}: object-src 'none'")
    expect(header(headers, "X-Content-Type-Options") == "nosniff", f"{name}: X-Content-Type-Options nosniff")
    expect(header(headers, "X-Frame-Options") == "DENY", f"{name}: X-Frame-Options DENY")
    referrer = header(headers, "Referrer-Policy")
    expect(referrer == ("no-referrer" if token_in_path else "same-origin") or (not token_in_path and referrer == "no-referrer"),
           f"{name}: Referrer-Policy {referrer!r}")
    if page:
        expect(header(headers, "Cache-Control") == "no-store", f"{name}: Cache-Control no-store")
    hsts = header(headers, "Strict-Transport-Security")
    expect(bool(hsts and hsts.startswith("max-age=")) if secure else hsts is None, f"{name}: Strict-Transport-Security {hsts!r}")
    expect(header(headers, "Server") is None or "/" not in header(headers, "Server"), f"{name}: no server version")
    for key, value in headers:
        if key.lower() != "set-cookie":
            continue
        flags = [part.strip() for part in value.split(";")]
        cookie = flags[0].split("=")[0]
        expect("HttpOnly" in flags, f"{name}: cookie {cookie} HttpOnly")
        expect("SameSite=Lax" in flags or "SameSite=Strict" in flags, f"{name}: cookie {cookie} SameSite")
        expect("Path=/" in flags and not any(f.lower().startswith("domain=") for f in flags), f"{name}: cookie {cookie} Path=/, no Domain")
        if secure and cookie != "cpor_lang":
            expect("Secure" in flags and cookie.startswith("__Host-"), f"{name}: cookie {cookie} Secure and __Host-")


def page_types(port):
    """(name, who, path, is_page, token_in_path) for every kind of page the demo has."""
    partner = Client(port, "global@contoso.example")
    dashboard = partner.get("/claims?view=all")
    claim = re.search(r'href="(/claims/C-\d+)"', dashboard).group(1)
    reviewer = Client(port, "reviewer@reviewers.example")
    outbox = reviewer.get("/review/outbox")
    consent = re.search(r'href="[^"]*(/consent/[A-Za-z0-9_-]{20,})"', outbox)
    queue = reviewer.get("/review")
    review = re.search(r'href="(/review/C-\d+)[^"]*"', queue).group(1)
    document = None
    for number in range(1001, 1040):
        page = fresh(partner).request("GET", f"/claims/C-{number}")[2]
        found = re.search(r'href="(/claims/C-\d+/documents/[^"?]+)"', page)
        if found:
            document = found.group(1)
            break
    status, _, _ = fresh(partner).post_form("/organization/users", [("_csrf", csrf(partner.get("/organization/users"))),
                                                              ("email", "scan@contoso.example"), ("name", "Scan"),
                                                              ("role", "billing_admin")])
    link = re.search(r'href="[^"]*(/password/[A-Za-z0-9_-]{20,})"', fresh(reviewer).get("/review/outbox"))
    types = [
        ("login", None, "/login", True, False), ("not found", None, "/no/such/page", True, False),
        ("login again (signed out)", None, "/claims", True, False), ("stylesheet", None, "/static/app.css", False, False),
        ("unknown consent link", None, "/consent/not-a-live-token-00000000000000000000", True, True),
        ("unknown password link", None, "/password/not-a-live-token-00000000000000000000", True, True),
        ("dashboard", partner, "/claims?q=a&sort=name&dir=asc", True, False), ("claim", partner, claim, True, False),
        ("claim history", partner, claim + "/history", True, False), ("claim form", partner, "/claims/new", True, False),
        ("CSV export", partner, "/claims/export.csv", False, False), ("users", partner, "/organization/users", True, False),
        ("audit", partner, "/organization/audit", True, False), ("account", partner, "/account", True, False),
        ("password change", partner, "/account/password", True, False),
        ("forbidden", partner, "/review", True, False), ("review queue", reviewer, "/review", True, False),
        ("review claim", reviewer, review, True, False), ("outbox", reviewer, "/review/outbox", True, False),
    ]
    if document:
        types += [("document", partner, document, False, False), ("document preview", reviewer, document + "?inline=1", False, False)]
    else:
        problems.append("no claim with a document in the demo")
    if consent:
        types.append(("consent page", None, consent.group(1), True, True))
    else:
        problems.append("no consent link in the demo outbox")
    if link and status == 303:
        types.append(("set-password page", None, link.group(1), True, True))
    else:
        problems.append("no set-password link after adding a user")
    return types


def check_every_page(port, secure=False):
    for name, who, path, page, token in page_types(port):
        if who is None:
            status, headers, _ = raw(port, "GET", path)
        else:
            # On a connection of its own, with the person's cookies, to see every header as sent.
            cookie = "; ".join(f"{k}={v}" for k, v in who.cookies.items())
            status, headers, _ = raw(port, "GET", path, {"Cookie": cookie})
        expect(status < 500, f"{name}: {path} answered {status}")
        check_headers(name, status, headers, page=page, token_in_path=token, secure=secure)
    # The cookies set at login and at logout.
    status, headers, body = raw(port, "GET", "/login")
    token = csrf(body)
    jar = "; ".join(v.split(";")[0] for k, v in headers if k.lower() == "set-cookie")
    status, headers, _ = raw(port, "POST", "/login", {"Cookie": jar, "Content-Type": "application/x-www-form-urlencoded"},
                             f"_csrf={token}&email=incentives%40contoso.example&password=demo-password")
    expect(status == 303 and any(k.lower() == "set-cookie" for k, _ in headers), "login sets the session cookie")
    check_headers("login answer", status, headers, secure=secure)


# -- sqlmap ----------------------------------------------------------------------------------

class Relay:
    """A loopback TCP relay that reaches the server from another 127.0.0.x address for each
    connection, so the login throttle (per client address) sees many clients, as it would."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.next = 0
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.next = self.next % 250 + 1
            server = socket.socket()
            server.bind((f"127.0.1.{self.next}", 0))
            server.connect(("127.0.0.1", self.upstream))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self.pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def pipe(source, target):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def sqlmap(name, url, output, seconds, extra):
    command = ["sqlmap", "-u", url, "--batch", "--dbms=SQLite", "--level=1", "--risk=1", "--threads=1",
               "--output-dir=" + output, "--flush-session", "--disable-coloring", "--timeout=10", "--retries=1"]
    if QUICK:
        command.append("--technique=BEU")
    started = time.monotonic()
    try:
        result = subprocess.run(command + extra, capture_output=True, text=True, timeout=seconds)
        out = result.stdout + result.stderr
    except subprocess.TimeoutExpired as error:
        out = (error.stdout or b"").decode("utf-8", "replace") if isinstance(error.stdout, bytes) else (error.stdout or "")
        out += f"\n[timed out after {seconds} s]"
    took = time.monotonic() - started
    found = re.findall(r"Parameter: .*|sqlmap identified the following injection point.*", out)
    expect(not found, f"sqlmap {name}: {found}")
    # A run that never reached the target proves nothing.
    expect("connection refused" not in out.lower() and "unable to connect" not in out.lower(), f"sqlmap {name}: could not connect")
    # Answers that would make the run meaningless: a refused CSRF token (403), the login throttle
    # (429), or a session gone (sent back to the login page).
    codes = re.search(r"HTTP error codes detected during run:\s*\n(.*)", out)
    expect(not codes or not re.search(r"\b(403|429)\b", codes.group(1)), f"sqlmap {name}: {codes.group(1) if codes else ''}")
    expect(not re.search(r"redirect to '[^']*/login", out), f"sqlmap {name}: sent to the login page")
    tested = sorted(set(re.findall(r"testing for SQL injection on (?:GET|POST|\(custom\) POST) parameter '([^']+)'", out)))
    verdict = "no injection found" if not found else "INJECTION FOUND"
    answers = codes.group(1).strip() if codes else "all 2xx/3xx"
    print(f"sqlmap {name}: {verdict} ({', '.join(tested) or 'no parameter tested'}; {answers}; {took:.0f} s)", flush=True)
    expect(tested, f"sqlmap {name}: tested no parameter")
    with open(os.path.join(output, name.replace(" ", "-") + ".log"), "w") as log:
        log.write(out)


def scan(port):
    output = tempfile.mkdtemp(prefix="cpor-sqlmap-")
    base = f"http://127.0.0.1:{port}"
    seconds = 60 if QUICK else 300
    relay = Relay(port)
    login = f"http://127.0.0.1:{relay.port}"
    sqlmap("login", login + "/login", output, seconds,
           ["--data", "_csrf=x&email=someone%40contoso.example&password=not-the-password", "-p", "email",
            "--csrf-token=_csrf", "--csrf-url=" + login + "/login"])
    partner = Client(port, "incentives@contoso.example")
    cookie = "; ".join(f"{k}={v}" for k, v in partner.cookies.items())
    filters = ["q", "state", "area", "activity", "sort", "dir", "after"]
    sqlmap("dashboard", base + "/claims?q=Northwind&state=submitted&area=microsoft_365&activity=usage_deployment&sort=name"
           "&dir=asc&after=10~Northwind", output, seconds, ["--cookie", cookie, "-p", ",".join(filters)])
    reviewer = Client(port, "reviewer@reviewers.example")
    reviewer_cookie = "; ".join(f"{k}={v}" for k, v in reviewer.cookies.items())
    sqlmap("review queue", base + "/review?view=unassigned&q=Tailspin", output, seconds,
           ["--cookie", reviewer_cookie, "-p", "view,q"])
    fields = ["name", "customer_name", "customer_domain", "tenant_id", "partner_location_id", "customer_contact_name",
              "customer_contact_email"]
    sqlmap("claim form", base + "/claims/new", output, seconds,
           ["--cookie", cookie, "--data", "_csrf=x&name=Scan&customer_name=Contoso+Ltd&customer_domain=contoso.example"
            "&tenant_id=0b7c1e52-5c1a-4a55-9d6e-2f9a6a1f0099&partner_location_id=4100001&customer_contact_name=Ann"
            "&customer_contact_email=ann%40contoso.example",
            "-p", ",".join(fields), "--csrf-token=_csrf", "--csrf-url=" + base + "/claims/new"])
    draft = re.search(r'href="(/claims/C-\d+)"', fresh(partner).get("/claims")).group(1)
    sqlmap("comment form", base + draft + "/comments", output, seconds,
           ["--cookie", cookie, "--data", "_csrf=x&text=A+comment", "-p", "text", "--csrf-token=_csrf",
            "--csrf-url=" + base + draft])
    shutil.rmtree(output, ignore_errors=True)


def main():
    if not shutil.which("sqlmap"):
        raise SystemExit("sqlmap is not installed (apt-get install sqlmap)")
    server = Server()
    try:
        check_every_page(server.port)
        print(f"headers and cookies: {checked} checks on every kind of page", flush=True)
        scan(server.port)
    finally:
        server.stop()
    secure = Server("--secure-cookies")
    try:
        status, headers, _ = raw(secure.port, "GET", "/login")
        check_headers("login behind TLS", status, headers, secure=True)
        expect(any(v.startswith("__Host-cpor_csrf=") for k, v in headers if k.lower() == "set-cookie"),
               "behind TLS the CSRF cookie is __Host-")
    finally:
        secure.stop()
    for problem in problems:
        print("FAIL", problem)
    print(f"security: {checked - len(problems)} passed, {len(problems)} failed")
    sys.exit(1 if problems else 0)


main()

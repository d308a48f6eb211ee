"""Whether one action costs more on a claim with a long past: a comment and a 100 KB PDF upload on
fresh claims, then on one claim with COMMENTS comments (each also a history entry), and the pages
that show such a claim.

    python3 long_claim.py PORT SERVER_LOG [COMMENTS] [SAMPLES]

Every action runs on its own, one after another on one connection, so each figure is the server's
time for that action alone: read from its access log (first byte read to response written), not
from this client's clock. Prints the p50 and p90 of each kind, the ratio of long to fresh, and the
size and time of the claim's page and history page.
"""
import os
import random
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cpor_client import Client, claim_form, csrf, version  # noqa: E402

PORT, LOG = int(sys.argv[1]), sys.argv[2]
COMMENTS = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
SAMPLES = int(sys.argv[4]) if len(sys.argv) > 4 else 30
PARTNER, LOCATION = "incentives@contoso.example", "4100001"
PDF = b"%PDF-1.4\n%" + bytes(random.getrandbits(8) for _ in range(100_000)) + b"\n%%EOF\n"

partner = Client(PORT, PARTNER)
numbers = iter(range(900_000_000, 1_000_000_000))


def new_claim():
    n = next(numbers)
    status, location, _ = partner.post_form("/claims/new", claim_form(n, partner.get("/claims/new"), LOCATION))
    assert status == 303, f"creating a claim answered {status}"
    return location.split("?")[0]


def comment(path, text):
    page = partner.get(path)
    status, _, _ = partner.post_form(path + "/comments", [("_csrf", csrf(page)), ("version", version(page)), ("text", text)])
    assert status == 303, f"a comment on {path} answered {status}"


def upload(path):
    page = partner.get(path)
    status, _, _ = partner.post_multipart(path + "/documents", [("_csrf", csrf(page)), ("version", version(page))],
                                          [("documents", "poe.pdf", "application/pdf", PDF)])
    assert status == 303, f"an upload to {path} answered {status}"


def server_times(method, paths, suffix):
    """The server's milliseconds for each `method` request to one of `paths` + `suffix`, in log order."""
    wanted = {p + suffix for p in paths}
    times = []
    with open(LOG) as log:
        for line in log:
            found = re.match(r"(\w+) (\S+) \d+ (\d+)b ([\d.]+)ms", line)
            if found and found.group(1) == method and found.group(2) in wanted:
                times.append((float(found.group(4)), int(found.group(3))))
    return times


def summary(times):
    values = sorted(t for t, _ in times)
    return statistics.median(values), values[min(len(values) - 1, int(len(values) * 0.9))]


# Fresh: each sample on a claim of its own, with nothing on it yet.
fresh = [new_claim() for _ in range(SAMPLES)]
for path in fresh:
    comment(path, "A first note on a fresh claim.")
    upload(path)

# Long: one claim, COMMENTS comments and as many history entries, then the same actions on it.
long = new_claim()
for i in range(COMMENTS):
    comment(long, f"Note {i + 1}: the customer's <IT> team & ours met on site again.")
before = len(server_times("POST", [long], "/comments"))
for i in range(SAMPLES):
    comment(long, f"A note after {COMMENTS + i} others.")
    upload(long)
for _ in range(SAMPLES):
    partner.get(long)
    partner.get(long + "/history")

print(f"one action, fresh claims against one claim with {COMMENTS} comments and history entries, "
      f"{SAMPLES} of each (the server's time):")
for kind, suffix in (("comment", "/comments"), ("upload", "/documents")):
    on_fresh = summary(server_times("POST", fresh, suffix))
    on_long = summary(server_times("POST", [long], suffix)[before if kind == "comment" else 0:])
    print(f"  {kind:8} fresh p50 {on_fresh[0]:6.1f} ms  p90 {on_fresh[1]:6.1f} ms   "
          f"long p50 {on_long[0]:6.1f} ms  p90 {on_long[1]:6.1f} ms   ratio of p50s {on_long[0] / on_fresh[0]:.2f}x")
for label, suffix in (("claim page", ""), ("history page", "/history")):
    times = server_times("GET", [long], suffix)[-SAMPLES:]
    p50, p90 = summary(times)
    print(f"  {label:12} of the long claim: {max(b for _, b in times):8} bytes, p50 {p50:6.1f} ms, p90 {p90:6.1f} ms")

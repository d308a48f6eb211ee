"""A durable write mix against `cpor serve` for a fixed time, from several processes at once.

    python3 write_mix.py PORT [SECONDS] [PROCESSES]

Each process is a partner of a demo organization (and, for the decisions, the reviewer) repeating:
create a claim, edit it, comment on it, upload a 100 KB PDF, submit it; the reviewer starts the
review and approves. Every POST counts as an action once the server answered it as done (303), and
the GETs each form needs are counted apart. Prints one line:
    write mix: N actions in S s (A actions/s), G page reads, E refused
The client runs on the same machine and its Python costs CPU too, so this is a floor for the server.
"""
import multiprocessing
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cpor_client  # noqa: E402
from cpor_client import Client, csrf, version  # noqa: E402

PORT = int(sys.argv[1])
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 10
PROCESSES = int(sys.argv[3]) if len(sys.argv) > 3 else 8
PARTNERS = [("incentives@contoso.example", "4100001"), ("global@contoso.example", "4100002"),
            ("incentives@fabrikam.example", "5200001")]
PDF = b"%PDF-1.4\n%" + bytes(random.getrandbits(8) for _ in range(100_000)) + b"\n%%EOF\n"


def claim_form(n, page):
    return cpor_client.claim_form(n, page, LOCATION)


def worker(index, deadline, results):
    global LOCATION
    email, LOCATION = PARTNERS[index % len(PARTNERS)]
    partner = Client(PORT, email)
    reviewer = Client(PORT, "reviewer@reviewers.example" if index % 2 == 0 else "reviewer2@reviewers.example")
    actions = reads = refused = 0

    def post(client, path, fields, files=None):
        nonlocal actions, refused
        status, location, _ = client.post_multipart(path, fields, files) if files else client.post_form(path, fields)
        if status == 303:
            actions += 1
        else:
            refused += 1
        return status, location

    def get(client, path):
        nonlocal reads
        reads += 1
        return client.get(path)

    n = index * 10_000_000
    while time.time() < deadline:
        n += 1
        status, location = post(partner, "/claims/new", claim_form(n, get(partner, "/claims/new")))
        if status != 303:
            continue
        path = location.split("?")[0]
        page = get(partner, path + "/edit")
        post(partner, path + "/edit", [("version", version(page))] + [f for f in claim_form(n, page) if f[0] != "name"]
             + [("name", f"Write mix claim {n}, edited")])
        page = get(partner, path)
        post(partner, path + "/comments", [("_csrf", csrf(page)), ("version", version(page)), ("text", f"note {n}")])
        page = get(partner, path)
        post(partner, path + "/documents", [("_csrf", csrf(page)), ("version", version(page))],
             [("documents", f"poe-{n}.pdf", "application/pdf", PDF)])
        page = get(partner, path)
        post(partner, path + "/submit", [("_csrf", csrf(page)), ("version", version(page))])
        review = "/review/" + path.rsplit("/", 1)[1]
        page = get(reviewer, review)
        post(reviewer, review + "/start", [("_csrf", csrf(page)), ("version", version(page))])
        page = get(reviewer, review)
        post(reviewer, review + "/approve", [("_csrf", csrf(page)), ("version", version(page)), ("confirmed", "yes")])
    results.put((actions, reads, refused))


def main():
    deadline = time.time() + SECONDS
    results = multiprocessing.Queue()
    started = time.time()
    processes = [multiprocessing.Process(target=worker, args=(i, deadline, results)) for i in range(PROCESSES)]
    for process in processes:
        process.start()
    totals = [results.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.time() - started
    actions, reads, refused = (sum(t[i] for t in totals) for i in range(3))
    print(f"write mix: {actions} actions in {elapsed:.1f} s ({actions / elapsed:.0f} actions/s), {reads} page reads, "
          f"{refused} refused")


if __name__ == "__main__":
    main()

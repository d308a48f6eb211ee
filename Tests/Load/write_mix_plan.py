"""What `write_mix.lua` (wrk) needs to send the write mix without reading a page: signed-in sessions
with their CSRF tokens, and for each kind of action the claims in the state it needs, with the
version the form would carry. Run against a served store made by `cpor seed`, before wrk starts.

    python3 write_mix_plan.py PORT DB PLAN

Sessions: two for each partner user of the two seeded organizations, two for the reviewer the seeded
reviews are assigned to (who alone may approve them) and two for a second reviewer (who starts
reviews). Claims, each used once so no two requests race for a version: drafts with PoE split three
ways (edit, submit, upload), claims waiting on the partner (comment), submitted claims (start a review)
and claims in review (approve). Writes one line per session and per claim:
    session partner ORG LOCATION COOKIE CSRF     session start|approve - - COOKIE CSRF
    claim KIND NUMBER VERSION ORG
and prints how many of each it planned.
"""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cpor_client import Client, csrf  # noqa: E402

PORT, DB, PLAN = int(sys.argv[1]), sys.argv[2], sys.argv[3]
PARTNERS = ["incentives@contoso.example", "global@contoso.example", "incentives@fabrikam.example"]
APPROVER, STARTER = "reviewer@reviewers.example", "reviewer2@reviewers.example"
SESSIONS_PER_USER = 2


def session(email):
    client = Client(PORT, email)
    return client.cookies["cpor_session"], csrf(client.get("/account"))


def main():
    db = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
    users = dict(db.execute("SELECT email, id FROM users"))
    organizations = dict(db.execute("SELECT email, organization_id FROM users WHERE organization_id IS NOT NULL"))
    locations = dict(db.execute("SELECT organization_id, min(location_id) FROM partner_locations GROUP BY organization_id"))
    approver = str(users[APPROVER])
    lines, planned = [], {}

    for email in PARTNERS:
        organization = organizations[email]
        for _ in range(SESSIONS_PER_USER):
            cookie, token = session(email)
            lines.append(f"session partner {organization} {locations[organization]} cpor_session={cookie} {token}")
    for role, email in (("start", STARTER), ("approve", APPROVER)):
        for _ in range(SESSIONS_PER_USER):
            cookie, token = session(email)
            lines.append(f"session {role} - - cpor_session={cookie} {token}")

    partner_organizations = tuple(sorted({organizations[email] for email in PARTNERS}))
    marks = ",".join("?" * len(partner_organizations))

    def claims(kind, sql, *arguments):
        rows = db.execute(f"SELECT number, version, organization_id FROM claims WHERE {sql} ORDER BY number",
                          arguments).fetchall()
        planned[kind] = len(rows)
        lines.extend(f"claim {kind} {number} {version} {organization}" for number, version, organization in rows)

    # Only a draft with PoE can be submitted: every seeded draft, and none the mix created on a store used before.
    with_poe = "EXISTS (SELECT 1 FROM poe_documents WHERE claim_number = number)"
    for index, kind in enumerate(("edit", "submit", "upload")):
        claims(kind, f"state = 'draft' AND {with_poe} AND number % 3 = ? AND organization_id IN ({marks})",
               index, *partner_organizations)
    claims("comment", f"state = 'partner_action_required' AND organization_id IN ({marks})", *partner_organizations)
    claims("start", "state = 'submitted'")
    claims("approve", "state = 'in_review' AND assigned_reviewer = ?", approver)

    with open(PLAN, "w") as plan:
        plan.write("\n".join(lines) + "\n")
    print("planned: " + ", ".join(f"{kind} {count}" for kind, count in planned.items())
          + f"; {len(PARTNERS) * SESSIONS_PER_USER} partner and {2 * SESSIONS_PER_USER} reviewer sessions")


if __name__ == "__main__":
    main()

"""Journeys through the real service in a real browser (headless Chromium driven by chromedriver).

Started by scripts/test with the path of a built `cpor`; each journey gets a fresh demo database.
With CPOR_JOURNEY_POSTGRES set to a PostgreSQL connection string (and a cpor built with the Postgres
trait), each journey's store is a fresh schema on that server instead of a SQLite file.
Prints 'journeys: N passed, N failed' and exits non-zero on any failure.
"""
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CPOR = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.environ.get("CPOR_SCREENSHOTS")  # a folder to keep screenshots in, if set
POSTGRES = os.environ.get("CPOR_JOURNEY_POSTGRES")  # run every journey on PostgreSQL instead of SQLite
PSQL = shutil.which("psql") or "/usr/bin/psql"


class Service_:
    """One `cpor serve --demo` on a free port and a fresh database, with any further `arguments`."""

    def __init__(self, arguments=()):
        self.folder = tempfile.mkdtemp(prefix="cpor-journey-")
        self.schema = None
        self.db = os.path.join(self.folder, "cpor.sqlite")
        if POSTGRES:
            self.schema = f"journey_{random.getrandbits(48):x}"
            subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", POSTGRES, "-c", f"CREATE SCHEMA {self.schema}"],
                           check=True, capture_output=True)
            separator = "&" if "?" in POSTGRES else "?"
            self.db = POSTGRES + separator + "options=" + urllib.parse.quote(f"-csearch_path={self.schema},public")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = open(os.path.join(self.folder, "out.log"), "w")
        self.process = subprocess.Popen(
            [CPOR, "serve", "--demo", "--port", str(self.port), "--db", self.db, "--data", self.folder,
             *arguments],
            cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except Exception:
                time.sleep(0.1)
        raise RuntimeError("cpor did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.schema:
            subprocess.run([PSQL, "-X", "-q", POSTGRES, "-c", f"DROP SCHEMA {self.schema} CASCADE"], capture_output=True)


def browser(width=1280, height=900):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shot(driver, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def submit(driver, element):
    """Clicks a submit button and waits until the browser has loaded the page that answers it."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 10).until(lambda d: _is_stale(old))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _is_stale(element):
    try:
        element.tag_name
        return False
    except Exception:
        return True


def log_in(driver, base, email, password="demo-password"):
    driver.get(base + "/login")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    # The login form's own button: the header's language switch is a form with buttons too.
    submit(driver, driver.find_element(By.XPATH, "//form[.//input[@id='password']]//button[@type='submit']"))


def expect_table_fits(driver, where):
    """Every column of the page's table, the last change included, on screen without scrolling it."""
    table = driver.execute_script("var t = document.querySelector('.table-wrap'); return [t.scrollWidth, t.clientWidth]")
    expect(table[0] <= table[1], f"{where}: the table is {table[0]} px in a {table[1]} px box")


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


# ---- journeys ---------------------------------------------------------------------------------

def journey_partner_logs_in_and_out(service, driver):
    driver.get(service.base + "/")
    expect(driver.current_url.endswith("/login"), "the start page sends an anonymous visitor to log in")
    shot(driver, "login")
    log_in(driver, service.base, "incentives@contoso.example")
    expect(driver.current_url.endswith("/claims"), f"a partner lands on /claims, not {driver.current_url}")
    header = driver.find_element(By.CSS_SELECTOR, ".who").text
    expect("Ivan Incentives" in header and "Incentives admin" in header and "Contoso" in header,
           f"the header shows who is logged in, role and organization: {header!r}")
    shot(driver, "claims")
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".who button"))
    expect(driver.current_url.endswith("/login"), "logging out returns to the login page")
    driver.get(service.base + "/claims")
    expect("/login?next=" in driver.current_url, "after logout the dashboard needs a login again (and comes back after it)")


def journey_reviewer_lands_on_the_queue(service, driver):
    log_in(driver, service.base, "reviewer@reviewers.example")
    expect(driver.current_url.endswith("/review"), f"a reviewer lands on /review, not {driver.current_url}")
    expect("Rita Reviewer" in driver.find_element(By.CSS_SELECTOR, ".who").text, "reviewer's name shown")
    shot(driver, "review")


def journey_wrong_password_keeps_the_email(service, driver):
    log_in(driver, service.base, "billing@contoso.example", "wrong-password")
    expect(driver.current_url.endswith("/login"), "stays on the login page")
    alert = driver.find_element(By.CSS_SELECTOR, "[role=alert]").text
    expect("do not match" in alert, f"a clear message: {alert!r}")
    expect(driver.find_element(By.ID, "email").get_attribute("value") == "billing@contoso.example", "e-mail kept")
    shot(driver, "login-error")


def journey_phone_width_login(service, driver):
    driver.set_window_size(360, 740)
    log_in(driver, service.base, "global@contoso.example")
    expect(driver.current_url.endswith("/claims"), "logs in at 360 px")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    expect(width <= 360, f"no horizontal scrolling at 360 px (page is {width} px wide)")
    shot(driver, "claims-phone")


def journey_unknown_consent_link_is_explained_kindly_on_a_phone(service, driver):
    driver.set_window_size(360, 740)
    driver.get(service.base + "/consent/not-a-real-token-at-all")
    heading = driver.find_element(By.TAG_NAME, "h1").text
    expect(heading == "This link does not work", f"a kind explanation, not an error dump: {heading!r}")
    expect("Traceback" not in driver.page_source and "error:" not in driver.page_source, "no internals shown")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    expect(width <= 360, f"no horizontal scrolling at 360 px (page is {width} px wide)")
    shot(driver, "consent-unknown-phone")


def journey_reviewer_follows_the_outbox(service, driver):
    db = service.db
    # Claims from last year whose partners never answered: the sweep rejects them and queues e-mails.
    subprocess.run([CPOR, "seed", "--db", db, "--data", service.folder, "--claims", "40", "--now", "2025-01-06T09:00:00Z"],
                   cwd=ROOT, check=True, capture_output=True)
    subprocess.run([CPOR, "tick", "--db", db, "--data", service.folder, "--now", "2025-01-24T09:00:00Z", "--no-mail"], cwd=ROOT, check=True,
                   capture_output=True)
    log_in(driver, service.base, "reviewer@reviewers.example")
    driver.get(service.base + "/review/outbox")
    items = driver.find_elements(By.CSS_SELECTOR, "ol.outbox > li")
    expect(len(items) > 0, "the queued e-mails are listed")
    expect("was rejected" in driver.page_source, "with their subjects")
    shot(driver, "outbox")
    # The server's worker writes each one into the data folder's mail/ as an .eml file.
    mail = os.path.join(service.folder, "mail")
    for _ in range(100):
        if os.path.isdir(mail) and any(name.endswith(".eml") for name in os.listdir(mail)):
            break
        time.sleep(0.1)
    expect(os.path.isdir(mail) and any(name.endswith(".eml") for name in os.listdir(mail)), "delivered to data/mail/")
    driver.delete_all_cookies()
    log_in(driver, service.base, "incentives@contoso.example")
    driver.get(service.base + "/review/outbox")
    expect("Not allowed" in driver.page_source, "partners may not read the outbox")
# ---- partner journeys --------------------------------------------------------------------------

PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
       b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
       b"trailer << /Root 1 0 R >>\n%%EOF\n")


CONTOSO = ("4100001", "Ivan Incentives", "ivan@contoso.example")
FABRIKAM = ("5200001", "Farah Fabrikam", "incentives@fabrikam.example")


def fill_claim(driver, name, tenant, partner=CONTOSO):
    location, contact, address = partner
    driver.find_element(By.ID, "name").send_keys(name)
    from selenium.webdriver.support.ui import Select
    Select(driver.find_element(By.ID, "partner_location_id")).select_by_value(location)
    driver.find_element(By.ID, "customer_name").send_keys("Northwind Traders")
    driver.find_element(By.ID, "customer_domain").send_keys("northwind.example")
    driver.find_element(By.ID, "tenant_id").send_keys(tenant)
    Select(driver.find_element(By.ID, "solution_area")).select_by_value("microsoft_365")
    driver.find_element(By.CSS_SELECTOR, "input[name=products][value=teams]").click()
    Select(driver.find_element(By.ID, "activity")).select_by_value("usage_deployment")
    driver.find_element(By.ID, "customer_contact_name").send_keys("Nora North")
    driver.find_element(By.ID, "customer_contact_title").send_keys("CIO")
    driver.find_element(By.ID, "customer_contact_email").send_keys("nora@northwind.example")
    driver.find_element(By.ID, "partner_contact_name").send_keys(contact)
    driver.find_element(By.ID, "partner_contact_email").send_keys(address)


def new_claim(driver, base, name, tenant, partner=CONTOSO):
    driver.get(base + "/claims")
    driver.find_element(By.LINK_TEXT, "New claim").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/claims/new"))
    fill_claim(driver, name, tenant, partner)
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".claim-form button[type=submit]"))
    expect("/claims/C-" in driver.current_url, f"saving lands on the claim page, not {driver.current_url}")
    return driver.current_url.split("?")[0]


def journey_partner_files_a_claim_end_to_end(service, driver):
    log_in(driver, service.base, "incentives@contoso.example")
    claim_url = new_claim(driver, service.base, "Teams rollout at Northwind", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    expect("Editing" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text, "a new claim is a draft")
    pdf = os.path.join(tempfile.mkdtemp(prefix="cpor-poe-"), "signed-poe.pdf")
    with open(pdf, "wb") as f:
        f.write(PDF)
    driver.find_element(By.ID, "documents-input").send_keys(pdf)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.upload button"))
    expect("signed-poe.pdf" in driver.find_element(By.ID, "documents").text, "the upload is listed")
    shot(driver, "claim-draft")
    submit(driver, driver.find_element(By.LINK_TEXT, "Submit for review"))
    shot(driver, "claim-submit-confirm")
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".confirm button[type=submit]"))
    expect("Submitted" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text, "the claim is submitted")
    driver.find_element(By.ID, "comment-text").send_keys("PoE signed by the customer's CIO.")
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".comment-form button"))
    expect("signed by the customer" in driver.find_element(By.ID, "comments").text, "the comment is shown")
    shot(driver, "claim-submitted")

    other = new_claim(driver, service.base, "Exchange pilot", "11111111-2222-3333-4444-555555555555")
    driver.get(other + "/withdraw")
    expect("Nothing" not in driver.title, "withdraw page")
    # A draft cannot be withdrawn; the page says so instead of offering the button.
    expect(len(driver.find_elements(By.CSS_SELECTOR, ".confirm button[type=submit]")) == 0, "no withdraw button on a draft")

    # The dashboard opens on the partner's own work; the submitted claim waits on the reviewers.
    driver.get(service.base + "/claims")
    current = driver.find_element(By.CSS_SELECTOR, ".tabs [aria-current=page]").text
    expect(current.startswith("Needs your action"), f"the dashboard opens on Needs your action: {current!r}")
    expect("Teams rollout at Northwind" not in driver.find_element(By.TAG_NAME, "main").text,
           "a submitted claim does not wait on the partner")
    driver.find_element(By.PARTIAL_LINK_TEXT, "All claims").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/claims?view=all"))
    table = driver.find_element(By.CSS_SELECTOR, "table.claims-table").text
    expect("Teams rollout at Northwind" in table and "Submitted" in table and "Review to start" in table,
           f"the dashboard shows state and deadline: {table!r}")
    shot(driver, "dashboard")
    from selenium.webdriver.support.ui import Select
    Select(driver.find_element(By.NAME, "state")).select_by_value("submitted")
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".filters button"))
    table = driver.find_element(By.CSS_SELECTOR, "table.claims-table").text
    expect("Teams rollout" in table and "Exchange pilot" not in table, f"filtered to submitted: {table!r}")

    href = driver.find_element(By.CSS_SELECTOR, "a.export").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookie})) as response:
        expect("attachment" in response.headers.get("Content-Disposition", ""), "the export is a download")
        body = response.read().decode("utf-8-sig")
    expect(body.startswith("Claim ID,") and "Teams rollout at Northwind" in body and "Exchange pilot" not in body,
           f"the export is the filtered list: {body[:200]!r}")


def journey_partner_withdraws_a_submitted_claim(service, driver):
    log_in(driver, service.base, "billing@contoso.example")
    claim_url = new_claim(driver, service.base, "Exchange pilot", "11111111-2222-3333-4444-555555555555")
    pdf = os.path.join(tempfile.mkdtemp(prefix="cpor-poe-"), "poe.pdf")
    with open(pdf, "wb") as f:
        f.write(PDF)
    driver.find_element(By.ID, "documents-input").send_keys(pdf)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.upload button"))
    submit(driver, driver.find_element(By.LINK_TEXT, "Submit for review"))
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".confirm button[type=submit]"))
    submit(driver, driver.find_element(By.LINK_TEXT, "Withdraw the claim"))
    expect(driver.find_element(By.ID, "reason").get_attribute("required") is not None, "a reason is required")
    driver.find_element(By.ID, "reason").send_keys("Filed under the wrong customer")
    shot(driver, "withdraw-confirm")
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".confirm button[type=submit]"))
    expect("Rejected (final)" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text, "withdrawn is final")
    expect(driver.find_elements(By.LINK_TEXT, "Start a new claim from this one"), "offers a fresh start")
    driver.get(claim_url + "/history")
    expect("Partner request" in driver.page_source or "Rejected (final)" in driver.page_source, "history shows it")
    shot(driver, "history")


def journey_fabrikam_cannot_open_contosos_claim(service, driver):
    log_in(driver, service.base, "incentives@contoso.example")
    claim_url = new_claim(driver, service.base, "Secret Contoso deal", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    driver.find_element(By.CSS_SELECTOR, ".who button").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/login"))
    log_in(driver, service.base, "incentives@fabrikam.example")
    driver.get(claim_url)
    expect("Page not found" in driver.page_source and "Secret Contoso" not in driver.page_source, "a 404 page, no leak")
    shot(driver, "fabrikam-404")


def journey_phone_width_claim_pages(service, driver):
    driver.set_window_size(360, 740)
    log_in(driver, service.base, "global@contoso.example")
    claim_url = new_claim(driver, service.base, "Phone claim", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    for url in (claim_url, claim_url + "/edit", service.base + "/claims", service.base + "/claims/new",
                service.base + "/organization/users"):
        driver.get(url)
        width = driver.execute_script("return document.documentElement.scrollWidth")
        expect(width <= 360, f"no horizontal scrolling at 360 px on {url} (page is {width} px wide)")
    shot(driver, "users-phone")
    driver.get(service.base + "/claims")
    shot(driver, "dashboard-phone")
def open_claim(driver, base, claim):
    driver.get(base + "/review/" + claim)
    expect(claim in driver.find_element(By.TAG_NAME, "h1").text, f"the review page of {claim} opens")


def confirm(driver):
    """Clicks the decision's confirmation button on the page that restates what will happen."""
    expect(driver.find_elements(By.CSS_SELECTOR, ".confirm-page"), "a confirmation page comes first")
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".confirm-page button[type=submit]"))


def journey_reviewer_works_the_most_urgent_claim_then_approves_an_answered_one(service, driver):
    log_in(driver, service.base, "reviewer@reviewers.example")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.queue tbody tr")
    expect(len(rows) >= 6, f"the demo claims are queued ({len(rows)} rows)")
    first = rows[0]
    expect("C-1001" in first.text and "Northwind" in first.text, f"the overdue claim comes first: {first.text!r}")
    expect("overdue" in first.get_attribute("class"), "the overdue row is highlighted")
    expect("overdue by" in first.find_element(By.CSS_SELECTOR, ".deadline").text, "its deadline says how late it is")
    expect(driver.find_elements(By.CSS_SELECTOR, "svg.chart rect.chart-overdue"), "the counts chart is drawn")
    shot(driver, "review-queue")

    submit(driver, first.find_element(By.CSS_SELECTOR, "a"))
    submit(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Start review']"))
    expect("You started the review" in driver.find_element(By.CSS_SELECTOR, "[role=status]").text, "start confirmed")
    # The PoE lacks a signature: leave that item unticked and let the checklist pick the reasons.
    for box in driver.find_elements(By.CSS_SELECTOR, "#checklist input[type=checkbox]"):
        if box.get_attribute("value") != "customer_signature":
            box.click()
    submit(driver, driver.find_element(By.CSS_SELECTOR, "#checklist button"))
    picked = [b.get_attribute("value") for b in driver.find_elements(By.CSS_SELECTOR, "input[name=partner_action_reason]") if b.is_selected()]
    expect(picked == ["missing_customer_signature"], f"the checklist picked the matching reason: {picked}")
    shot(driver, "review-claim")
    driver.find_element(By.ID, "request-comment").send_keys("Please upload the acceptance letter signed by the customer.")
    submit(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Request partner action…']"))
    expect("Missing customer signature" in driver.find_element(By.CSS_SELECTOR, ".confirm-page").text, "the confirmation restates the reason")
    shot(driver, "review-confirm")
    confirm(driver)
    expect("Partner action requested" in driver.find_element(By.CSS_SELECTOR, "[role=status]").text, "request confirmed")
    expect("Partner action required" in driver.find_element(By.CSS_SELECTOR, ".claim-status").text, "the state changed")

    # The partner answered C-1005's request (seeded through the workflow): approve it.
    open_claim(driver, service.base, "C-1005")
    submit(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Approve…']"))
    confirm(driver)
    expect("Approved" in driver.find_element(By.CSS_SELECTOR, ".claim-status").text, "the claim is approved")


def journey_reviewer_decides_a_dispute(service, driver):
    log_in(driver, service.base, "reviewer@reviewers.example")
    driver.get(service.base + "/review?view=disputes")
    rows = [row for row in driver.find_elements(By.CSS_SELECTOR, "table.queue tbody tr") if "Fourth Coffee" in row.text]
    others = driver.find_elements(By.CSS_SELECTOR, "table.queue tbody tr")
    expect(len(rows) == 1, "the disputes view lists the disputed claim")
    expect(all("Disputed" in row.text for row in others), "and only disputed claims")
    submit(driver, rows[0].find_element(By.CSS_SELECTOR, "a"))
    expect("Intune enrolment" in driver.find_element(By.ID, "decide").text, "the partner's justification is shown")
    driver.find_element(By.CSS_SELECTOR, "input[name=decision][value=uphold]").click()
    driver.find_element(By.ID, "dispute-comment").send_keys("The report covers Exchange, not Intune.")
    submit(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Decide the dispute…']"))
    confirm(driver)
    expect("Rejected (final)" in driver.find_element(By.CSS_SELECTOR, ".claim-status").text, "the rejection is final")
    expect(not driver.find_elements(By.CSS_SELECTOR, "input[name=decision]"), "a dispute is decided once")


def journey_competing_claims_block_approval(service, driver):
    log_in(driver, service.base, "reviewer@reviewers.example")
    driver.get(service.base + "/review?view=competing")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.queue tbody tr")
    expect(len(rows) == 2, f"both competing claims are listed ({len(rows)})")
    open_claim(driver, service.base, "C-1003")
    competitors = driver.find_elements(By.CSS_SELECTOR, ".competitor")
    expect(len(competitors) == 1 and "C-1002" in competitors[0].text and "Contoso" in competitors[0].text,
           "the other organization's claim is shown beside it")
    expect("blocked" in driver.find_element(By.CSS_SELECTOR, "#decide .blocked").text, "approval is blocked, and says why")
    expect(not driver.find_elements(By.XPATH, "//button[normalize-space()='Approve…']"), "no approve button")
    shot(driver, "review-competing")


def journey_review_queue_at_phone_width(service, driver):
    driver.set_window_size(360, 740)
    log_in(driver, service.base, "reviewer@reviewers.example")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    expect(width <= 360, f"no horizontal scrolling at 360 px (page is {width} px wide)")
    shot(driver, "review-queue-phone")
    open_claim(driver, service.base, "C-1003")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    expect(width <= 360, f"the review page fits 360 px (page is {width} px wide)")
    shot(driver, "review-claim-phone")


# ---- journeys across roles: partner, reviewer, customer, timers -------------------------------

def submitted_claim(driver, base, name, tenant, products=("teams",), partner=CONTOSO):
    """As the logged-in partner: a complete claim with one PDF, submitted. Returns (url, claim ID)."""
    claim_url = new_claim(driver, base, name, tenant, partner)
    if "exchange_online" in products:
        submit(driver, driver.find_element(By.LINK_TEXT, "Edit"))
        driver.find_element(By.CSS_SELECTOR, "input[name=products][value=exchange_online]").click()
        submit(driver, driver.find_element(By.CSS_SELECTOR, ".claim-form button[type=submit]"))
    upload_pdf(driver, "signed-poe.pdf")
    submit(driver, driver.find_element(By.LINK_TEXT, "Submit for review"))
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".confirm button[type=submit]"))
    expect("Submitted" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text, "the claim is submitted")
    return claim_url, claim_url.rsplit("/", 1)[1]


def upload_pdf(driver, filename):
    """On the claim page open in `driver`: uploads a one-page PDF as `filename`."""
    pdf = os.path.join(tempfile.mkdtemp(prefix="cpor-poe-"), filename)
    with open(pdf, "wb") as f:
        f.write(PDF)
    driver.find_element(By.ID, "documents-input").send_keys(pdf)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.upload button"))
    expect(filename in driver.find_element(By.ID, "documents").text, f"{filename} is listed")


def button(driver, label):
    return driver.find_element(By.XPATH, f"//button[normalize-space()='{label}']")


def start_review(reviewer, base, claim):
    open_claim(reviewer, base, claim)
    submit(reviewer, button(reviewer, "Start review"))
    expect("You started the review" in reviewer.find_element(By.CSS_SELECTOR, "[role=status]").text, "review started")


def approve(reviewer, base, claim):
    open_claim(reviewer, base, claim)
    submit(reviewer, button(reviewer, "Approve…"))
    confirm(reviewer)
    expect("Approved" in reviewer.find_element(By.CSS_SELECTOR, ".claim-status").text, f"{claim} is approved")


def reviewer_browser(service):
    reviewer = browser()
    log_in(reviewer, service.base, "reviewer@reviewers.example")
    return reviewer


def fits_phone(driver, url, name):
    """Opens `url` at 360 px, checks nothing scrolls sideways, keeps a screenshot, restores the size."""
    size = driver.get_window_size()
    driver.set_window_size(360, 740)
    driver.get(url)
    width = driver.execute_script("return document.documentElement.scrollWidth")
    shot(driver, name)
    driver.set_window_size(size["width"], size["height"])
    expect(width <= 360, f"no horizontal scrolling at 360 px on {url} (page is {width} px wide)")


def delivered_mail(service, recipient, subject_part, timeout=4.0):
    """The text of the first .eml in the data folder's mail/ sent to `recipient` whose subject has
    `subject_part`. The short timeout is the point: the worker polls every few seconds, so only a
    delivery woken by the approval itself arrives this soon."""
    import email
    from email import policy
    folder = os.path.join(service.folder, "mail")
    deadline = time.time() + timeout
    while time.time() < deadline:
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if not name.endswith(".eml"):
                continue
            with open(os.path.join(folder, name), "rb") as f:
                message = email.message_from_binary_file(f, policy=policy.default)
            if recipient in str(message["To"]) and subject_part in str(message["Subject"]):
                return message.get_body(preferencelist=("plain",)).get_content()
        time.sleep(0.1)
    raise AssertionError(f"no e-mail to {recipient} about {subject_part!r} in {folder} within {timeout} s")


def tick(service, now, *arguments):
    result = subprocess.run([CPOR, "tick", "--db", service.db, "--data", service.folder, "--now", now, *arguments],
                            cwd=ROOT, check=True, capture_output=True, text=True)
    return result.stdout


def later(days=0, business_days=0):
    """An ISO 8601 instant `days` calendar days, then `business_days` Monday-to-Friday days, from now."""
    import datetime
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)
    while business_days > 0:
        moment += datetime.timedelta(days=1)
        if moment.weekday() < 5:
            business_days -= 1
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def axe_violations(driver):
    """axe-core's serious and critical findings on the current page, as 'rule: target' lines."""
    from axe_selenium_python import Axe
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    found = []
    for violation in results["violations"]:
        if violation.get("impact") in ("serious", "critical"):
            for node in violation["nodes"]:
                found.append(f"{violation['id']} ({violation['impact']}): {' '.join(map(str, node['target']))}")
    return found


def journey_main_pages_pass_axe_at_desktop_and_phone_width(service, driver):
    """The dashboard, a claim page, the account pages, the users and audit pages, the review page and
    the consent page, at 1280 and 390 px:
    no serious or critical axe-core finding, and a screenshot of each when CPOR_SCREENSHOTS is set."""
    reviewer = reviewer_browser(service)
    try:
        reviewer.get(service.base + "/review/outbox")
        links = [a.get_attribute("href") for a in reviewer.find_elements(By.CSS_SELECTOR, "a.outbox-link")
                 if "/consent/" in a.get_attribute("href")]
        expect(links, "the demo outbox holds a consent e-mail with a working link")
        pages = [(reviewer, service.base + "/review", "review-queue"), (reviewer, service.base + "/review/C-1005", "review-claim")]
        log_in(driver, service.base, "incentives@contoso.example")
        pages += [(driver, service.base + "/claims", "dashboard"), (driver, service.base + "/claims?view=all", "dashboard-all"),
                  (driver, service.base + "/claims/C-1004", "claim"),
                  (driver, service.base + "/account", "account"), (driver, service.base + "/account/password", "account-password")]
        admin = browser()
        log_in(admin, service.base, "global@contoso.example")
        pages += [(admin, service.base + "/organization/users", "users"), (admin, service.base + "/organization/audit", "audit")]
        customer = browser()
        # The open consent page (the one with the deny button), and one whose window has closed.
        open_link = closed_link = None
        for link in links:
            customer.get(link)
            if customer.find_elements(By.CSS_SELECTOR, ".consent-actions button"):
                open_link = open_link or link
            else:
                closed_link = closed_link or link
        expect(open_link, "one demo consent link is still open")
        pages.append((customer, open_link, "consent"))
        if closed_link:
            pages.append((customer, closed_link, "consent-closed"))
        problems = []
        for width, height in ((1280, 900), (390, 844)):
            for window, url, name in pages:
                window.set_window_size(width, height)
                window.get(url)
                shot(window, f"{name}-{width}")
                if width == 1280 and name.startswith("dashboard"):
                    expect_table_fits(window, f"{name} at 1280 px")
                problems += [f"{name} at {width} px: {finding}" for finding in axe_violations(window)]
        customer.quit()
        admin.quit()
        expect(not problems, "axe-core found:\n  " + "\n  ".join(problems))
    finally:
        reviewer.quit()


def journey_customer_denies_consent_after_approval(service, driver):
    log_in(driver, service.base, "incentives@contoso.example")
    claim_url, claim = submitted_claim(driver, service.base, "Teams adoption at Northwind",
                                       "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    reviewer = reviewer_browser(service)
    try:
        start_review(reviewer, service.base, claim)
        link = reviewer.find_element(By.PARTIAL_LINK_TEXT, "Preview")
        reviewer.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        shot(reviewer, "review-documents-preview")
        preview = link.get_attribute("href")
        expect(preview.endswith("?inline=1"), f"the PDF has a preview link: {preview!r}")
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in reviewer.get_cookies())
        with urllib.request.urlopen(urllib.request.Request(preview, headers={"Cookie": cookie})) as response:
            expect(response.headers["Content-Disposition"].startswith("inline;")
                   and response.headers["Content-Security-Policy"].startswith("sandbox"),
                   f"the preview is shown in place, sandboxed: {dict(response.headers)!r}")
        shot(reviewer, "consent-review-before-approval")
        approve(reviewer, service.base, claim)
        # The approval wakes the delivery worker: the consent request is on disk within seconds.
        body = delivered_mail(service, "nora@northwind.example", "asks to be recorded as your partner")
        import re
        link = re.search(r"https?://\S+/consent/[A-Za-z0-9_\-]+", body)
        expect(link, f"the consent e-mail carries a link: {body[:400]!r}")
        reviewer.get(service.base + "/review/outbox")
        expect(claim in reviewer.page_source, "the demo outbox lists the consent request")
        shot(reviewer, "consent-outbox")
    finally:
        reviewer.quit()

    customer = browser()
    try:
        customer.get(link.group(0))
        expect("Contoso" in customer.page_source and "Northwind Traders" in customer.page_source,
               "the consent page says who claims what")
        shot(customer, "consent-page")
        submit(customer, button(customer, "Deny association"))
        customer.find_element(By.ID, "reason").send_keys("We never worked with Contoso on Teams.")
        shot(customer, "consent-confirm")
        submit(customer, customer.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        expect(customer.find_elements(By.CSS_SELECTOR, ".alert-ok"), "the customer is told the denial was recorded")
        shot(customer, "consent-denied")
        fits_phone(customer, link.group(0), "consent-denied-phone")
    finally:
        customer.quit()

    driver.get(service.base + "/claims?view=all")
    row = driver.find_element(By.XPATH, f"//table[contains(@class,'claims-table')]//tr[contains(., '{claim}')]")
    expect("Rejected (final)" in row.text and "Customer rejection" in row.text,
           f"the dashboard shows the claim rejected for good, and why: {row.text!r}")
    shot(driver, "consent-partner-dashboard")
    driver.get(claim_url)
    expect("Customer rejection" in driver.find_element(By.CSS_SELECTOR, ".notice-card.bad").text,
           "the claim page gives the reason")
    shot(driver, "consent-partner-claim")
    driver.get(claim_url + "/history")
    history = driver.find_element(By.CSS_SELECTOR, "ol.history").text
    expect("Approved → Rejected (final)" in history and "Reasons: Customer rejection" in history,
           f"the history records the customer's denial and its reason: {history!r}")
    shot(driver, "consent-partner-history")


def journey_partner_answers_a_request_for_action(service, driver):
    log_in(driver, service.base, "incentives@contoso.example")
    claim_url, claim = submitted_claim(driver, service.base, "Teams and Exchange at Northwind",
                                       "3f2504e0-4f89-11d3-9a0c-0305e82c3301", products=("teams", "exchange_online"))
    reviewer = reviewer_browser(service)
    try:
        start_review(reviewer, service.base, claim)
        reviewer.find_element(By.CSS_SELECTOR, "input[name=partner_action_reason][value=missing_customer_signature]").click()
        reviewer.find_element(By.CSS_SELECTOR, "input[name=remove_product][value=exchange_online]").click()
        reviewer.find_element(By.ID, "request-comment").send_keys("The PoE covers Teams only; please drop Exchange.")
        submit(reviewer, button(reviewer, "Request partner action…"))
        confirm(reviewer)
        expect("Partner action required" in reviewer.find_element(By.CSS_SELECTOR, ".claim-status").text, "requested")

        driver.get(claim_url)
        asked = driver.find_element(By.CSS_SELECTOR, ".notice-card.warn").text
        expect("Missing customer signature" in asked and "drop Exchange" in asked and "Exchange Online" in asked,
               f"the partner sees the reasons, the comment and the product to remove: {asked!r}")
        shot(driver, "action-partner-claim")
        fits_phone(driver, claim_url, "action-partner-claim-phone")
        driver.get(claim_url)
        submit(driver, driver.find_element(By.LINK_TEXT, "Respond and resubmit"))
        remove = driver.find_element(By.CSS_SELECTOR, "input[name=remove][value=exchange_online]")
        expect(remove.is_selected(), "the product the reviewer asked to remove comes ticked")
        driver.find_element(By.ID, "comment").send_keys("Exchange removed; the signed PoE is attached.")
        shot(driver, "action-respond")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
        head = driver.find_element(By.CSS_SELECTOR, ".claim-head").text
        expect("Partner action required" not in head, f"the claim is back with the reviewer: {head!r}")
        fields = driver.find_element(By.ID, "details").find_element(By.XPATH, "..").text
        expect("Exchange Online" not in fields and "Teams" in fields, f"Exchange is gone: {fields!r}")
        expect("Exchange removed" in driver.find_element(By.ID, "comments").text, "the partner's comment is kept")
        shot(driver, "action-resubmitted")

        open_claim(reviewer, service.base, claim)
        expect("Exchange removed" in reviewer.page_source, "the reviewer sees the partner's answer")
        approve(reviewer, service.base, claim)
        driver.get(claim_url)
        expect("Approved" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text, "the partner sees it approved")
    finally:
        reviewer.quit()


def journey_partner_disputes_a_rejection_and_wins(service, driver):
    log_in(driver, service.base, "incentives@contoso.example")
    claim_url, claim = submitted_claim(driver, service.base, "Teams voice at Northwind",
                                       "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    reviewer = reviewer_browser(service)
    try:
        start_review(reviewer, service.base, claim)
        reviewer.find_element(By.CSS_SELECTOR, "input[name=rejection_reason][value=insufficient_poe]").click()
        reviewer.find_element(By.ID, "reject-comment").send_keys("The PoE does not show any Teams usage.")
        submit(reviewer, button(reviewer, "Reject…"))
        confirm(reviewer)
        expect("Rejected" in reviewer.find_element(By.CSS_SELECTOR, ".claim-status").text, "rejected")

        driver.get(claim_url)
        rejected = driver.find_element(By.CSS_SELECTOR, ".notice-card.bad").text
        expect("Teams usage" in rejected, f"the partner sees why: {rejected!r}")
        shot(driver, "dispute-partner-rejected")
        submit(driver, driver.find_element(By.LINK_TEXT, "Dispute the rejection"))
        driver.find_element(By.ID, "justification").send_keys("Page 2 of the PoE is the Teams usage report.")
        shot(driver, "dispute-form")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
        expect("Teams usage report" in driver.page_source, "the dispute is shown on the claim")
        expect(not driver.find_elements(By.LINK_TEXT, "Dispute the rejection"), "a rejection is disputed once")
        shot(driver, "dispute-partner-disputed")

        open_claim(reviewer, service.base, claim)
        expect("Teams usage report" in reviewer.find_element(By.ID, "decide").text, "the reviewer reads the justification")
        reviewer.find_element(By.CSS_SELECTOR, "input[name=decision][value=overturn]").click()
        reviewer.find_element(By.ID, "dispute-comment").send_keys("Agreed, page 2 shows it.")
        submit(reviewer, button(reviewer, "Decide the dispute…"))
        confirm(reviewer)
        expect("Approved" in reviewer.find_element(By.CSS_SELECTOR, ".claim-status").text, "overturned means approved")
    finally:
        reviewer.quit()
    driver.get(claim_url)
    page = driver.find_element(By.TAG_NAME, "main").text
    expect("Approved" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text and "Overturn" in page,
           f"the partner sees the outcome: {page[:600]!r}")
    shot(driver, "dispute-partner-outcome")
    fits_phone(driver, claim_url, "dispute-partner-outcome-phone")


def journey_timers_send_an_approved_claim_for_evaluation(service, driver):
    log_in(driver, service.base, "incentives@contoso.example")
    claim_url, claim = submitted_claim(driver, service.base, "Teams at Northwind", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    reviewer = reviewer_browser(service)
    try:
        start_review(reviewer, service.base, claim)
        approve(reviewer, service.base, claim)
    finally:
        reviewer.quit()
    # The consent window (5 business days) has closed eight days later; the service shares the file.
    first = tick(service, later(days=8))
    # (The demo's own approvals inside their window are sent on too.)
    expect("consent_window_closed" in first, f"the first tick sends the approved claim on: {first!r}")
    again = tick(service, later(days=8))
    expect(" 0 claims changed" in again and "0 e-mails queued" in again, f"running it again changes nothing: {again!r}")
    driver.get(claim_url)
    expect("sent for incentive evaluation" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text,
           "the partner sees it sent for incentive evaluation")
    shot(driver, "timers-sent-for-evaluation")
    driver.get(service.base + "/claims?view=all")
    row = driver.find_element(By.XPATH, f"//table[contains(@class,'claims-table')]//tr[contains(., '{claim}')]")
    expect("sent for incentive evaluation" in row.text, f"and on the dashboard: {row.text!r}")


def journey_timers_reject_an_unanswered_request(service, driver):
    log_in(driver, service.base, "incentives@contoso.example")
    claim_url, claim = submitted_claim(driver, service.base, "Exchange at Tailspin", "11111111-2222-3333-4444-555555555555")
    reviewer = reviewer_browser(service)
    try:
        start_review(reviewer, service.base, claim)
        reviewer.find_element(By.CSS_SELECTOR, "input[name=partner_action_reason][value=missing_customer_signature]").click()
        reviewer.find_element(By.ID, "request-comment").send_keys("Please add the signed acceptance letter.")
        submit(reviewer, button(reviewer, "Request partner action…"))
        confirm(reviewer)
    finally:
        reviewer.quit()
    # Six business days after the request, the partner has not answered: rejected, and e-mailed.
    lapsed = tick(service, later(business_days=6))
    # (The demo's own C-1004 lapses too.)
    expect("partner_response_lapsed" in lapsed and " 0 e-mails queued" not in lapsed,
           f"the tick rejects unanswered claims and queues e-mails: {lapsed!r}")
    again = tick(service, later(business_days=6))
    expect(" 0 claims changed" in again, f"running it again changes nothing: {again!r}")
    driver.get(claim_url)
    expect("Rejected" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text
           and "No partner response" in driver.find_element(By.CSS_SELECTOR, ".notice-card.bad").text,
           "the partner sees it rejected for no response")
    shot(driver, "timers-rejected")
    driver.get(claim_url + "/history")
    history = driver.find_element(By.CSS_SELECTOR, "ol.history").text
    expect("Reasons: No partner response" in history and "E-mail sent: rejection" in history,
           f"the history says why, and that the partner was e-mailed: {history!r}")
    shot(driver, "timers-history")
    delivered_mail(service, "ivan@contoso.example", f"Claim {claim} was rejected")

# ---- later editions of the programme ------------------------------------------------------------

def journey_customer_ends_an_evaluated_association_under_the_2023_policy(service, driver):
    """`serve --policy 2023`: the consent link outlives the window, and a denial after the claim
    was sent for incentive evaluation ends the association; both sides see it."""
    log_in(driver, service.base, "incentives@contoso.example")
    claim_url, claim = submitted_claim(driver, service.base, "Teams at Northwind", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    reviewer = reviewer_browser(service)
    try:
        start_review(reviewer, service.base, claim)
        approve(reviewer, service.base, claim)
        body = delivered_mail(service, "nora@northwind.example", "asks to be recorded as your partner")
        expect("You can do so at any time" in body, f"the consent e-mail says the link does not expire: {body[:600]!r}")
        import re
        link = re.search(r"https?://\S+/consent/[A-Za-z0-9_\-]+", body).group(0)
    finally:
        reviewer.quit()

    customer = browser()
    try:
        customer.get(link)
        rule = customer.find_element(By.CSS_SELECTOR, ".consent-rule").text
        expect(rule == "You can deny this association at any time.", f"the page says which rule applies: {rule!r}")
        shot(customer, "consent-any-time")
        # Eight days on, the window has closed and the sweep sends the association for evaluation.
        swept = tick(service, later(days=8), "--policy", "2023")
        expect("consent_window_closed" in swept, f"the tick sends it on: {swept!r}")
        customer.get(link)
        expect("was sent for incentive evaluation" in customer.find_element(By.TAG_NAME, "main").text,
               "the link still works, and says the association stands")
        submit(customer, button(customer, "Deny association"))
        expect("The association will end" in customer.page_source, "the confirmation says what a denial does now")
        customer.find_element(By.ID, "reason").send_keys("Our contract with Contoso ended.")
        submit(customer, customer.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        expect("You ended this association" in customer.find_element(By.TAG_NAME, "h1").text, "the customer is told")
        shot(customer, "consent-ended-by-customer")
    finally:
        customer.quit()

    driver.get(claim_url)
    expect("Ended by the customer" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text, "the partner sees the state")
    notice = driver.find_element(By.CSS_SELECTOR, ".association-end").text
    expect("after it had been sent for incentive evaluation" in notice and "Our contract with Contoso ended." in notice,
           f"with its date and the customer's words: {notice!r}")
    shot(driver, "partner-ended-by-customer")
    driver.get(service.base + "/claims?state=ended")
    row = driver.find_element(By.XPATH, f"//table[contains(@class,'claims-table')]//tr[contains(., '{claim}')]")
    expect("Ended by the customer" in row.text, f"the dashboard filters and shows it: {row.text!r}")
    driver.get(claim_url + "/history")
    history = driver.find_element(By.CSS_SELECTOR, "ol.history").text
    expect("Approved → Ended" in history and "E-mail sent: association ended by the customer" in history,
           f"the history records it and the e-mail: {history!r}")
    delivered_mail(service, "ivan@contoso.example", "The customer ended the association")
    reviewer = reviewer_browser(service)
    try:
        open_claim(reviewer, service.base, claim)
        expect("Ended by the customer" in reviewer.find_element(By.CSS_SELECTOR, ".claim-status").text,
               "the reviewer sees it too")
    finally:
        reviewer.quit()


journey_customer_ends_an_evaluated_association_under_the_2023_policy.arguments = ("--policy", "2023")


def journey_fresher_poe_takes_an_approved_workload_over(service, driver):
    """Contoso's approved association takes fresh PoE; Fabrikam's claim with newer PoE is approved
    over it for the shared workload, and both partners see the outcome."""
    tenant = "22222222-3333-4444-5555-666666666666"
    log_in(driver, service.base, "incentives@contoso.example")
    older_url, older = submitted_claim(driver, service.base, "Teams at Northwind", tenant)
    reviewer = reviewer_browser(service)
    fabrikam = browser()
    try:
        start_review(reviewer, service.base, older)
        approve(reviewer, service.base, older)
        # Contoso keeps its approved association current.
        driver.get(older_url)
        upload_pdf(driver, "usage-report-october.pdf")
        expect("Approved" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text, "the state stays Approved")
        shot(driver, "fresh-poe-on-approved")

        log_in(fabrikam, service.base, "incentives@fabrikam.example")
        newer_url, newer = submitted_claim(fabrikam, service.base, "Teams voice at Northwind", tenant, partner=FABRIKAM)
        start_review(reviewer, service.base, newer)
        competitor = reviewer.find_element(By.CSS_SELECTOR, ".competitor").text
        expect(older in competitor and "Most recent proof of execution" in competitor
               and "approving it ends the association" in competitor,
               f"the reviewer sees each claim's most recent PoE and what approval does: {competitor!r}")
        shot(reviewer, "review-takes-over")
        submit(reviewer, button(reviewer, "Approve…"))
        expect(f"ends the association of {older} (Contoso)" in reviewer.find_element(By.CSS_SELECTOR, ".confirm-page").text,
               "the confirmation says which association ends")
        confirm(reviewer)
        expect("Approved" in reviewer.find_element(By.CSS_SELECTOR, ".claim-status").text, f"{newer} is approved")

        fabrikam.get(newer_url)
        expect("Approved" in fabrikam.find_element(By.CSS_SELECTOR, ".claim-head").text, "Fabrikam sees its claim approved")
        driver.get(older_url)
        expect("Ended: replaced" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text, "Contoso sees its association ended")
        notice = driver.find_element(By.CSS_SELECTOR, ".association-end").text
        expect(newer in notice and "most recent proof of execution" in notice, f"and why: {notice!r}")
        shot(driver, "partner-replaced")
        driver.get(older_url + "/history")
        history = driver.find_element(By.CSS_SELECTOR, "ol.history").text
        expect(f"claim {newer}, with more recent proof of execution, was approved" in history, f"its history says so: {history!r}")
        body = delivered_mail(service, "ivan@contoso.example", "your association ended")
        expect("the most recent proof of execution is what is weighed" in body, f"the e-mail gives the reason: {body[:600]!r}")
    finally:
        reviewer.quit()
        fabrikam.quit()


def switch_language(driver, name):
    """Uses the header's language switch; the page it was used on comes back in that language."""
    page = driver.current_url
    submit(driver, driver.find_element(By.XPATH, f"//form[contains(@class,'language-switch')]//button[normalize-space()='{name}']"))
    expect(driver.current_url == page, f"the switch keeps the page: {page} became {driver.current_url}")


def journey_spanish_partner_files_reviewer_approves_customer_denies(service, driver):
    # A visitor picks Spanish on the login page; it becomes the partner's saved language.
    driver.get(service.base + "/login")
    switch_language(driver, "Español")
    expect(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es", "the login page is in Spanish")
    expect("Iniciar sesión" in driver.page_source, "the login page speaks Spanish")
    log_in(driver, service.base, "incentives@contoso.example")
    driver.get(service.base + "/claims/new")
    from selenium.webdriver.support.ui import Select
    language = Select(driver.find_element(By.ID, "customer_contact_language")).first_selected_option
    expect(language.get_attribute("value") == "es", "the customer contact's language defaults to the partner's")
    fill_claim(driver, "Teams en Northwind", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".claim-form button[type=submit]"))
    claim_url = driver.current_url.split("?")[0]
    claim = claim_url.rsplit("/", 1)[1]
    expect("En edición" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text, "a new claim is a draft, in Spanish")
    pdf = os.path.join(tempfile.mkdtemp(prefix="cpor-poe-"), "prueba-firmada.pdf")
    with open(pdf, "wb") as f:
        f.write(PDF)
    driver.find_element(By.ID, "documents-input").send_keys(pdf)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.upload button"))
    submit(driver, driver.find_element(By.CSS_SELECTOR, "a[href$='/submit']"))
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".confirm button[type=submit]"))
    head = driver.find_element(By.CSS_SELECTOR, ".claim-head").text
    expect("Enviada" in head and "(UTC)" in head, f"submitted, with its deadline and zone, in Spanish: {head!r}")
    shot(driver, "es-claim")
    driver.get(service.base + "/claims?view=all")
    table = driver.find_element(By.CSS_SELECTOR, "table.claims-table").text
    expect("Teams en Northwind" in table and "Enviada" in table, f"the dashboard in Spanish: {table!r}")
    expect_table_fits(driver, "the Spanish dashboard at 1280 px")
    shot(driver, "es-dashboard")

    # The reviewer's browser asks for Spanish; the queue and the claim answer in it.
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=es-ES"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "es-ES,es"})
    reviewer = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        log_in(reviewer, service.base, "reviewer@reviewers.example")
        expect(reviewer.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es", "the queue follows Accept-Language")
        shot(reviewer, "es-review-queue")
        open_claim(reviewer, service.base, claim)
        submit(reviewer, reviewer.find_element(By.CSS_SELECTOR, f"form[action$='/{claim}/start'] button"))
        submit(reviewer, reviewer.find_element(By.CSS_SELECTOR, f"form[action$='/{claim}/approve'] button"))
        confirm(reviewer)
        expect("Aprobada" in reviewer.find_element(By.CSS_SELECTOR, ".claim-status").text, "approved, in Spanish")
        shot(reviewer, "es-review-claim")
    finally:
        reviewer.quit()

    # The contact's e-mail and page are in the language the partner gave for them.
    body = delivered_mail(service, "nora@northwind.example", "pide figurar como asociado")
    expect("(UTC)" in body and "a más tardar el" in body, f"the consent e-mail is Spanish, with the deadline's zone: {body[:600]!r}")
    import re
    link = re.search(r"https?://\S+/consent/[A-Za-z0-9_\-]+", body)
    expect(link, "the consent e-mail carries a link")
    customer = browser()  # an English-speaking browser: the contact's language still decides
    try:
        customer.get(link.group(0))
        expect(customer.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es", "the consent page is in Spanish")
        expect("Contoso" in customer.page_source and "Northwind Traders" in customer.page_source, "it says who claims what")
        shot(customer, "es-consent")
        submit(customer, customer.find_element(By.CSS_SELECTOR, "form.consent-actions button"))
        customer.find_element(By.ID, "reason").send_keys("Nunca hemos trabajado con Contoso en Teams.")
        submit(customer, customer.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        expect(customer.find_elements(By.CSS_SELECTOR, ".alert-ok"), "the denial is recorded")
        shot(customer, "es-consent-denied")
        switch_language(customer, "English")
        expect(customer.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the customer can switch to English")
    finally:
        customer.quit()

    driver.get(claim_url)
    expect("Rechazada (definitiva)" in driver.find_element(By.CSS_SELECTOR, ".claim-head").text,
           "the partner sees the customer's denial, in Spanish")
    shot(driver, "es-claim-denied")
    # The switch on a claim's page keeps the page; the choice is saved, so it outlives the session.
    switch_language(driver, "English")
    expect(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "switched to English")
    switch_language(driver, "Español")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button"))
    driver.delete_all_cookies()
    log_in(driver, service.base, "incentives@contoso.example")
    expect(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es", "the saved language survives logout and login")


def journey_tenant_directory_checks_the_claim_form(service, driver):
    # An operator loads a directory while the service runs: Northwind's tenant owns northwind.example only.
    csv_path = os.path.join(service.folder, "tenants.csv")
    with open(csv_path, "w") as f:
        f.write("tenant_id,domains,subscription_id,product,status\n3f2504e0-4f89-11d3-9a0c-0305e82c3301,northwind.example,,,\n")
    result = subprocess.run([CPOR, "directory", "import", csv_path, "--db", service.db],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "CPOR_LOCALE": "en"})
    expect(result.returncode == 0, f"the import is taken: {result.stdout} {result.stderr}")
    log_in(driver, service.base, "incentives@contoso.example")
    driver.get(service.base + "/claims/new")
    fill_claim(driver, "Teams at Northwind, wrong domain", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    domain = driver.find_element(By.ID, "customer_domain")
    domain.clear()
    domain.send_keys("fabrikam.example")
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".claim-form button[type=submit]"))
    expect(driver.current_url.endswith("/claims/new"), f"the form comes back, not {driver.current_url}")
    error = driver.find_element(By.ID, "customer_domain-error").text
    expect("not one of this tenant's verified domains" in error, f"the domain's field says why: {error!r}")
    expect(driver.find_element(By.ID, "name").get_attribute("value") == "Teams at Northwind, wrong domain",
           "what was typed is kept")
    shot(driver, "directory-domain-mismatch")
    domain = driver.find_element(By.ID, "customer_domain")
    domain.clear()
    domain.send_keys("northwind.example")
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".claim-form button[type=submit]"))
    expect("/claims/C-" in driver.current_url, f"with the tenant's own domain the draft is saved: {driver.current_url}")


# CPOR_JOURNEYS=dispute runs only the journeys whose names contain "dispute".
JOURNEYS = [value for name, value in sorted(globals().items())
            if name.startswith("journey_") and os.environ.get("CPOR_JOURNEYS", "") in name]


def main():
    passed = failed = 0
    for journey in JOURNEYS:
        service = Service_(getattr(journey, "arguments", ()))
        driver = browser()
        try:
            journey(service, driver)
            passed += 1
            print(f"ok   {journey.__name__}")
        except Exception:
            failed += 1
            print(f"FAIL {journey.__name__}")
            traceback.print_exc()
            shot(driver, "failed-" + journey.__name__)
        finally:
            driver.quit()
            service.stop()
    store = "PostgreSQL" if POSTGRES else "SQLite"
    print(f"journeys on {store}: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

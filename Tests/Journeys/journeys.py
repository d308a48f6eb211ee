"""Journeys through the real service in a real browser (headless Chromium driven by chromedriver).

Started by scripts/test with the path of a built `cpor`; each journey gets a fresh demo database.
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
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CPOR = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.environ.get("CPOR_SCREENSHOTS")  # a folder to keep screenshots in, if set


class Service_:
    """One `cpor serve --demo` on a free port and a fresh database."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="cpor-journey-")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = open(os.path.join(self.folder, "out.log"), "w")
        self.process = subprocess.Popen(
            [CPOR, "serve", "--demo", "--port", str(self.port), "--db", os.path.join(self.folder, "cpor.sqlite")],
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
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))


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
    expect(driver.current_url.endswith("/login"), "after logout the dashboard needs a login again")


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
    db = os.path.join(service.folder, "cpor.sqlite")
    # Claims from last year whose partners never answered: the sweep rejects them and queues e-mails.
    subprocess.run([CPOR, "seed", "--db", db, "--claims", "40", "--now", "2025-01-06T09:00:00Z"], cwd=ROOT, check=True,
                   capture_output=True)
    subprocess.run([CPOR, "tick", "--db", db, "--now", "2025-01-24T09:00:00Z", "--no-mail"], cwd=ROOT, check=True,
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


JOURNEYS = [value for name, value in sorted(globals().items()) if name.startswith("journey_")]


def main():
    passed = failed = 0
    for journey in JOURNEYS:
        service = Service_()
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
    print(f"journeys: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

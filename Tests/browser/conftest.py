"""Browser tests: a built docgen site served over loopback, driven in headless Chromium.

    DOCGEN_SITE_DIR=/tmp/site python3 -m pytest Tests/browser -q

Needs Debian's `chromium` and `chromium-driver` and `pip install selenium pytest`. Every test
fails if the browser console logged a SEVERE entry (a JavaScript error or a failed request).
"""
import functools
import http.server
import os
import threading

import pytest

SITE_DIR = os.environ.get("DOCGEN_SITE_DIR")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site_url():
    if not SITE_DIR:
        pytest.skip("DOCGEN_SITE_DIR is not set: build a site (docgen build -o DIR) and set DOCGEN_SITE_DIR=DIR")
    if not os.path.isfile(os.path.join(SITE_DIR, "index.html")):
        pytest.fail(f"DOCGEN_SITE_DIR={SITE_DIR} has no index.html: is it a built site?")
    handler = functools.partial(QuietHandler, directory=SITE_DIR)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(site_url):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, site_url):
    """The browser, with `page.open(path)`; fails the test on SEVERE console entries."""
    browser.get_log("browser")  # drop what earlier tests left

    def open_path(path=""):
        browser.get(site_url + path)

    browser.open = open_path
    browser.site_url = site_url
    yield browser
    severe = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert not severe, f"console errors: {severe}"

"""Search in a real browser against the built demo hub (see conftest.py for how to run)."""
from urllib.parse import urljoin

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

RESULTS = "#search-results li[role=option]:not([aria-disabled])"


def wait(driver, condition, timeout=10):
    # Results are re-rendered as searches finish: an element found a moment ago may be gone.
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: condition(d))


def type_query(driver, text):
    box = driver.find_element(By.ID, "search-input")
    box.clear()
    box.send_keys(text)
    return box


def results(driver, query=None):
    """Result rows once the dropdown shows the results for `query` (default: the box's value)."""
    box = driver.find_element(By.ID, "search-input")

    def ready(d):
        panel = d.find_element(By.ID, "search-panel")
        if not panel.is_displayed():
            return False
        rows = d.find_elements(By.CSS_SELECTOR, "#search-results > li")
        return rows and d.execute_script("return arguments[0].value", box) == (query or box.get_attribute("value"))

    wait(driver, ready)
    return driver.find_elements(By.CSS_SELECTOR, RESULTS)


def hrefs(rows):
    return [r.find_element(By.TAG_NAME, "a").get_attribute("href") for r in rows]


def test_query_finds_the_bug_reporting_page_first(page):
    page.open("")
    type_query(page, "report bug")
    rows = results(page)
    assert rows, "no results for 'report bug'"
    assert "/tasks/report-a-bug/" in hrefs(rows)[0]
    first = rows[0]
    assert first.find_element(By.CLASS_NAME, "result-title").text
    assert first.find_elements(By.CSS_SELECTOR, ".result-title mark, .result-snippet mark")
    assert first.find_elements(By.CLASS_NAME, "role-badge")


@pytest.mark.parametrize("start,query,expected", [
    ("", "report bug", ["/tasks/report-a-bug/"]),
    ("", "report bugs", ["/tasks/report-a-bug/"]),
    ("", "translate", ["/tasks/translate-interface-messages/"]),
    ("", "api key", ["/api/api-keys/", "/tasks/request-an-api-key/"]),
    ("", "transit", ["/tools/transit/"]),
    ("", "patchbot", ["/tools/patchbot/"]),
    ("", "翻译", ["/zh/"]),
    ("zh/", "翻译", ["/zh/"]),
    ("zh/", "api key", ["/api/api-keys/", "/tasks/request-an-api-key/"]),
])
def test_newcomer_queries_find_the_expected_page_in_the_first_three(page, start, query, expected):
    page.open(start)
    type_query(page, query)
    top = [h.split("#")[0] for h in hrefs(results(page))[:3]]
    for path in expected:
        assert any(h.endswith(path) for h in top), (query, top)


def test_results_link_to_the_best_heading(page):
    page.open("")
    type_query(page, "placeholders")
    rows = results(page)
    assert rows
    assert any("#" in h for h in hrefs(rows)), hrefs(rows)


def test_role_filter_narrows_results(page):
    page.open("")
    type_query(page, "api")
    before = hrefs(results(page))
    chip = page.find_element(By.CSS_SELECTOR, '#search-panel .role-chip[data-role="technical-translator"]')
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true"
    wait(page, lambda d: hrefs(d.find_elements(By.CSS_SELECTOR, RESULTS)) != before
         or d.find_elements(By.CSS_SELECTOR, "#search-results .search-empty"))
    after = page.find_elements(By.CSS_SELECTOR, RESULTS)
    assert len(after) < len(before)
    for row in after:
        badges = [b.text for b in row.find_elements(By.CLASS_NAME, "role-badge")]
        assert "Technical translator" in badges, badges
    chip.click()
    wait(page, lambda d: hrefs(d.find_elements(By.CSS_SELECTOR, RESULTS)) == before)


@pytest.mark.parametrize("start", ["", "zh/"])
def test_chinese_query_finds_the_chinese_page(page, start):
    page.open(start)
    type_query(page, "报告错误")
    rows = results(page)
    assert rows, "no results for a Chinese query"
    assert hrefs(rows)[0].split("#")[0].endswith("/zh/")
    assert rows[0].find_elements(By.CSS_SELECTOR, "mark")


def test_slash_focuses_and_keyboard_opens_the_highlighted_result(page):
    page.open("")
    page.find_element(By.TAG_NAME, "body").send_keys("/")
    box = page.switch_to.active_element
    assert box.get_attribute("id") == "search-input"
    box.send_keys("api key")
    rows = results(page)
    target = hrefs(rows)[0]
    box.send_keys(Keys.ARROW_DOWN)
    assert rows[0].get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == rows[0].get_attribute("id")
    assert box.get_attribute("aria-expanded") == "true"
    box.send_keys(Keys.ENTER)
    wait(page, lambda d: d.current_url == target)


def test_escape_closes_the_panel(page):
    page.open("")
    box = type_query(page, "translate")
    results(page)
    box.send_keys(Keys.ESCAPE)
    wait(page, lambda d: not d.find_element(By.ID, "search-panel").is_displayed())
    assert box.get_attribute("aria-expanded") == "false"


def test_no_results_suggests_the_task_index(page):
    page.open("")
    type_query(page, "zzqxv")
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-empty"))
    link = page.find_element(By.CSS_SELECTOR, "#search-results .search-empty a")
    assert link.get_attribute("href") == urljoin(page.site_url, "tasks/")


def test_search_page_lists_results_for_the_url_query(page):
    page.open("search/?q=translate")
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-page-results > li"))
    rows = page.find_elements(By.CSS_SELECTOR, "#search-page-results > li")
    assert len(rows) >= 2
    assert page.find_element(By.ID, "search-page-input").get_attribute("value") == "translate"
    assert "translate" in page.find_element(By.ID, "search-page-status").text
    assert rows[0].find_elements(By.CSS_SELECTOR, "mark")


def test_search_page_updates_its_shareable_url(page):
    page.open("search/")
    box = page.find_element(By.ID, "search-page-input")
    box.send_keys("api key")
    wait(page, lambda d: "q=api+key" in d.current_url or "q=api%20key" in d.current_url)
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-page-results > li"))


def test_search_page_without_javascript_points_to_the_site_map(site_url):
    import os
    from conftest import SITE_DIR
    html = open(os.path.join(SITE_DIR, "search", "index.html"), encoding="utf-8").read()
    noscript = html.split("<noscript>")[1].split("</noscript>")[0]
    assert "JavaScript" in noscript and 'href="../sitemap/"' in noscript
    assert '<form action="../search/" method="get"' in html


def test_pages_load_without_console_errors(page):
    for path in ("", "search/", "zh/", "tasks/", "tools/"):
        page.open(path)
        assert page.execute_script("return typeof docgenSearch") == "object"

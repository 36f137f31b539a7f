"""Accessibility checks on the built demo hub in a real browser (see conftest.py for how to run).

Each page is audited once by a script run in the page (structure, names, ids, headings) and the
findings are reported per check, so a failure names the page and the rule. Keyboard, narrow-screen
and colour-contrast checks drive the browser itself.
"""
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

PAGES = [
    "",                                  # home: role badges, a table, autolinked terms
    "getting-started/review-process/",   # guide: TOC, backlinks, glossary terms
    "roles/",
    "roles/technical-translator/",
    "tasks/",
    "tasks/deploy-a-tool/",              # prerequisites, task list
    "tools/",                            # filter form
    "tools/hubdocs/",
    "glossary/",
    "glossary/api-key/",
    "tags/",
    "tags/translation/",
    "sitemap/",
    "search/?q=translate",
    "404.html",
    "zh/",
]

# Runs in the page; returns {check name: [problems]}. An empty list means the check passed.
AUDIT = r"""
const problems = {};
const add = (check, text) => (problems[check] = problems[check] || []).push(text);
const describe = (el) => {
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (el.className && typeof el.className === 'string') s += '.' + el.className.trim().split(/\s+/).join('.');
  const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return text ? `${s} "${text}"` : s;
};
const byIds = (ids) => (ids || '').split(/\s+/).filter(Boolean)
  .map((id) => document.getElementById(id)).filter(Boolean);
const textName = (el) => {
  // Text a screen reader would read for an element's contents: text plus images' alt.
  let out = '';
  el.childNodes.forEach((n) => {
    if (n.nodeType === 3) out += n.textContent;
    else if (n.nodeType === 1 && n.getAttribute('aria-hidden') !== 'true') {
      out += n.tagName === 'IMG' ? (n.getAttribute('alt') || '') : textName(n);
    }
  });
  return out.trim();
};
const accessibleName = (el) => {
  const labelledby = byIds(el.getAttribute('aria-labelledby'));
  if (labelledby.length) return labelledby.map(textName).join(' ').trim();
  if ((el.getAttribute('aria-label') || '').trim()) return el.getAttribute('aria-label').trim();
  return '';
};
const checks = ['one h1', 'html lang', 'landmarks', 'named navs', 'img alt', 'labels', 'unique ids',
          'heading order', 'link text'];
checks.forEach((c) => (problems[c] = []));

const h1s = document.querySelectorAll('h1');
if (h1s.length !== 1) add('one h1', `${h1s.length} <h1> elements: ${[...h1s].map(describe).join(', ')}`);

const lang = document.documentElement.getAttribute('lang');
if (!lang || !lang.trim()) add('html lang', '<html> has no lang');

const outside = (el) => !el.closest('main, article, aside, section, nav');
const banners = [...document.querySelectorAll('header')].filter(outside);
const infos = [...document.querySelectorAll('footer')].filter(outside);
if (banners.length !== 1) add('landmarks', `${banners.length} page-level <header> (banner)`);
if (document.querySelectorAll('main').length !== 1) add('landmarks', `${document.querySelectorAll('main').length} <main>`);
if (!document.querySelector('main#main')) add('landmarks', 'no <main id="main">');
if (!document.querySelector('nav')) add('landmarks', 'no <nav>');
if (infos.length !== 1) add('landmarks', `${infos.length} page-level <footer> (contentinfo)`);

const navNames = new Map();
document.querySelectorAll('nav').forEach((nav) => {
  const name = accessibleName(nav);
  if (!name) add('named navs', `unnamed ${describe(nav)}`);
  else if (navNames.has(name)) add('named navs', `two navs named "${name}"`);
  navNames.set(name, true);
});

document.querySelectorAll('img').forEach((img) => {
  if (!img.hasAttribute('alt')) add('img alt', `no alt: ${img.getAttribute('src')}`);
});

const isTaskListBox = (el) => el.matches('li > input[type=checkbox][disabled]:first-child');
document.querySelectorAll('input, select, textarea, button').forEach((el) => {
  if (el.type === 'hidden' || isTaskListBox(el)) return;
  let name = accessibleName(el);
  if (!name && el.id) {
    name = [...document.querySelectorAll('label')].filter((l) => l.htmlFor === el.id).map(textName).join(' ');
  }
  if (!name && el.closest('label')) name = textName(el.closest('label'));
  if (!name && el.tagName === 'BUTTON') name = textName(el);
  if (!name && (el.getAttribute('title') || '').trim()) name = el.getAttribute('title');
  if (!name.trim()) add('labels', `no label: ${describe(el)} name=${el.getAttribute('name')}`);
});

const seen = new Map();
document.querySelectorAll('[id]').forEach((el) => {
  if (seen.has(el.id)) add('unique ids', `id "${el.id}" on ${describe(seen.get(el.id))} and ${describe(el)}`);
  else seen.set(el.id, el);
});

let previous = 0;
document.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach((h) => {
  const level = Number(h.tagName[1]);
  if (previous && level > previous + 1) add('heading order', `h${previous} then ${describe(h)} (h${level})`);
  previous = level;
});

document.querySelectorAll('a[href]').forEach((a) => {
  const name = accessibleName(a) || textName(a) || (a.getAttribute('title') || '').trim();
  if (!name) add('link text', `empty link to ${a.getAttribute('href')}`);
});
return problems;
"""

CHECKS = ["one h1", "html lang", "landmarks", "named navs", "img alt", "labels", "unique ids",
          "heading order", "link text"]

_audits = {}


def audit(page, path):
    if path not in _audits:
        page.open(path)
        _audits[path] = page.execute_script(AUDIT)
    return _audits[path]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("check", CHECKS)
def test_structure(page, path, check):
    problems = audit(page, path)[check]
    assert not problems, f"/{path}: {check}: " + "; ".join(problems)


@pytest.mark.parametrize("path", PAGES)
def test_skip_link_is_first_stop_and_reaches_main(page, path):
    page.open(path)
    page.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    ActionChains(page).send_keys(Keys.TAB).perform()
    info = page.execute_script("""
        const el = document.activeElement, r = el.getBoundingClientRect();
        return {cls: el.className, href: el.getAttribute('href'), visible: r.width > 0 && r.height > 0
                && r.top >= 0 && r.bottom <= innerHeight, main: !!document.getElementById('main')};""")
    assert info["cls"] == "skip-link" and info["href"] == "#main", f"first Tab stop: {info}"
    assert info["visible"], "the skip link is not visible when focused"
    assert info["main"], "the skip link's target #main does not exist"
    ActionChains(page).send_keys(Keys.ENTER).perform()
    assert page.execute_script("return document.activeElement.id") == "main", "Enter on the skip link does not move focus to <main>"


@pytest.fixture
def phone(page):
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                         {"width": 375, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    yield page
    page.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_at_375px(phone, path):
    phone.open(path)
    wide = phone.execute_script("""
        const limit = document.documentElement.clientWidth;
        const over = [...document.querySelectorAll('body *')].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width && r.right > limit + 1 && getComputedStyle(el).position !== 'fixed'
                 && !el.closest('pre, table, .visually-hidden, [hidden]');
        }).slice(0, 5).map((el) => el.tagName.toLowerCase() + '.' + el.className);
        return {scroll: document.documentElement.scrollWidth, client: limit, over};""")
    assert wide["scroll"] <= wide["client"], f"/{path} scrolls sideways at 375px: {wide}"


CONTRAST = r"""
const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
const lum = ([r, g, b]) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const background = (el) => {
  for (; el; el = el.parentElement) {
    const c = parse(getComputedStyle(el).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
  }
  return [255, 255, 255];
};
const bad = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const done = new Set();
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const el = n.parentElement;
  if (!n.textContent.trim() || done.has(el)) continue;
  done.add(el);
  if (el.closest('[aria-hidden=true], .visually-hidden, script, style, noscript')) continue;
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  if (!r.width || !r.height || s.visibility === 'hidden' || Number(s.opacity) < 1) continue;
  const fg = parse(s.color), bg = background(el);
  const [a, b] = [lum(fg.slice(0, 3)), lum(bg)].sort((x, y) => y - x);
  const ratio = (a + 0.05) / (b + 0.05);
  const size = parseFloat(s.fontSize), bold = Number(s.fontWeight) >= 700;
  const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  if (ratio < need) bad.push(`${el.tagName.toLowerCase()}.${el.className} "${n.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
}
return bad.slice(0, 10);
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "roles/technical-translator/", "tasks/deploy-a-tool/", "tools/",
                                  "tags/", "search/?q=translate", "404.html"])
def test_text_contrast(page, path, scheme):
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    try:
        page.open(path)
        page.execute_script("return new Promise((done) => setTimeout(done, 300))")
        bad = page.execute_script(CONTRAST)
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert not bad, f"/{path} ({scheme}): text below WCAG AA contrast: " + "; ".join(bad)


def test_redirect_page_is_accessible(page):
    page.open("getting-started/code-review/")  # follows the refresh; check the redirect page's own HTML
    html = page.execute_script("""
        return fetch('../code-review/').then((r) => r.text());""")
    assert '<html lang="' in html and "<h1>" in html and "<main>" in html


def test_task_list_checkboxes_are_labelled(page):
    page.open("tasks/deploy-a-tool/")
    unlabelled = page.execute_script("""
        return [...document.querySelectorAll('li > input[type=checkbox]')].filter((el) =>
          !el.closest('label') && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')
          && !(el.id && document.querySelector(`label[for="${el.id}"]`))).length;""")
    assert unlabelled == 0, f"{unlabelled} task-list checkboxes without a label"

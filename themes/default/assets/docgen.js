/* docgen default theme: progressive enhancement only. Every page works without this file. */
(function () {
  "use strict";

  /* Sidebar and "On this page" collapse into <details> on narrow screens; they start open so
     that nothing is hidden without JavaScript. Close them on phones, keep them open on desktop. */
  function setupCollapsibles() {
    var narrow = window.matchMedia("(max-width: 56rem)");
    var medium = window.matchMedia("(max-width: 75rem)");
    var sidebar = document.querySelector(".sidebar-details");
    var toc = document.querySelector(".toc-details");
    function apply() {
      if (sidebar) sidebar.open = !narrow.matches;
      if (toc) toc.open = !medium.matches;
    }
    apply();
    [narrow, medium].forEach(function (mq) {
      if (mq.addEventListener) mq.addEventListener("change", apply);
    });
    if (sidebar) {
      sidebar.addEventListener("toggle", function () {
        if (!narrow.matches && !sidebar.open) sidebar.open = true;
      });
      var current = sidebar.querySelector('[aria-current="page"]');
      if (current && !narrow.matches && sidebar.scrollHeight > sidebar.clientHeight) {
        sidebar.scrollTop = Math.max(0, current.offsetTop - sidebar.clientHeight / 3);
      }
    }
  }

  /* Highlight the "On this page" entry of the section being read. */
  function setupScrollSpy() {
    var links = Array.prototype.slice.call(document.querySelectorAll(".toc a[href^='#']"));
    if (!links.length || !("IntersectionObserver" in window)) return;
    var byId = {};
    var targets = [];
    links.forEach(function (a) {
      var id = decodeURIComponent(a.getAttribute("href").slice(1));
      var el = document.getElementById(id);
      if (el) { byId[id] = a; targets.push(el); }
    });
    var visible = {};
    function update() {
      var active = null;
      for (var i = 0; i < targets.length; i++) {
        if (visible[targets[i].id]) { active = targets[i].id; break; }
      }
      if (!active) return;
      links.forEach(function (a) { a.classList.remove("active"); });
      byId[active].classList.add("active");
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { visible[e.target.id] = e.isIntersecting; });
      update();
    }, { rootMargin: "0px 0px -65% 0px" });
    targets.forEach(function (t) { observer.observe(t); });
  }

  /* Tool catalogue filter: data attributes on each card, selects built by the template. */
  function setupToolFilter() {
    var form = document.querySelector("form.tool-filter");
    if (!form) return;
    var cards = Array.prototype.slice.call(document.querySelectorAll(".tool-card"));
    var count = form.querySelector(".tool-count");
    var empty = document.querySelector(".no-results");
    var fields = {
      status: form.querySelector('select[name="status"]'),
      languages: form.querySelector('select[name="language"]'),
      roles: form.querySelector('select[name="role"]')
    };
    function matches(card, key, value) {
      if (!value) return true;
      var have = (card.getAttribute("data-" + key) || "").split(/\s+/);
      return have.indexOf(value) !== -1;
    }
    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var ok = Object.keys(fields).every(function (key) {
          return !fields[key] || matches(card, key, fields[key].value);
        });
        card.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = shown === 1 ? "1 tool shown" : shown + " tools shown";
      if (empty) empty.hidden = shown !== 0;
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  /* Copy buttons on code blocks. */
  function setupCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("main pre > code").forEach(function (code) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      /* The visible word is the accessible name, so screen readers hear "Copied" too. */
      function say(text) { button.innerHTML = text + (text === "Copy failed" ? "" : '<span class="visually-hidden"> code</span>'); }
      say("Copy");
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(code.innerText.replace(/\n$/, "")).then(function () {
          say("Copied");
          setTimeout(function () { say("Copy"); }, 1500);
        }, function () {
          say("Copy failed");
        });
      });
      code.parentNode.appendChild(button);
    });
  }

  function init() {
    setupCollapsibles();
    setupScrollSpy();
    setupToolFilter();
    setupCopyButtons();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

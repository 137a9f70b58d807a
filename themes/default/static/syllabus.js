/* syllabus default theme: progressive enhancements. Pages work without this file. */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement, KEY = "syllabus-theme";

  function store(value) {
    try { localStorage.setItem(KEY, value); } catch (e) { /* private mode */ }
  }
  function saved() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function currentTheme() {
    var t = root.getAttribute("data-theme");
    if (t === "light" || t === "dark") return t;
    return darkQuery && darkQuery.matches ? "dark" : "light";
  }

  /* (1) Theme toggle */
  function initTheme() {
    var button = doc.querySelector(".theme-toggle");
    if (!button) return;
    function sync() {
      var dark = currentTheme() === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      button.title = dark ? "Switch to light theme" : "Switch to dark theme";
    }
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      store(next);
      sync();
    });
    if (darkQuery) {
      var onChange = function () { if (!saved()) sync(); };
      if (darkQuery.addEventListener) darkQuery.addEventListener("change", onChange);
      else if (darkQuery.addListener) darkQuery.addListener(onChange);
    }
    sync();
    button.hidden = false;
  }

  /* (2) Copy buttons on code blocks */
  var live;
  function announce(text) {
    if (!live) {
      live = doc.createElement("div");
      live.className = "sr-only";
      live.setAttribute("aria-live", "polite");
      live.setAttribute("role", "status");
      live.style.cssText = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0";
      doc.body.appendChild(live);
    }
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 50);
  }
  function codeText(block) {
    var code = block.querySelector("pre code") || block.querySelector("pre");
    if (!code) return "";
    var copy = code.cloneNode(true);
    var numbers = copy.querySelectorAll(".line-number");
    for (var i = 0; i < numbers.length; i++) numbers[i].parentNode.removeChild(numbers[i]);
    return copy.textContent.replace(/\n$/, "");
  }
  function fallbackCopy(text) {
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;top:0;left:0;opacity:0;pointer-events:none";
    doc.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    doc.body.removeChild(area);
    return ok;
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }
  function initCopy() {
    var blocks = doc.querySelectorAll(".code-block");
    Array.prototype.forEach.call(blocks, function (block) {
      if (block.querySelector(".copy-code")) return;
      var button = doc.createElement("button");
      button.type = "button";
      button.className = "copy-code";
      button.textContent = "Copy";
      var lang = block.getAttribute("data-lang");
      button.setAttribute("aria-label", lang ? "Copy " + lang + " code" : "Copy code");
      var timer;
      button.addEventListener("click", function () {
        copy(codeText(block)).then(function (ok) {
          button.textContent = ok ? "Copied" : "Press Ctrl+C";
          button.classList.toggle("copied", ok);
          announce(ok ? "Code copied to clipboard" : "Copying failed");
          clearTimeout(timer);
          timer = setTimeout(function () {
            button.textContent = "Copy";
            button.classList.remove("copied");
          }, 1500);
        });
      });
      block.insertBefore(button, block.firstChild);
      block.classList.add("has-copy");
    });
  }

  /* (3) Table of contents: open on wide screens, highlight the heading in view */
  function initToc() {
    var toc = doc.querySelector(".toc");
    if (!toc) return;
    var details = toc.querySelector("details");
    if (details && window.matchMedia) {
      var wide = window.matchMedia("(min-width: 1100px)");
      var summary = details.querySelector("summary");
      // In the sidebar the list is always shown and the summary is only a label.
      var onWide = function () {
        if (wide.matches) details.open = true;
        if (summary) summary.tabIndex = wide.matches ? -1 : 0;
      };
      if (summary) summary.addEventListener("click", function (e) { if (wide.matches) e.preventDefault(); });
      if (wide.addEventListener) wide.addEventListener("change", onWide);
      else if (wide.addListener) wide.addListener(onWide);
      onWide();
    }
    if (!("IntersectionObserver" in window)) return;
    var links = {}, headings = [];
    Array.prototype.forEach.call(toc.querySelectorAll('a[href^="#"]'), function (a) {
      var id = decodeURIComponent(a.getAttribute("href").slice(1));
      var h = id && doc.getElementById(id);
      if (h) { links[id] = a; headings.push(h); }
    });
    if (!headings.length) return;
    var visible = {}, active = null;
    function setActive(id) {
      if (id === active) return;
      if (active && links[active]) { links[active].classList.remove("active"); links[active].removeAttribute("aria-current"); }
      active = id;
      if (id && links[id]) { links[id].classList.add("active"); links[id].setAttribute("aria-current", "location"); }
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { visible[e.target.id] = e.isIntersecting; });
      for (var i = 0; i < headings.length; i++) {
        if (visible[headings[i].id]) { setActive(headings[i].id); return; }
      }
      // Nothing in the band: keep the last heading above the viewport.
      var last = null;
      for (var j = 0; j < headings.length; j++) {
        if (headings[j].getBoundingClientRect().top < 0) last = headings[j].id;
      }
      if (last) setActive(last);
    }, { rootMargin: "0px 0px -70% 0px", threshold: 0 });
    headings.forEach(function (h) { observer.observe(h); });
  }

  function init() {
    [initTheme, initCopy, initToc].forEach(function (fn) {
      try { fn(); } catch (e) { if (window.console) console.error(e); }
    });
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();

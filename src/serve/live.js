// Injected by `syllabus serve` only (never into built sites): reloads the
// page after a successful rebuild and shows build errors over the page.
(function () {
  "use strict";
  var since = null;
  // The build this page is from: a build that came before the first answer
  // still reloads it.
  var tag = document.currentScript;
  var served = tag && tag.dataset.build ? Number(tag.dataset.build) : NaN;
  var overlay = null;

  function show(errors) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "syllabus-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,24,.94);color:#f5f5f5;font:14px/1.5 ui-monospace,monospace;";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("h2");
    title.textContent = "syllabus: the site has " + errors.length + " error" + (errors.length === 1 ? "" : "s") +
      " (showing the last good build)";
    title.style.cssText = "color:#ff8a80;font:600 18px/1.3 system-ui,sans-serif;margin:0 0 1rem";
    overlay.appendChild(title);
    errors.forEach(function (text) {
      var pre = document.createElement("pre");
      pre.textContent = text;
      pre.style.cssText = "white-space:pre-wrap;margin:0 0 1rem;padding:1rem;background:#000;border-left:4px solid #ff5252";
      overlay.appendChild(pre);
    });
  }

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function poll() {
    fetch("/__syllabus/wait" + (since === null ? "" : "?since=" + since), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        var known = since !== null ? since : served;
        var changed = !isNaN(known) && state.build !== known;
        since = state.build;
        if (state.errors.length) {
          show(state.errors);
        } else if (changed) {
          location.reload();
          return;
        } else {
          hide();
        }
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();

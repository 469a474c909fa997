// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  function isTyping(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  // "/" focuses the search box from anywhere, unless the user is typing in a field.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) {
      return;
    }
    var box = document.getElementById("search-q");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  // Copy buttons: hidden in the HTML, shown here. The clipboard API needs HTTPS or localhost;
  // on a plain-HTTP intranet the older selection-and-copy command does the job.
  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copyText(button) {
    var root = button.closest("figure, .copy-source, form, section") || document;
    var source = root.querySelector(button.getAttribute("data-copy-from"));
    if (!source) { return; }
    var text = (source.value !== undefined ? source.value : source.innerText).trim();
    var copying = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(text) : legacyCopy(text);
    copying.then(function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied-label") || label;
      button.classList.add("copied");
      setTimeout(function () { button.textContent = label; button.classList.remove("copied"); }, 1500);
    }, function () {});
  }

  function enableCopyButtons(scope) {
    scope.querySelectorAll("button[data-copy-from]").forEach(function (button) {
      button.hidden = false;
      if (!button.dataset.bound) {
        button.dataset.bound = "1";
        button.addEventListener("click", function () { copyText(button); });
      }
    });
  }

  window.kb = { enableCopyButtons: enableCopyButtons };
  enableCopyButtons(document);

  // A table wider than its box scrolls sideways: while it does, the box takes keyboard focus
  // (the arrow keys then scroll it), named by the table's caption when it has one. Boxes the
  // page made focusable itself (the editors' reports) are left as they are.
  function markScrollingTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var ours = wrap.hasAttribute("data-scroll-focus");
      if (wrap.hasAttribute("tabindex") && !ours) { return; }
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !ours) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("data-scroll-focus", "");
        if (caption && caption.textContent.trim()) {
          wrap.setAttribute("role", "group");
          wrap.setAttribute("aria-label", caption.textContent.trim());
        }
      } else if (!scrolls && ours) {
        ["tabindex", "data-scroll-focus", "role", "aria-label"].forEach(function (name) {
          wrap.removeAttribute(name);
        });
      }
    });
  }
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(markScrollingTables, 200);
  });
  markScrollingTables();

  // The contents are folded in the HTML (a side panel keeps its first screen for the procedure);
  // a wide window has room to show them open.
  if (window.matchMedia && window.matchMedia("(min-width: 60rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = true; });
  }

  // The other language's page has the same anchors (step, row and block ids are shared): keep
  // the part of the page being read when switching (the server never sees the #fragment).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".lang-switch a[hreflang]");
    if (!link || !window.location.hash) { return; }
    var target = new URL(link.href, window.location.href);
    if (!target.hash) {
      target.hash = window.location.hash;
      link.href = target.toString();
    }
  });
})();

// Interactive guidance, as progressive enhancement: every page works without this file.
// - Walkthroughs: the next step is fetched (?partial=1) and swapped in without a page load;
//   the address follows (pushState), and the browser's Back and Forward buttons work.
// - Decision tables: the rows are filtered as you type, by the server's own word analysis.
// - Checklists: the fallback switch updates which fields are marked required.
// - The browser's time zone is remembered (cookie kb_tz) for summaries and routing.
(function () {
  "use strict";

  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("kb_tz=" + zone) < 0) {
      // Not HttpOnly (a script sets it); Secure whenever the page itself came over HTTPS.
      var secure = window.location.protocol === "https:" ? "; secure" : "";
      document.cookie = "kb_tz=" + zone + "; path=/; max-age=31536000; samesite=lax" + secure;
    }
  } catch (e) { /* no Intl: the site's time zone is used */ }

  // ---- Walkthroughs ----------------------------------------------------------------------

  function currentRun() { return document.querySelector("[data-guide-run]"); }

  function partialUrl(url) {
    var target = new URL(url, window.location.href);
    target.searchParams.set("partial", "1");
    return target.toString();
  }

  var busy = false;

  // Show the position at `url`; `data` (FormData) makes it a POST that carries typed details.
  function go(url, data, how, fallBack) {
    var run = currentRun();
    if (busy || !run) { return; }
    busy = true;
    run.setAttribute("aria-busy", "true");
    var options = { method: data ? "POST" : "GET", credentials: "same-origin" };
    if (data) {
      options.body = data;
      options.headers = { "X-CSRF-Token": data.get("csrf_token") || "" };
    }
    fetch(partialUrl(url), options).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.text();
    }).then(function (html) {
      var next = new DOMParser().parseFromString(html, "text/html").querySelector("[data-guide-run]");
      if (!next) { throw new Error("no walkthrough in the answer"); }
      run.replaceWith(next);
      busy = false;
      document.title = next.getAttribute("data-title");
      var address = next.getAttribute("data-url");
      var same = new URL(address, window.location.href).href === window.location.href;
      if (how === "push" && !same) {  // details to correct leave the step, and the address, as is
        window.history.pushState({ guide: true }, "", address);
      } else {
        window.history.replaceState({ guide: true }, "", address);
      }
      if (window.kb && window.kb.enableCopyButtons) { window.kb.enableCopyButtons(next); }
      var heading = next.querySelector("[data-guide-focus]");
      if (heading) { heading.focus(); }
    }).catch(function () {
      busy = false;
      run.removeAttribute("aria-busy");
      fallBack();
    });
  }

  function modified(event) {
    return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  }

  if (currentRun() && window.fetch && window.FormData && window.history.pushState) {
    window.history.replaceState({ guide: true }, "", currentRun().getAttribute("data-url"));

    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-guide-nav]");
      if (!link || modified(event) || !currentRun().contains(link)) { return; }
      event.preventDefault();
      go(link.href, null, "push", function () { window.location.href = link.href; });
    });

    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches("form[data-guide-form]")) { return; }
      event.preventDefault();
      var submitter = event.submitter;
      var url = submitter && submitter.hasAttribute("formaction") ? submitter.formAction : form.action;
      var data = new FormData(form);
      if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
      go(url, data, "push", function () {
        if (submitter && submitter.name) {
          var field = document.createElement("input");
          field.type = "hidden";
          field.name = submitter.name;
          field.value = submitter.value;
          form.appendChild(field);
        }
        form.action = url;
        form.submit();  // a native submit: no second submit event
      });
    });

    // Back and Forward: show the position of the address, with the details typed so far.
    window.addEventListener("popstate", function (event) {
      if (!event.state || !event.state.guide) { return; }
      var form = currentRun() && currentRun().querySelector("form[data-guide-form]");
      var data = form ? new FormData(form) : null;
      busy = false;
      go(window.location.href, data, "replace", function () { window.location.reload(); });
    });
  }

  // ---- Decision tables: filter as you type ---------------------------------------------

  document.querySelectorAll("form[data-table-filter]").forEach(function (form) {
    var input = form.querySelector("input[name=q]");
    var status = form.querySelector("[data-table-status]");
    var table = document.getElementById(form.getAttribute("data-table"));
    if (!input || !table || !window.fetch) { return; }
    var rows = table.querySelectorAll("tr.dt-row");
    var timer = null;
    var latest = 0;

    function update() {
      var query = input.value;
      var asked = ++latest;
      var url = new URL(form.getAttribute("data-rows-url"), window.location.href);
      url.searchParams.set("q", query);
      fetch(url.toString(), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.json();
        }).then(function (answer) {
          if (asked !== latest) { return; }  // an older answer arriving late
          var shown = {};
          answer.rows.forEach(function (id) { shown[id] = true; });
          rows.forEach(function (row) { row.hidden = !shown[row.id]; });
          status.textContent = query.trim() || form.hasAttribute("data-update-url") ? answer.status : "";
          if (form.hasAttribute("data-update-url")) {
            var here = new URL(window.location.href);
            if (query) { here.searchParams.set("q", query); } else { here.searchParams.delete("q"); }
            window.history.replaceState(window.history.state, "", here.toString());
          }
        }).catch(function () { /* the button still sends the form */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 150);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      update();
    });
  });

  // ---- Forms sent with a page load (checklists, calculators): go to what came back --------
  // The errors to correct, or else the result, are above the form: focus them, so that a
  // keyboard or screen-reader user does not start again from the top of the page.

  var landing = document.querySelector(".guide-form .guide-errors, .guide-result [data-guide-focus]");
  if (landing) {
    if (!landing.hasAttribute("tabindex")) { landing.setAttribute("tabindex", "-1"); }
    landing.focus();
  }

  // ---- Checklists: the fallback switch changes which fields are required ---------------

  document.addEventListener("change", function (event) {
    var toggle = event.target;
    if (!toggle.matches || !toggle.matches("[data-fallback-switch]")) { return; }
    var group = toggle.closest("[data-fallback-group]");
    if (!group) { return; }
    var key = toggle.checked ? "data-fallback-required" : "data-required";
    var needed = (group.getAttribute(key) || "").split(" ");
    group.querySelectorAll("[data-field]").forEach(function (field) {
      var required = needed.indexOf(field.getAttribute("data-field")) >= 0;
      var mark = field.querySelector(".field-mark");
      var control = field.querySelector("input, select, textarea");
      mark.textContent = mark.getAttribute(required ? "data-label-required" : "data-label-desirable");
      mark.classList.toggle("is-required", required);
      mark.classList.toggle("is-desirable", !required);
      if (required) { control.setAttribute("aria-required", "true"); } else { control.removeAttribute("aria-required"); }
    });
  });
})();

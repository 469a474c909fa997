// The editor made comfortable: a live preview and check as you type, problems that take you
// to their line, images uploaded and inserted at the cursor, the side-by-side check kept live,
// and a warning before leaving unsaved work. Without this file every form still works.
(function () {
  "use strict";

  var DELAY = 400; // ms of quiet typing before the preview is asked for

  function token() {
    var field = document.querySelector('input[name="csrf_token"]');
    return field ? field.value : "";
  }

  function post(url, data, accept) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRF-Token": token(), Accept: accept || "application/json" },
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok && !body.error) throw new Error(response.statusText);
        return body;
      });
    });
  }

  function debounce(fn) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, DELAY);
    };
  }

  // Select the given 1-based line of a textarea and scroll it into view.
  function goToLine(area, line) {
    var lines = area.value.split("\n");
    var start = 0;
    for (var i = 0; i < Math.min(line - 1, lines.length); i++) start += lines[i].length + 1;
    var end = start + (lines[line - 1] || "").length;
    area.focus();
    area.setSelectionRange(start, end);
    var height = area.scrollHeight / Math.max(lines.length, 1);
    area.scrollTop = Math.max(0, (line - 3) * height);
  }

  // Redraw a problems section from JSON problems, with the labels its data attributes carry.
  function showProblems(section, problems) {
    if (!section) return;
    var heading = section.querySelector("h2");
    while (section.lastChild && section.lastChild !== heading) section.removeChild(section.lastChild);
    if (!problems.length) {
      var none = document.createElement("p");
      none.className = "problems-none";
      none.textContent = section.dataset.none;
      section.appendChild(none);
      return;
    }
    var list = document.createElement("ul");
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.className = "problem problem-" + p.severity;
      item.dataset.line = p.line;
      var where = document.createElement("span");
      where.className = "problem-line";
      where.textContent = (p.path ? p.path + ", " : "") + section.dataset.lineLabel.replace("{n}", p.line);
      item.appendChild(where);
      if (section.dataset[p.severity]) {
        var chip = document.createElement("span");
        chip.className = "chip";
        chip.textContent = section.dataset[p.severity];
        item.appendChild(document.createTextNode(" "));
        item.appendChild(chip);
      }
      item.appendChild(document.createTextNode(" " + p.message));
      list.appendChild(item);
    });
    section.appendChild(list);
  }

  // Problems and conflicts are links to their line in the text.
  function linkLines(container, areaFor) {
    container.addEventListener("click", function (event) {
      var item = event.target.closest("[data-line]");
      if (!item) return;
      var area = areaFor(item);
      if (area) goToLine(area, parseInt(item.dataset.line, 10));
    });
    container.querySelectorAll("[data-line]").forEach(function (item) {
      item.tabIndex = 0;
    });
    container.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.dataset && event.target.dataset.line) {
        event.target.click();
      }
    });
  }

  function guardUnsaved(form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  function editor(form) {
    var area = document.getElementById("editor-text");
    var preview = document.getElementById("editor-preview");
    var problems = document.getElementById("problems");
    var refresh = debounce(function () {
      var data = new FormData();
      data.append("text", area.value);
      post(form.dataset.preview, data).then(function (body) {
        preview.innerHTML = body.html; // the server's renderer: the published page's escaping
        showProblems(problems, body.problems);
      }).catch(function () { /* the preview button still works */ });
    });
    area.addEventListener("input", refresh);
    linkLines(document.querySelector("main"), function () { return area; });
    guardUnsaved(form);

    var upload = document.querySelector(".image-upload");
    if (upload) {
      var status = document.createElement("p");
      status.setAttribute("role", "status");
      status.className = "hint";
      upload.after(status);
      upload.addEventListener("submit", function (event) {
        event.preventDefault();
        post(upload.action, new FormData(upload)).then(function (body) {
          if (body.error) {
            status.textContent = body.error;
            return;
          }
          var at = area.selectionStart || area.value.length;
          var before = area.value.slice(0, at);
          var insert = (before && !before.endsWith("\n") ? "\n" : "") + body.markdown + "\n";
          area.value = before + insert + area.value.slice(at);
          area.setSelectionRange(at + insert.length, at + insert.length);
          status.textContent = body.markdown;
          upload.reset();
          area.dispatchEvent(new Event("input", { bubbles: true }));
        }).catch(function () { upload.submit(); });
      });
    }
  }

  function pair(form) {
    var areas = form.querySelectorAll("textarea");
    var refresh = debounce(function () {
      var data = new FormData();
      areas.forEach(function (area) { data.append(area.name, area.value); });
      post(form.dataset.check, data).then(function (body) {
        areas.forEach(function (area) {
          var lang = area.lang;
          showProblems(document.getElementById("problems-" + lang), (body.problems[lang] || []));
        });
        showProblems(document.getElementById("structure"), body.structure);
      }).catch(function () {});
    });
    areas.forEach(function (area) { area.addEventListener("input", refresh); });
    linkLines(form, function (item) {
      var side = item.closest("[data-lang]");
      if (side) return side.querySelector("textarea");
      var path = item.querySelector(".problem-line");
      var lang = path ? path.textContent.slice(0, 2) : "";
      return form.querySelector('textarea[lang="' + lang + '"]');
    });
    guardUnsaved(form);
  }

  var form = document.querySelector(".editor-form");
  if (form) editor(form);
  var both = document.querySelector(".pair-form");
  if (both) pair(both);
})();

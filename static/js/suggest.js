// Search-as-you-type: suggestions under the search box from the second character.
// An ARIA 1.2 combobox (focus stays in the box, aria-activedescendant points at the option):
// arrows move, Enter opens, Escape closes; without JavaScript the box is a plain form.
// The options hold no links: a link inside an option is a second, nested control.
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  if (!input || !window.fetch) { return; }
  var form = input.form;
  var listId = "search-suggestions";
  var list = document.createElement("ul");
  list.id = listId;
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  if (input.labels && input.labels[0] && input.labels[0].id) {
    list.setAttribute("aria-labelledby", input.labels[0].id);
  }
  list.hidden = true;
  form.appendChild(list);
  // Said once when the list opens: that there is a list, and how to use it.
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("aria-expanded", "false");

  var active = -1;
  var items = [];
  var timer = null;
  var pending = null;
  var cache = {};
  // Replies can come back late and out of order. Only the reply to the latest request is
  // shown (`seq`), and none once the agent has moved the selection since that request went
  // out (`moves`): a late reply must never undo an arrow-key choice.
  var seq = 0;
  var moves = 0;

  function close() {
    status.textContent = "";
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function select(index) {
    var options = list.querySelectorAll("[role=option]");
    options.forEach(function (el, i) { el.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(data) {
    items = data.suggestions || [];
    list.textContent = "";
    if (!items.length) { close(); return; }
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = listId + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var title = document.createElement("span");
      title.className = "suggestion-title";
      title.textContent = item.title;
      li.appendChild(title);
      if (item.section) {
        var section = document.createElement("span");
        section.className = "suggestion-section";
        section.textContent = item.section;
        li.appendChild(section);
      }
      if (item.answer) {
        var answer = document.createElement("span");
        answer.className = "suggestion-answer";
        answer.textContent = item.answer;
        li.appendChild(answer);
      }
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      li.addEventListener("click", function () { window.location.href = item.url; });
      list.appendChild(li);
    });
    if (list.hidden) { status.textContent = input.getAttribute("data-suggest-hint") || ""; }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    var key = input.dataset.lang + "\u0000" + q;
    var mine = ++seq;
    var movesThen = moves;
    if (cache[key]) { show(cache[key]); return; }
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var url = input.dataset.suggestUrl + "?lang=" + encodeURIComponent(input.dataset.lang) +
      "&q=" + encodeURIComponent(q);
    fetch(url, { signal: pending.signal, headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) {
        cache[key] = data;
        if (mine === seq && moves === movesThen && input.value.trim() === q) { show(data); }
      })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 60);
  });
  input.addEventListener("keydown", function (e) {
    if (list.hidden) {
      if (e.key === "ArrowDown" && input.value.trim().length >= 2) { fetchSuggestions(); e.preventDefault(); }
      return;
    }
    if (e.key === "ArrowDown") { moves++; select(Math.min(active + 1, items.length - 1)); e.preventDefault(); }
    else if (e.key === "ArrowUp") { moves++; select(Math.max(active - 1, -1)); e.preventDefault(); }
    else if (e.key === "Escape") { close(); e.preventDefault(); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); window.location.href = items[active].url; }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();

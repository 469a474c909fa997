// "Was this helpful?" sent without leaving the page. Without this file the form posts and the
// server brings the reader back with a thank-you, so anything that fails here falls back to that.
(function () {
  "use strict";
  if (window.kbFeedback) { return; }  // the partial may appear more than once on a page
  window.kbFeedback = true;

  function fallBack(form, submitter) {
    if (submitter && submitter.name) {
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = submitter.name;
      field.value = submitter.value;
      form.appendChild(field);
    }
    form.submit();  // a native submit: no second submit event
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    if (!form.matches("form[data-feedback]") || !submitter || !window.fetch || !window.FormData) {
      return;
    }
    event.preventDefault();
    var data = new FormData(form);
    data.append(submitter.name, submitter.value);
    form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": data.get("csrf_token") }
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (answer) {
      var status = form.parentNode.querySelector("[data-feedback-status]");
      status.textContent = answer.message;
      form.remove();
      status.focus();
    }).catch(function () {
      fallBack(form, submitter);
    });
  });
})();

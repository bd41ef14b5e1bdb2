/* The question box, enhanced: the answer appears below the box and is announced (aria-live), without leaving
   the page. Without this file the form opens the answer page, which works the same. The question goes only to
   this site, in the body of a POST (never in an address, so no history or access log holds it). */
(function () {
  "use strict";

  function setUp(box) {
    var form = box.querySelector("form.ask-form");
    var region = box.querySelector(".ask-answer");
    if (!form || !region || !window.fetch || !window.DOMParser || !window.URLSearchParams || !window.FormData) {
      return;
    }
    var latest = 0;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var asked = ++latest;
      region.setAttribute("aria-busy", "true");
      fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "text/html" },
        body: new URLSearchParams(new FormData(form))
      })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          if (asked !== latest) { return; }
          var page = new DOMParser().parseFromString(html, "text/html");
          var answer = page.getElementById("ask-answer");
          region.innerHTML = answer ? answer.innerHTML : "";
          region.removeAttribute("aria-busy");
          box.classList.add("has-answer");
        })
        .catch(function () {
          // The page answers without JavaScript too: send the form the plain way (submit() skips this handler).
          form.submit();
        });
    });
  }

  function start() {
    var boxes = document.querySelectorAll(".ask-box");
    for (var i = 0; i < boxes.length; i += 1) { setUp(boxes[i]); }
    document.documentElement.setAttribute("data-ask-ready", "");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());

/* The question box, enhanced: the answer appears below the box and is announced (aria-live), without leaving
   the page. Without this file the form opens the answer page, which works the same. The question goes only to
   this site, in the address of a GET request that the access logs leave out. */
(function () {
  "use strict";

  function setUp(box) {
    var form = box.querySelector("form.ask-form");
    var region = box.querySelector(".ask-answer");
    if (!form || !region || !window.fetch || !window.DOMParser) { return; }
    var latest = 0;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var question = form.elements.q.value;
      var url = form.action + "?q=" + encodeURIComponent(question);
      var asked = ++latest;
      region.setAttribute("aria-busy", "true");
      fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
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
          // The page answers without JavaScript too: go there.
          window.location.href = url;
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

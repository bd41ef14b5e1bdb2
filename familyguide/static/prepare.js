/* "Get ready for the conference": the chat without page reloads. Progressive enhancement only: without
   this file every answer is an ordinary form post and the page comes back at the new question. */
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("chat-announcer");
    if (!region) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function countCharacters(textarea) {
    var counter = document.getElementById("answer-count");
    if (!textarea || !counter) { return; }
    var max = parseInt(textarea.getAttribute("data-max-length"), 10);
    var timer = null;
    function update() {
      var left = max - textarea.value.length;
      var template = counter.getAttribute(left >= 0 ? "data-template-left" : "data-template-over");
      counter.textContent = template.replace("{count}", Math.abs(left).toLocaleString(document.documentElement.lang));
    }
    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 400);  // after a pause, so a screen reader is not talked over
    });
    counter.setAttribute("aria-live", "polite");
  }

  function growAsTheyType(textarea) {
    // The box starts small on a phone (prepare.css) and grows with the text, up to the CSS max-height.
    if (!textarea) { return; }
    textarea.addEventListener("input", function () {
      var border = textarea.offsetHeight - textarea.clientHeight;
      if (textarea.scrollHeight > textarea.clientHeight) { textarea.style.height = (textarea.scrollHeight + border) + "px"; }
    });
  }

  function addReadAloud(root) {
    var template = document.getElementById("read-aloud-template");
    var speak = window.familyguide && window.familyguide.speak;
    if (!template || !speak || !document.body.classList.contains("has-local-voice")) { return; }
    root.querySelectorAll(".message").forEach(function (message) {
      if (message.querySelector(".read-message")) { return; }
      var button = template.content.firstElementChild.cloneNode(true);
      button.addEventListener("click", function () {
        var copy = message.cloneNode(true);
        copy.querySelectorAll("button, .change-link, details:not([open]) .prose").forEach(function (n) { n.remove(); });
        speak(copy.innerText || copy.textContent, document.documentElement.lang);
      });
      message.appendChild(button);
    });
  }

  function swapIn(doc, submitted) {
    var main = document.getElementById("main");
    var fresh = doc.getElementById("main");
    if (!fresh) { return false; }
    var oldLog = document.getElementById("chat-log");
    var newLog = doc.getElementById("chat-log");
    var before = oldLog ? oldLog.children.length : 0;
    document.title = doc.title;
    main.replaceWith(fresh);
    if (doc.documentElement.lang) { document.documentElement.lang = doc.documentElement.lang; }
    setUp(fresh);
    var spoken = [];
    if (newLog && submitted) {
      // The new replies in the conversation: the parent's answer and the helper's thanks.
      Array.prototype.slice.call(newLog.children, before).forEach(function (li) {
        if (li.classList.contains("acknowledgement")) { spoken.push(li.textContent.trim()); }
      });
    }
    var summary = fresh.querySelector(".error-summary");
    if (summary) {
      summary.focus();
      return true;
    }
    var progress = document.getElementById("chat-progress");
    if (progress) { spoken.push(progress.textContent.trim()); }
    announce(spoken.join(" "));
    // Focus the new question's box (or first reply): its label is the question, so it is read out. Then
    // show the question from its top (below the sticky exit bar, by the page's scroll-padding), as the
    // page does without JavaScript: focus alone would scroll only as far as the box.
    var question = document.getElementById("current-question");
    var field = fresh.querySelector("[autofocus]") || question;
    if (field) { field.focus({ preventScroll: true }); }
    if (question) { question.scrollIntoView({ block: "start" }); }
    return true;
  }

  function sendAnswer(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    document.body.classList.add("is-sending");
    // Not form.action: the buttons named "action" shadow it.
    return fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("text/html") !== 0) { throw new Error("not a page"); }
        return response.text().then(function (html) { return { response: response, html: html }; });
      })
      .then(function (result) {
        var doc = new DOMParser().parseFromString(result.html, "text/html");
        var stillChat = doc.getElementById("chat-log");
        if (!stillChat) {
          if (!result.response.redirected) { throw new Error("a problem page"); }  // shown by an ordinary post
          window.location.assign(result.response.url);  // check your answers
          return;
        }
        if (result.response.redirected) {
          window.history.replaceState(null, "", result.response.url.split("#")[0] + "#current-question");
        }
        swapIn(doc, true);
      })
      .catch(function () {
        form.setAttribute("data-plain", "");  // something went wrong: send it the ordinary way
        if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
      })
      .then(function () { document.body.classList.remove("is-sending"); });
  }

  function setUp(root) {
    var form = root.querySelector(".chat-form");
    if (form) {
      form.addEventListener("submit", function (event) {
        if (form.hasAttribute("data-plain")) { return; }
        event.preventDefault();
        sendAnswer(form, event.submitter);
      });
    }
    countCharacters(root.querySelector("#answer"));
    growAsTheyType(root.querySelector("#answer"));
    addReadAloud(root);
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.closest(".print-action").hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("familyguide:speech-ready", function () {
    document.body.classList.add("has-local-voice");
    addReadAloud(document);
  });
  document.addEventListener("DOMContentLoaded", function () {
    var main = document.getElementById("main");
    if (main) { setUp(main); }
    // Said once the chat's handlers are bound (tests wait for it rather than racing the page). A page
    // swapped in later is set up in the same step that shows it.
    document.documentElement.setAttribute("data-prepare-ready", "");
  });
}());

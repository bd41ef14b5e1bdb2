/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  // Quick exit (GOV.UK "Exit this page"): on click, or Shift pressed 3 times, hide the page at once and
  // replace this history entry with the exit route, which ends the session and goes to a neutral site.
  function setUpQuickExit() {
    var link = document.getElementById("exit-this-page");
    if (!link) { return; }
    function leave(event) {
      if (event) { event.preventDefault(); }
      document.body.classList.add("is-exiting");
      document.title = ".";
      window.location.replace(link.href);
    }
    link.addEventListener("click", leave);
    var presses = 0, timer = null;
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") { presses = 0; return; }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(function () { presses = 0; }, 5000);
      if (presses >= 3) { leave(); }
    });
  }

  // Read aloud with the browser's own speech synthesis, and only with voices on the device: a network
  // voice would send the family's page to a third party.
  function localVoice(lang) {
    var voices = window.speechSynthesis.getVoices().filter(function (v) { return v.localService; });
    var base = lang.split("-")[0];
    return voices.filter(function (v) { return v.lang.toLowerCase().split(/[-_]/)[0] === base; })[0] || null;
  }

  function speak(text, lang, onEnd) {
    var voice = localVoice(lang);
    if (!voice) { return false; }
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.voice = voice;
    utterance.rate = 0.9;
    if (onEnd) { utterance.onend = onEnd; }
    window.speechSynthesis.speak(utterance);
    return true;
  }

  function setUpReadAloud() {
    if (!("speechSynthesis" in window)) { return; }
    var lang = document.documentElement.lang;
    var offered = false;
    // Called now and whenever the device's voices change: the buttons get their handlers once only.
    function offer() {
      if (offered || !localVoice(lang)) { return; }
      offered = true;
      document.querySelectorAll(".read-aloud").forEach(function (box) {
        var start = box.querySelector("[data-read-aloud]");
        var stop = box.querySelector("[data-read-stop]");
        box.hidden = false;
        start.addEventListener("click", function () {
          var target = document.querySelector(start.getAttribute("data-read-aloud"));
          var text = target ? target.innerText : "";
          if (speak(text, lang, function () { stop.hidden = true; })) { stop.hidden = false; }
        });
        stop.addEventListener("click", function () { window.speechSynthesis.cancel(); stop.hidden = true; });
      });
      document.dispatchEvent(new CustomEvent("familyguide:speech-ready"));
    }
    offer();
    window.speechSynthesis.addEventListener("voiceschanged", offer);
  }

  // The note about the quick exit shows on the first page of a visit; a tap hides it now (the server
  // already remembers, for the rest of the visit, that it was shown). The button is in the page from the
  // start (floated to the inline end, the text flowing beside it), so binding it moves nothing.
  function setUpExitNoteHide() {
    var hide = document.querySelector(".exit-note .hide-note");
    if (!hide) { return; }
    hide.addEventListener("click", function () {
      hide.closest(".exit-note").remove();
      document.getElementById("main").focus();
    });
  }

  window.familyguide = { speak: speak };

  document.addEventListener("DOMContentLoaded", function () {
    setUpQuickExit();
    setUpExitNoteHide();
    setUpReadAloud();
    // Said once the handlers are bound (tests wait for it rather than racing the page).
    document.documentElement.setAttribute("data-site-ready", "");
  });
}());

// The warning before a staff session ends (WCAG 2.2.1, Timing Adjustable). The server ends a session after some
// minutes without a request, and some hours after signing in. Two minutes before either, this opens the page's
// <dialog id="session-warning">: "Stay signed in" sends its form (the request keeps the session alive); the
// hours' limit cannot be moved, so then it only warns. When the time is up it says the staff member was signed
// out. It asks the server how long is left (GET, which does not keep the session alive) before it warns, so work
// in another tab counts. All its words are in the page. Without JavaScript the footer says the limits.
(function () {
  "use strict";
  var dialog = document.getElementById("session-warning");
  if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) {
    return;
  }
  var warnSeconds = Number(dialog.getAttribute("data-warn-seconds"));
  var statusUrl = dialog.getAttribute("data-status-url");
  var stayForm = dialog.querySelector("form[method=post]");
  var timer = null;
  var ticker = null;
  var endsAt = 0;

  function words(seconds) {
    if (seconds >= 90) {
      return dialog.getAttribute("data-minutes").replace("{n}", String(Math.round(seconds / 60)));
    }
    if (seconds >= 60) {
      return dialog.getAttribute("data-one-minute");
    }
    return dialog.getAttribute("data-seconds").replace("{n}", String(Math.max(0, seconds)));
  }

  function showOnly(state) {
    // Each part of the dialog says in data-when which states it belongs to: idle, absolute, ended.
    Array.prototype.forEach.call(dialog.querySelectorAll("[data-when]"), function (part) {
      part.hidden = part.getAttribute("data-when").split(" ").indexOf(state) < 0;
    });
    dialog.setAttribute("aria-labelledby", state === "ended" ? "session-warning-ended" : "session-warning-soon");
    dialog.setAttribute("data-state", state);
  }

  function showTimeLeft() {
    // Written each 15 seconds, not each second: the text is read when the dialog opens, not as it changes.
    var seconds = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    Array.prototype.forEach.call(dialog.querySelectorAll(".time-left"), function (place) {
      place.textContent = words(seconds);
    });
  }

  function open(state) {
    showOnly(state);
    window.clearInterval(ticker);
    if (state !== "ended") {
      showTimeLeft();
      ticker = window.setInterval(showTimeLeft, 15000);
    }
    if (!dialog.open) {
      dialog.showModal();
    }
    // Focus on the first thing to press ("Stay signed in", or "Sign in again"), also when the dialog was open
    // already and the button that had focus is now hidden.
    var first = Array.prototype.filter.call(dialog.querySelectorAll("a, button"), function (control) {
      return control.offsetParent !== null;
    })[0];
    if (first && document.activeElement !== first) {
      first.focus();
    }
  }

  function close() {
    window.clearInterval(ticker);
    if (dialog.open) {
      dialog.close();
    }
  }

  function plan(left) {
    // left: {idle, absolute}, seconds from now. Ask again (or warn) when the nearer end is warnSeconds away.
    var seconds = Math.min(left.idle, left.absolute);
    endsAt = Date.now() + seconds * 1000;
    window.clearTimeout(timer);
    if (seconds > warnSeconds) {
      close();
      timer = window.setTimeout(check, (seconds - warnSeconds) * 1000);
      return;
    }
    open(left.absolute <= left.idle ? "absolute" : "idle");
    timer = window.setTimeout(check, (seconds + 1) * 1000);  // then see whether it has ended
  }

  var SIGNED_OUT = "signed out";

  function answer(response) {
    // A session that has ended is sent to the sign-in page: a redirect, which "manual" leaves unfollowed.
    if (response.type === "opaqueredirect") {
      throw new Error(SIGNED_OUT);
    }
    if (!response.ok) {
      throw new Error("no answer");
    }
    return response.json();
  }

  function failed(error) {
    window.clearTimeout(timer);
    if (error.message === SIGNED_OUT) {
      open("ended");
    } else {
      // The network or the server is away: never say signed out; ask again soon.
      dialog.setAttribute("data-state", "unanswered");
      timer = window.setTimeout(check, 15000);
    }
  }

  function check() {
    fetch(statusUrl, {credentials: "same-origin", redirect: "manual", headers: {Accept: "application/json"}})
      .then(answer).then(plan).catch(failed);
  }

  stayForm.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(stayForm.action, {method: "POST", body: new FormData(stayForm), credentials: "same-origin", redirect: "manual"})
      .then(answer).then(plan).catch(failed);
  });
  dialog.addEventListener("cancel", function (event) {
    // Escape while warned of the minutes' limit: the same as "Stay signed in", so a key press never signs out.
    if (dialog.getAttribute("data-state") === "idle") {
      event.preventDefault();
      stayForm.querySelector("button").click();  // as pressing it (requestSubmit is missing in older Safari)
    }
  });

  plan({
    idle: Number(dialog.getAttribute("data-idle-seconds")),
    absolute: Number(dialog.getAttribute("data-absolute-seconds"))
  });
  document.documentElement.setAttribute("data-staff-ready", "");
}());

/* The Three Houses: read-aloud buttons and the drawing pad. Progressive enhancement only: without this
   file the child still adds words and taps pictures. */
(function () {
  "use strict";

  // site.js says when the device has a local voice for the page's language; only then are buttons shown.
  document.addEventListener("familyguide:speech-ready", function () {
    document.querySelectorAll("button.speak").forEach(function (button) { button.hidden = false; });
  });

  function speakFor(button) {
    var target = document.querySelector(button.getAttribute("data-speak"));
    if (!target || !window.familyguide) { return; }
    var lang = (target.closest("[lang]") || document.documentElement).getAttribute("lang");
    window.familyguide.speak(target.innerText || target.textContent, lang);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.speak");
    if (button) { speakFor(button); }
  });

  var LINE_WIDTH = 10;

  /* Why nothing was saved, in the words of the page the site answered with: its list of problems, or else its
     heading and first paragraph (the "could not save" and "open on another device" pages). */
  function reasonsIn(doc) {
    var problems = doc.querySelectorAll(".error-summary li");
    var nodes = problems.length ? Array.prototype.slice.call(problems)
      : [doc.querySelector("main h1"), doc.querySelector("main h1 ~ p")];
    return nodes.filter(Boolean).map(function (node) { return node.textContent.trim(); });
  }

  function DrawingPad(section) {
    var canvas = section.querySelector("canvas");
    var context = canvas.getContext("2d");
    var form = section.querySelector("form");
    var input = form.querySelector("input[type=file]");
    var empty = section.querySelector("[data-draw-empty]");
    var button = form.querySelector("[data-send-drawing]");
    var notice = section.querySelector("[data-draw-not-saved]");
    var why = notice.querySelector("[data-draw-why]");
    var strokes = [];
    var current = null;
    var colour = "#0b0c0c";
    var background = null;

    function pointOf(event) {
      var box = canvas.getBoundingClientRect();
      return [(event.clientX - box.left) * canvas.width / box.width, (event.clientY - box.top) * canvas.height / box.height];
    }

    function segment(stroke, from, to) {
      context.strokeStyle = stroke.colour;
      context.lineWidth = LINE_WIDTH;
      context.lineCap = "round";
      context.lineJoin = "round";
      context.beginPath();
      context.moveTo(from[0], from[1]);
      context.lineTo(to[0] + (from === to ? 0.01 : 0), to[1]);
      context.stroke();
    }

    function paint() {
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      if (background) {
        var scale = Math.min(canvas.width / background.width, canvas.height / background.height);
        context.drawImage(background, 0, 0, background.width * scale, background.height * scale);
      }
      strokes.forEach(function (stroke) {
        stroke.points.forEach(function (point, i) { segment(stroke, stroke.points[Math.max(0, i - 1)], point); });
      });
    }

    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      var point = pointOf(event);
      current = { colour: colour, points: [point] };
      strokes.push(current);
      segment(current, point, point);
      empty.hidden = true;
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!current) { return; }
      var point = pointOf(event);
      segment(current, current.points[current.points.length - 1], point);
      current.points.push(point);
    });
    ["pointerup", "pointercancel", "lostpointercapture"].forEach(function (name) {
      canvas.addEventListener(name, function () { current = null; });
    });

    section.querySelectorAll("[data-colour]").forEach(function (button) {
      button.addEventListener("click", function () {
        colour = button.getAttribute("data-colour");
        section.querySelectorAll("[data-colour]").forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
      });
    });
    section.querySelector("[data-undo]").addEventListener("click", function () { strokes.pop(); paint(); });
    section.querySelector("[data-clear]").addEventListener("click", function () {
      strokes = [];
      background = null;
      paint();
    });

    // The drawing is sent from here rather than by the form, so that a drawing the site could not save (the
    // database away for a moment, the Three Houses opened on another device) stays on the pad, with the
    // site's reason, instead of going with the page.
    function notSaved(reasons) {
      button.disabled = false;
      while (why.firstChild) { why.removeChild(why.firstChild); }
      reasons.forEach(function (text) {
        var line = document.createElement("p");
        line.textContent = text;
        why.appendChild(line);
      });
      why.hidden = !reasons.length;
      notice.hidden = false;
      notice.focus();
    }

    function send(blob) {
      var data = new FormData(form);
      data.set(input.name, new File([blob], "drawing.png", { type: "image/png" }));
      fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          var page = type.indexOf("text/html") === 0 ? response.text() : Promise.resolve("");
          return page.then(function (html) {
            var doc = new DOMParser().parseFromString(html, "text/html");
            if (response.ok && response.redirected) {
              // Saved: on to the page the site sent us to, at the place its redirect named.
              var landing = form.getAttribute("data-landing");
              window.location.assign(response.url + (doc.getElementById(landing) ? "#" + landing : ""));
              return;
            }
            notSaved(reasonsIn(doc));
          });
        })
        .catch(function () { notSaved([]); });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (button.disabled) { return; }
      if (!strokes.length && !background) {
        empty.hidden = false;
        return;
      }
      button.disabled = true;  // once: a second press while it is on its way would add it twice
      notice.hidden = true;
      canvas.toBlob(send, "image/png");
    });

    var backgroundUrl = canvas.getAttribute("data-background");
    if (backgroundUrl) {
      var image = new Image();
      image.onload = function () { background = image; paint(); };
      image.src = backgroundUrl;
    }
    paint();
    section.hidden = false;
    // Drawing works here: the house's "Draw" choice can show.
    document.querySelectorAll("[data-draw-choice]").forEach(function (choice) { choice.hidden = false; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.fetch && window.DOMParser && window.FormData && HTMLCanvasElement.prototype.toBlob) {
      document.querySelectorAll("[data-draw]").forEach(function (section) { new DrawingPad(section); });
    }
    // Said once the handlers are bound (tests wait for it rather than racing the page).
    document.documentElement.setAttribute("data-houses-ready", "");
  });
}());

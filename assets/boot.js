/* spinefoot: start the interactive page when the person reaches for it.
 *
 * The server sends a link's view as a plain document first (dashapp/page/first_view.py):
 * the picture and the words, readable at once. The app's scripts are listed in
 * the page but not run (type "text/x-later"). Running them costs a phone seconds
 * of processor time in which the page would not answer; so they start here, on
 * the first tap, key press or mouse movement — or at once when the server says
 * the view is a tool (data-boot="now"). Then the app replaces the document.
 */
(function () {
  "use strict";

  var view = document.querySelector(".first-view");
  if (!view) return;
  var started = false;
  var then = null; // what the person asked for before the app was there
  var place = null; // the part of the document they reached for: the app shows it there
  var REACH = ["pointerdown", "pointermove", "keydown", "touchstart"];

  function say(text) {
    var status = view.querySelector(".first-view-status");
    if (status) status.textContent = text;
  }

  function reach(event) {
    // a mouse moving means a person at a desk: start; a finger only when it touches
    if (event.type === "pointermove" && event.pointerType !== "mouse") return;
    // a link leaves this page: nothing to start here
    if (event.target && event.target.closest && event.target.closest("a[href]")) return;
    if (event.type !== "pointermove" && event.target && event.target.closest) {
      place = event.target.closest(".first-view-text") ? "explanation"
        : event.target.closest(".first-view-figure") ? "schematic" : null;
    }
    start();
  }

  function start() {
    if (started) return;
    started = true;
    document.documentElement.classList.add("starting");
    say("Loading the controls…");
    var later = document.querySelectorAll('script[type="text/x-later"][src]');
    var urls = Array.prototype.map.call(later, function (s) { return s.src; });
    var left = urls.length;
    urls.forEach(function (url) {
      var script = document.createElement("script");
      script.src = url;
      script.async = false; // fetched together, run in the listed order
      script.onload = function () {
        left -= 1;
        if (left === 0) run();
      };
      script.onerror = function () {
        document.documentElement.classList.remove("starting");
        say("The controls could not load. Check the connection and reload the page.");
      };
      document.body.appendChild(script);
    });
  }

  function run() {
    document.dispatchEvent(new Event("spinefoot:scripts"));
    var entry = document.getElementById("react-entry-point");
    var watch = new MutationObserver(function () {
      if (!entry.querySelector(".page")) return;
      watch.disconnect();
      REACH.forEach(function (type) { document.removeEventListener(type, reach, true); });
      var focused = view.contains(document.activeElement) || then !== null;
      var scrolled = window.scrollY > 0;
      view.remove(); // the app shows the same view now; one copy of each id and word
      document.documentElement.classList.remove("starting");
      // someone who had scrolled to the words (or the picture) and touched them
      // finds them again in the app, not the top of another arrangement
      var target = place && scrolled && document.getElementById(place);
      if (target) keepInView(target);
      if (focused) {
        var first = document.querySelector(then === "controls" ? "#condition input:checked"
          : "#mode input:checked");
        if (first) first.focus();
      }
    });
    watch.observe(entry, { childList: true, subtree: true });
    window.renderer = new window.DashRenderer();
  }

  // The app fills in its words and draws its picture in the first seconds,
  // which moves what is below them: follow until then, unless the person
  // scrolls on their own.
  function keepInView(target) {
    var until = Date.now() + 4000;
    var watch = new MutationObserver(follow);
    function follow() {
      if (Date.now() > until) return stop();
      target.scrollIntoView({ block: "start" });
    }
    function stop() {
      watch.disconnect();
      ["wheel", "touchmove", "keydown"].forEach(function (t) {
        window.removeEventListener(t, stop, true); });
    }
    ["wheel", "touchmove", "keydown"].forEach(function (t) {
      window.addEventListener(t, stop, { capture: true, passive: true }); });
    watch.observe(document.getElementById("react-entry-point"),
                  { childList: true, subtree: true });
    follow();
    setTimeout(stop, 4000);
  }

  view.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-then]");
    if (!button) return;
    then = button.getAttribute("data-then");
    start();
  });

  if (view.getAttribute("data-boot") === "now") {
    start();
  } else {
    REACH.forEach(function (type) {
      document.addEventListener(type, reach, { capture: true, passive: true });
    });
  }
})();

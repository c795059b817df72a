/* spinefoot: what Dash renders, made right for keyboards and screen readers.
 *
 * Dash 4 draws dcc.RadioItems and dcc.Checklist as role="listbox" with
 * role="option" labels wrapped around real radio buttons and checkboxes: a
 * listbox with focusable inside (axe: nested-interactive, aria-input-field-name,
 * aria-allowed-role). The native inputs, in a fieldset with a legend, already
 * say everything, so the wrong roles are taken off (and again whenever React
 * puts aria-selected back on a change of selection).
 *
 * dcc.Clipboard is an icon in a <div>: no name, not reachable by keyboard.
 * It becomes a named button that Enter and Space press.
 * Tested by tests/test_accessibility.py (axe-core) and the keyboard test there.
 */
(function () {
  "use strict";

  var pending = false;

  function repair() {
    pending = false;
    document.querySelectorAll('.dash-options-list[role="listbox"]').forEach(function (list) {
      list.removeAttribute("role");
    });
    document.querySelectorAll(".dash-options-list-option[role], .dash-options-list-option[aria-selected]")
      .forEach(function (option) {
        option.removeAttribute("role");
        option.removeAttribute("aria-selected");
      });
    // the picture is read as one image named by its caption ("Lit: the S1 (left)
    // nerve root; felt in ..."), not as Plotly's hundreds of shapes and labels
    var graph = document.getElementById("schematic");
    if (graph && graph.getAttribute("role") !== "img") {
      graph.setAttribute("role", "img");
      graph.setAttribute("aria-labelledby", "figure-summary");
    }
    document.querySelectorAll(".copy:not([role])").forEach(function (copy) {
      copy.setAttribute("role", "button");
      copy.setAttribute("tabindex", "0");
      copy.setAttribute("aria-label", copy.getAttribute("title") || "Copy the link");
    });
  }

  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(repair);
  }

  // Plotly adds thousands of nodes inside the picture: those never need this
  function outsidePicture(node) {
    var parent = node.parentElement;
    return node.nodeType === 1 && !(parent && parent.closest("#schematic"));
  }

  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var r = records[i];
      if (r.type === "attributes" ? outsidePicture(r.target)
        : Array.prototype.some.call(r.addedNodes, outsidePicture)) {
        schedule();
        return;
      }
    }
  }).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["role", "aria-selected"]
  });

  // Focus follows the view: after choosing a candidate root, the new heading; after
  // "Back to the places you marked", the list of marks. The pressed button leaves the
  // page (or is hidden), and focus would otherwise fall back to the page body.
  var focusNext = null;  // "heading" | "marks", until the new view is there
  var watcher = null;

  function focusTarget() {
    if (focusNext === "heading") {
      var h = document.querySelector("#explanation h2");
      return h && /^One possible cause/.test(h.textContent) ? h : null;
    }
    var where = document.getElementById("where-controls");
    return where && !where.hidden
      ? document.querySelector("#marked-list h2") || document.getElementById("marked-list") : null;
  }

  function stopWatching() {
    if (watcher) { watcher.disconnect(); watcher = null; }
  }

  function moveFocus() {
    var target = focusNext && focusTarget();
    if (!target) return;
    focusNext = null;
    stopWatching();
    target.setAttribute("tabindex", "-1");
    // a phone scrolls to the picture itself (highlight.js): focus moves, the page stays
    target.focus({ preventScroll: window.innerWidth < 720 });
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!t || !t.closest) return;
    // any other click means the person has moved on: no focus is taken from them
    focusNext = t.closest(".candidate") ? "heading" : t.closest("#back-to-marks") ? "marks" : null;
    stopWatching();
    if (!focusNext) return;
    watcher = new MutationObserver(moveFocus);
    watcher.observe(document.querySelector(".layout") || document.body, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["hidden"] });
    var mine = watcher;
    setTimeout(function () {  // the server never answered: stop waiting
      if (watcher === mine) { stopWatching(); focusNext = null; }
    }, 15000);
    moveFocus();
  });

  // the copy button answers Enter and Space like any button
  document.addEventListener("keydown", function (ev) {
    var copy = ev.target.closest && ev.target.closest('.copy[role="button"]');
    if (copy && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      copy.click();
    }
  });
})();

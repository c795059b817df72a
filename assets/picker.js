/* The zoomed tap picker ("Where does it hurt?").
 *
 * The picker figure is static (no Plotly hover or drag), so every tap on it, inside a
 * region or not, is read here: the pointer position becomes figure coordinates and is
 * handed to the server (store "picker-tap"), which names the region under it or says
 * that the tap missed. Pointer events, not clicks: a phone fires them for a thumb too.
 */
(function () {
  "use strict";
  var TAP_SLOP = 12; // px a finger may move and still tap (more is a scroll)
  var down = null;
  var count = 0;

  function pickerPlot(target) {
    var box = target && target.closest ? target.closest("#picker") : null;
    return box ? box.querySelector(".js-plotly-plot") : null;
  }

  document.addEventListener("pointerdown", function (e) {
    down = pickerPlot(e.target) ? { x: e.clientX, y: e.clientY } : null;
  }, true);

  document.addEventListener("pointerup", function (e) {
    var gd = pickerPlot(e.target);
    var start = down;
    down = null;
    if (!gd || !start || !gd._fullLayout || !window.dash_clientside ||
        !window.dash_clientside.set_props) return;
    if (Math.abs(e.clientX - start.x) > TAP_SLOP || Math.abs(e.clientY - start.y) > TAP_SLOP) return;
    var layout = gd._fullLayout;
    var xa = layout.xaxis, ya = layout.yaxis;
    var rect = gd.getBoundingClientRect();
    var px = e.clientX - rect.left - xa._offset;
    var py = e.clientY - rect.top - ya._offset;
    var inPlot = px >= 0 && py >= 0 && px <= xa._length && py <= ya._length;
    var meta = layout.meta || {};
    count += 1;
    window.dash_clientside.set_props("picker-tap", {
      data: {
        x: inPlot ? xa.p2c(px) : null,
        y: inPlot ? ya.p2c(py) : null,
        view: meta.view || "", side: meta.side || "", n: count,
      },
    });
  }, true);
})();

/* The picker is drawn at the size of its box. Its box has a definite height (the server
 * sets it per view) and the width of the panel; a draw made while the box was hidden or
 * not yet laid out (a slow phone) keeps a wrong size, and Dash's own resize can miss the
 * change. So whenever the box and the drawing disagree, the drawing is refitted. */
(function () {
  "use strict";
  var watched = null;
  var tries = 0;  // refits in a row that did not match: never a loop
  function fit() {
    var box = document.getElementById("picker");
    var gd = box && box.querySelector(".js-plotly-plot");
    var full = gd && gd._fullLayout;
    if (!full || !window.Plotly || !box.clientWidth || !box.clientHeight) return;
    if (Math.abs(full.width - box.clientWidth) <= 1 && Math.abs(full.height - box.clientHeight) <= 1) {
      tries = 0;
    } else if (tries < 3) {
      tries += 1;
      window.Plotly.Plots.resize(gd);
    }
  }
  function watch() {
    var box = document.getElementById("picker");
    var gd = box && box.querySelector(".js-plotly-plot");
    if (gd && gd.on && gd !== watched) {
      watched = gd;
      gd.on("plotly_afterplot", function () { setTimeout(fit, 0); });
      if (window.ResizeObserver) new ResizeObserver(fit).observe(box);
    }
    setTimeout(watch, watched ? 2000 : 300);  // the graph may be rendered anew
  }
  watch();
})();

/* A warning that appears while the person is further down the page (marking with the
 * picker) is brought into view: urgent advice is never left below the fold. */
(function () {
  "use strict";
  var last = "";
  function watch() {
    var box = document.getElementById("urgent");
    if (!box) { setTimeout(watch, 300); return; }
    new MutationObserver(function () {
      var now = box.textContent || "";
      if (now && now !== last) {
        var top = box.getBoundingClientRect().top;
        if (top < 0 || top > window.innerHeight * 0.6) {
          box.scrollIntoView({ block: "start" });
        }
      }
      last = now;
    }).observe(box, { childList: true, subtree: true, characterData: true });
  }
  watch();
})();

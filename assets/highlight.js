/* spinefoot: apply a highlight to the schematic in the browser.
 *
 * The figure is built once on the server. A selection only restyles it:
 * the server ships a table of per-trace styles ("client-table") and, for
 * every valid state, which traces/shapes/labels light up ("highlights").
 * This file only looks those up and calls Plotly.update; no medical logic.
 */
(function () {
  "use strict";

  var NARROW = 720; // px: below this the views stack (phone)

  function graphDiv() {
    var outer = document.getElementById("schematic");
    return outer ? outer.querySelector(".js-plotly-plot") : null;
  }

  // Plotly loads asynchronously; wait until the graph has been drawn once.
  function whenReady(fn) {
    var gd = graphDiv();
    if (gd && gd._fullData && window.Plotly) {
      fn(gd);
      return;
    }
    setTimeout(function () { whenReady(fn); }, 25);
  }

  function stateKey(meta, condition, level, side, zone) {
    var m = meta[condition];
    if (!m) return null;
    return [condition, m.has_level ? level || "" : "", side, m.zones.length ? zone || "" : ""].join("|");
  }

  // The arrangement that draws the views largest in the space there is:
  // the panel's width, and on a desktop the window's height (no scrolling
  // to see the feet). On a phone the page scrolls, so only width counts.
  function chooseArrangement(outer, arrangements) {
    var width = outer.parentElement.clientWidth;
    var narrow = window.innerWidth < NARROW;
    var top = outer.getBoundingClientRect().top + window.scrollY;
    var height = narrow ? Infinity : Math.max(420, window.innerHeight - Math.min(top, 140) - 40);
    var best = null;
    Object.keys(arrangements).forEach(function (name) {
      var units = arrangements[name].units;
      var scale = Math.min(width / units[0], height / units[1]);
      if (narrow && name !== "tall") return;
      if (!best || scale > best.scale) best = { name: name, scale: scale, units: units };
    });
    return best;
  }

  function applyArrangement(gd, arrangements) {
    var outer = document.getElementById("schematic");
    var best = chooseArrangement(outer, arrangements);
    var w = Math.floor(best.scale * best.units[0]), h = Math.floor(best.scale * best.units[1]);
    var resized = outer.style.width !== w + "px" || outer.style.height !== h + "px";
    outer.style.aspectRatio = "auto";
    outer.style.width = w + "px";
    outer.style.height = h + "px";
    if (gd.dataset.arrangement === best.name) {
      if (resized) window.Plotly.Plots.resize(gd);
      return null;
    }
    gd.dataset.arrangement = best.name;
    return arrangements[best.name].layout;
  }

  function apply(gd, table, hl, arrangements) {
    var n = table.classes.length;
    var lit = (hl && hl.traces) || {};
    var rest = hl && hl.dim ? "off" : "base";
    var update = {};
    var indices = [];
    table.attrs.forEach(function (a) { update[a] = []; });
    for (var i = 0; i < n; i++) {
      var cls = table.styles[table.classes[i]];
      if (table.classes[i] === "fixed") continue;
      var style = cls[lit[i] || rest] || cls.off || cls.base;
      indices.push(i);
      table.attrs.forEach(function (a) { update[a].push(style[a]); });
    }
    var layout = Object.assign({}, applyArrangement(gd, arrangements) || {});
    var shapes = {};
    (hl ? hl.shapes : []).forEach(function (s) { shapes[s] = true; });
    for (var s = 0; s < table.shapeCount; s++) {
      layout["shapes[" + s + "].visible"] = !!shapes[s];
    }
    var labels = {};
    (hl ? hl.labels : []).forEach(function (l) { labels[l] = true; });
    table.labels.forEach(function (l) { layout["annotations[" + l + "].visible"] = !!labels[l]; });
    var cap = "annotations[" + table.lesionLabel + "]";
    var text = hl && hl.lesionText ? hl.lesionText : "";
    layout[cap + ".visible"] = !!text;
    layout[cap + ".text"] = text;
    if (text) {
      layout[cap + ".x"] = hl.lesionXY[0];
      layout[cap + ".y"] = hl.lesionXY[1];
    }
    return window.Plotly.update(gd, update, layout, indices);
  }

  function markPainted(gd, key) {
    // for tests and the benchmark: which state is on screen, and when it was painted
    requestAnimationFrame(function () {
      gd.dataset.highlight = key;
      window.spinefootPainted = { key: key, t: performance.now() };
      document.dispatchEvent(new CustomEvent("spinefoot:painted", { detail: key }));
    });
  }

  var last = null;
  window.addEventListener("resize", function () {
    if (!last) return;
    clearTimeout(last.timer);
    last.timer = setTimeout(function () {
      var gd = graphDiv();
      if (!gd) return;
      var layout = applyArrangement(gd, last.arrangements);
      if (layout) window.Plotly.relayout(gd, layout);
    }, 120);
  });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    spinefoot: {
      highlight: function (mode, condition, level, side, zone, reverse, table, highlights, meta,
                           arrangements) {
        var key = mode === "where" ? "where" : stateKey(meta, condition, level, side, zone);
        var hl = mode === "where" ? reverse : highlights[key] || null;
        last = { arrangements: arrangements, timer: last && last.timer };
        whenReady(function (gd) {
          apply(gd, table, hl, arrangements).then(function () {
            markPainted(gd, hl ? key : "none:" + key);
          });
        });
        return key;
      },

      syncControls: function (condition, level, zone, meta) {
        var m = meta[condition];
        if (!m) return window.dash_clientside.no_update;
        var zoneValue = m.zones.indexOf(zone) >= 0 ? zone : m.default_zone;
        var levelValue = m.levels.indexOf(level) >= 0 ? level : m.default_level || level;
        var zoneOptions = m.zones.map(function (z, i) { return { label: m.zone_labels[i], value: z }; });
        return [zoneOptions, zoneValue, m.zones.length === 0, levelValue, !m.has_level];
      },

      showMode: function (mode) {
        return [mode === "where", mode !== "where"];
      },

      writeUrl: function (query, loaded) {
        if (loaded && query && window.location.search !== query) {
          window.history.replaceState(null, "", window.location.pathname + query);
        }
        return window.dash_clientside.no_update;
      }
    }
  });
})();

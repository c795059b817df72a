/* spinefoot: apply a highlight to the schematic in the browser.
 *
 * The figure is built once on the server and drawn once by Plotly. The
 * server ships a style table ("client-table": per trace its style class,
 * per class and state its look) and, for every valid state, what lights
 * up ("highlights"). A selection then only restyles the SVG nodes that
 * Plotly drew: no re-plot, no server round trip. Measured on the project's
 * 2-core machines a Plotly.restyle of this figure costs ~60 ms and a Dash
 * callback dispatch ~20 ms; this path costs a few ms (benchmarks/).
 *
 * When Plotly redraws (resize, arrangement change) it resets its nodes;
 * the current highlight is applied again on 'plotly_afterplot'.
 * No medical logic here: only table look-ups.
 */
(function () {
  "use strict";

  var NARROW = 720; // px: below this the views stack (phone)
  var SHORT = 500; // px: a window this low is a phone held sideways
  var SVGNS = "http://www.w3.org/2000/svg";
  var TRANSPARENT = "rgba(0,0,0,0)";

  var ctx = null; // {table, highlights, meta, arrangements}: sent once by Dash
  var current = { key: null, hl: null }; // what is on screen
  var pending = null; // asked for before Plotly had drawn

  function graphDiv() {
    var outer = document.getElementById("schematic");
    return outer ? outer.querySelector(".js-plotly-plot") : null;
  }

  function ready(gd) { return !!(gd && gd._fullData && gd._fullLayout && window.Plotly); }

  // --- arrangement: the layout that draws the views largest ---------------
  function chooseArrangement(outer, arrangements) {
    var width = outer.parentElement.clientWidth;
    var narrow = window.innerWidth < NARROW;
    var top = outer.getBoundingClientRect().top + window.scrollY;
    // desktop: fit the window's height too (no scrolling to see the feet);
    // phone: the page scrolls, so only the width counts
    // (a phone held sideways is short and not narrow: the picture then fits
    // the screen's height, in the wide arrangement, whatever that costs)
    var short = window.innerHeight < SHORT;
    var height = narrow ? Infinity
      : short ? window.innerHeight - 16
      : Math.max(420, window.innerHeight - Math.min(top, 140) - 40);
    var best = null;
    Object.keys(arrangements).forEach(function (name) {
      // stacked views are for phones; a desktop keeps the side-by-side ones
      if (narrow !== (name === "tall")) return;
      var units = arrangements[name].units;
      var scale = Math.min(width / units[0], height / units[1]);
      if (!best || scale > best.scale) best = { name: name, scale: scale, units: units };
    });
    return best;
  }

  // size the box for an arrangement; true if its size changed
  function sizeBox(outer, best) {
    var w = Math.floor(best.scale * best.units[0]) + "px";
    var h = Math.floor(best.scale * best.units[1]) + "px";
    var resized = outer.style.width !== w || outer.style.height !== h;
    outer.style.aspectRatio = "auto";
    outer.style.width = w;
    outer.style.height = h;
    return resized;
  }

  // returns true when Plotly will redraw (and so re-apply the highlight)
  function fitArrangement(gd) {
    var outer = document.getElementById("schematic");
    var best = chooseArrangement(outer, ctx.arrangements);
    var resized = sizeBox(outer, best);
    if (gd.dataset.arrangement !== best.name) {
      gd.dataset.arrangement = best.name;
      window.Plotly.relayout(gd, ctx.arrangements[best.name].layout);
      return true;
    }
    if (resized) {
      window.Plotly.Plots.resize(gd);
      return true;
    }
    return false;
  }

  // --- SVG nodes Plotly drew, by trace index ---------------------------------
  function traceNodes(gd) {
    var nodes = {};
    gd.querySelectorAll("g.trace").forEach(function (g) {
      var cd = g.__data__;
      var trace = cd && cd[0] && cd[0].trace;
      if (!trace || trace.index === undefined) return;
      nodes[trace.index] = {
        g: g,
        // a trace drawn in pieces (gaps) has one path per piece
        lines: g.querySelectorAll("path.js-line"),
        fills: g.querySelectorAll("path.js-fill"),
        texts: g.querySelectorAll("g.textpoint text")
      };
    });
    return nodes;
  }

  // fill patterns of our own (Plotly's are made per trace at draw time)
  function patternId(cls, state) { return "sf-pattern-" + cls + "-" + state; }

  function ensurePatterns(gd) {
    var svg = gd.querySelector("svg.main-svg");
    if (!svg || svg.querySelector("#" + patternId("region", "on"))) return;
    var defs = document.createElementNS(SVGNS, "defs");
    Object.keys(ctx.table.styles).forEach(function (cls) {
      var states = ctx.table.styles[cls];
      Object.keys(states).forEach(function (state) {
        var st = states[state];
        var shape = st["fillpattern.shape"];
        if (!shape) return;
        var p = document.createElementNS(SVGNS, "pattern");
        p.setAttribute("id", patternId(cls, state));
        p.setAttribute("patternUnits", "userSpaceOnUse");
        p.setAttribute("width", "7");
        p.setAttribute("height", "7");
        var bg = document.createElementNS(SVGNS, "rect");
        bg.setAttribute("width", "7");
        bg.setAttribute("height", "7");
        bg.setAttribute("fill", st.fillcolor);
        p.appendChild(bg);
        var ink = st["fillpattern.fgcolor"] || st["line.color"];
        var marks = { "/": ["M-1,8 L8,-1", "M-1,1 L1,-1", "M6,8 L8,6"],
                      "x": ["M-1,8 L8,-1", "M-1,-1 L8,8"],
                      "-": ["M0,3.5 L7,3.5"] }[shape];
        if (marks) {
          marks.forEach(function (d) {
            var path = document.createElementNS(SVGNS, "path");
            path.setAttribute("d", d);
            path.setAttribute("stroke", ink);
            path.setAttribute("stroke-width", "1.1");
            p.appendChild(path);
          });
        } else { // "." dots
          var dot = document.createElementNS(SVGNS, "circle");
          dot.setAttribute("cx", "3.5");
          dot.setAttribute("cy", "3.5");
          dot.setAttribute("r", "1.3");
          dot.setAttribute("fill", ink);
          p.appendChild(dot);
        }
        defs.appendChild(p);
      });
    });
    svg.insertBefore(defs, svg.firstChild);
  }

  // Plotly's own dash lengths (Drawing.dashStyle)
  function dashArray(dash, width) {
    var w = Math.max(width, 3);
    if (dash === "dash") return 3 * w + "px," + 3 * w + "px";
    if (dash === "dot") return w + "px," + w + "px";
    return "";
  }

  // the 'possibly involved' layer, which the person can switch off
  var POSSIBLE = { possible: true, secondary: true };

  function paint(gd, hl) {
    var table = ctx.table;
    var nodes = traceNodes(gd);
    var lit = (hl && hl.traces) || {};
    var rest = hl && hl.dim ? "off" : "base";
    var maybe = ctx.showPossible;
    ensurePatterns(gd);
    for (var i = 0; i < table.classes.length; i++) {
      var cls = table.classes[i];
      var n = nodes[i];
      if (cls === "fixed" || !n) continue;
      var states = table.styles[cls];
      var want = POSSIBLE[lit[i]] && !maybe ? rest : lit[i];
      var state = states[want] ? want : (states[rest] ? rest : "base");
      var st = states[state];
      n.g.style.opacity = st.opacity;
      n.lines.forEach(function (line) {
        line.style.stroke = st["line.color"];
        line.style.strokeOpacity = 1;
        line.style.strokeWidth = st["line.width"] + "px";
        line.style.strokeDasharray = dashArray(st["line.dash"], st["line.width"]);
      });
      if (st.fillcolor) {
        var fill = st["fillpattern.shape"] ? "url(#" + patternId(cls, state) + ")" : st.fillcolor;
        n.fills.forEach(function (path) {
          path.style.fill = fill;
          path.style.fillOpacity = 1;
        });
      }
    }
    var shown = {};
    (hl ? hl.shapes : []).forEach(function (s) { shown[s] = true; });
    gd.querySelectorAll(".shapelayer path[data-index]").forEach(function (path) {
      var s = Number(path.getAttribute("data-index"));
      if (s < table.shapeCount) path.style.opacity = shown[s] ? 1 : 0;
    });
    var labels = {};
    (hl ? hl.labels.concat(maybe && hl.maybe ? hl.maybe : []) : []).forEach(function (pair) {
      labels[pair[0] + ":" + pair[1]] = true; });
    Object.keys(table.labelColors).forEach(function (t) {
      var n = nodes[t];
      if (!n) return;
      var colors = table.labelColors[t];
      n.texts.forEach(function (text, p) {
        var on = !!labels[t + ":" + p];
        text.style.fill = on ? colors[p] : TRANSPARENT;
        text.style.fillOpacity = on ? 1 : 0;
        // a white halo keeps the label legible over lines
        text.style.stroke = on ? "#ffffff" : "none";
        text.style.strokeWidth = on ? "4px" : "0";
        text.style.paintOrder = "stroke";
        text.style.strokeLinejoin = "round";
      });
    });
  }

  function markPainted(gd, key) {
    // for tests and the benchmark: which state is on screen, and when it was painted
    requestAnimationFrame(function () {
      gd.dataset.highlight = key;
      window.spinefootPainted = { key: key, t: performance.now() };
      document.dispatchEvent(new CustomEvent("spinefoot:painted", { detail: key }));
    });
  }

  function show(key, hl) {
    var gd = graphDiv();
    if (!ready(gd)) {
      if (!pending) setTimeout(retry, 20);
      pending = { key: key, hl: hl };
      return;
    }
    pending = null;
    watch(gd);
    if (current.key === key && current.maybe === ctx.showPossible && gd.dataset.highlight) {
      return; // already on screen
    }
    current = { key: key, hl: hl, maybe: ctx.showPossible };
    if (!fitArrangement(gd)) paint(gd, hl); // else Plotly redraws, then afterplot paints
    var shownKey = key.indexOf("where:") === 0 ? "where" : key;
    markPainted(gd, hl ? shownKey : "none:" + shownKey);
  }

  function watch(gd) {
    if (gd.dataset.sfWatched) return;
    gd.dataset.sfWatched = "1";
    gd.on("plotly_afterplot", function () { if (ctx) paint(gd, current.hl); });
    // on a touch screen a tap leaves its tooltip over the legs: let it go
    gd.on("plotly_click", function () {
      if (window.innerWidth < NARROW) setTimeout(function () { window.Plotly.Fx.unhover(gd); }, 1500);
    });
  }

  // Plotly loads asynchronously: draw what was asked for once it is there.
  function retry() {
    if (!pending) return;
    if (ready(graphDiv())) show(pending.key, pending.hl);
    else setTimeout(retry, 20);
  }

  function stateKey(condition, level, side, zone) {
    var m = ctx.meta[condition];
    if (!m) return null;
    return [condition, m.has_level ? level || "" : "", side, m.zones.length ? zone || "" : ""].join("|");
  }

  function enabledValues(options) {
    return options.filter(function (o) { return !o.disabled; }).map(function (o) { return o.value; });
  }

  function checked(id) {
    var input = document.querySelector("#" + id + " input:checked");
    return input ? input.value : null;
  }

  // A condition the person chose (a click, a key) starts at its own default zone:
  // a kept zone could change the meaning (central stenosis -> a central herniation).
  // A link or Back sets condition and zone together: those keep the zone.
  var conditionChosen = false;

  // What the side note says when a side cannot be shown for this condition and zone.
  function sideNote(m, zone, side) {
    var zoneName = (m.zone_options.filter(function (o) { return o.value === zone; })[0] || {}).label;
    var what = m.name + (zoneName ? " (" + zoneName.toLowerCase() + ")" : "");
    return side === "both" ? what + " affects both sides, so both sides are shown."
      : what + " affects one side at a time, so the " + side + " side is shown.";
  }

  // A tap on a side that does not occur (greyed out) says why in the side note:
  // a disabled option takes no click, so without this nothing would happen at all
  // (the browser still sends pointer events to a disabled input).
  document.addEventListener("pointerup", function (ev) {
    var label = ev.target && ev.target.closest ? ev.target.closest("#side label") : null;
    var input = label && label.querySelector("input");
    if (!ctx || !input || !input.disabled || !window.dash_clientside.set_props) return;
    var m = ctx.meta[checked("condition")];
    if (!m) return;
    var zone = m.zones.indexOf(checked("zone")) >= 0 ? checked("zone") : "";
    window.dash_clientside.set_props("side-note", {
      children: sideNote(m, zone, checked("side")), hidden: false });
  }, true);

  // A click on a control paints at once, without waiting for Dash to run
  // its callbacks (the same tables; Dash's call then finds it done).
  document.addEventListener("change", function (ev) {
    var input = ev.target;
    if (input && input.closest && input.closest("#condition")) conditionChosen = true;
    // the person has moved on from the link: its fallback note no longer applies
    var note = document.getElementById("url-note");
    if (note && input && input.closest && input.closest(".controls, #audience")) note.hidden = true;
    if (!ctx || !input || input.type !== "radio") return;
    if (!input.closest("#condition, #level, #side, #zone")) return;
    if (checked("mode") === "where") return; // the server ranks candidates
    var condition = checked("condition");
    var m = ctx.meta[condition];
    if (!m) return;
    var level = checked("level");
    var zone = checked("zone");
    // a new condition may not have the zone or level that was chosen
    if (m.zones.indexOf(zone) < 0 || input.closest("#condition")) zone = m.default_zone;
    if (m.levels.indexOf(level) < 0) level = m.default_level || level;
    var key = stateKey(condition, level, checked("side"), zone);
    show(key, ctx.highlights[key] || null);
  }, true);

  // on a phone, choosing a candidate root brings the picture back into view
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest(".candidate") && window.innerWidth < NARROW) {
      setTimeout(function () {
        var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        document.getElementById("schematic").scrollIntoView({ behavior: still ? "auto" : "smooth",
                                                              block: "start" });
      }, 150);
    }
  });

  // Text in the picture grows with the browser's text size (Plotly sizes it in
  // px, which ignores that setting) and is at least 12 px on a phone. What a
  // highlight shows (root and lesion labels) grows in step with the text; the
  // dense orientation text (view titles, L/R, level names) by the square root,
  // so at 150 % it still fits beside its neighbours on a phone.
  function readableText(figure, narrow) {
    var scale = (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) / 16;
    if (scale <= 1 && !narrow) return figure;
    scale = Math.max(scale, 1);
    function sizer(k) {
      return function (s) { return Math.round(Math.max(narrow ? 12 : 0, s || 12) * k * 10) / 10; };
    }
    var label = sizer(scale), orientation = sizer(Math.sqrt(scale));
    function font(f, size) { return Object.assign({}, f, { size: size(f && f.size) }); }
    var layout = Object.assign({}, figure.layout, { font: font(figure.layout.font, label),
      hoverlabel: Object.assign({}, figure.layout.hoverlabel,
                                { font: font((figure.layout.hoverlabel || {}).font, label) }) });
    layout.annotations = (layout.annotations || []).map(function (a) {
      return Object.assign({}, a, { font: font(a.font, orientation) });
    });
    var data = figure.data.map(function (t) {
      if (t.mode !== "text") return t;
      var tf = Object.assign({}, t.textfont);
      tf.size = Array.isArray(tf.size) ? tf.size.map(label) : label(tf.size);
      return Object.assign({}, t, { textfont: tf });
    });
    return Object.assign({}, figure, { data: data, layout: layout });
  }

  // Plotly's first drawing is the costliest step of a page load (seconds on a
  // slow phone): draw it once, at the arrangement and size this screen gets,
  // instead of drawing the server's default and then re-drawing (the
  // arrangements come in the first HTML: dashapp/server/first_html.py). assets/boot.js
  // says when plotly.js and the other scripts have run.
  document.addEventListener("spinefoot:scripts", function () {
    var plotly = window.Plotly;
    var data = document.getElementById("sf-arrangements");
    if (!plotly || !data) return;
    var arrangements = JSON.parse(data.textContent);
    var react = plotly.react;
    plotly.react = function (gd, figure) {
      // dcc.Graph calls Plotly.react(gd, {data, layout, config})
      var outer = gd && gd.closest && gd.closest("#schematic");
      if (outer && !gd.dataset.arrangement && figure && figure.layout) {
        figure = readableText(figure, window.innerWidth < NARROW);
        var best = chooseArrangement(outer, arrangements);
        sizeBox(outer, best);
        gd.dataset.arrangement = best.name;
        var domains = arrangements[best.name].layout;
        var layout = Object.assign({}, figure.layout);
        Object.keys(domains).forEach(function (path) {
          var axis = path.split(".")[0];
          layout[axis] = Object.assign({}, layout[axis], { domain: domains[path] });
        });
        arguments[1] = Object.assign({}, figure, { layout: layout });
      }
      return react.apply(this, arguments);
    };
  });

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      var gd = graphDiv();
      if (ctx && ready(gd) && !fitArrangement(gd)) paint(gd, current.hl);
    }, 120);
  });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    spinefoot: {
      highlight: function (mode, condition, level, side, zone, reverse, possible, table,
                           highlights, meta, arrangements) {
        ctx = { table: table, highlights: highlights, meta: meta, arrangements: arrangements,
                showPossible: !!(possible && possible.indexOf("on") >= 0) };
        var key = mode === "where" ? "where:" + JSON.stringify(reverse && reverse.traces)
          : stateKey(condition, level, side, zone);
        var hl = mode === "where" ? reverse : highlights[key] || null;
        show(key, hl);
        return key;
      },

      inspect: function () {
        // what is on screen, per trace (tests read this, as a person sees it)
        var gd = graphDiv();
        var nodes = traceNodes(gd);
        return gd._fullData.map(function (t, i) {
          var n = nodes[i] || {};
          // every piece must look the same: report the thinnest line and
          // the set of fills, as a person would see any odd one out
          var lines = n.lines ? Array.prototype.map.call(n.lines, function (l) {
            return getComputedStyle(l); }) : [];
          var fills = n.fills ? Array.prototype.map.call(n.fills, function (f) {
            return getComputedStyle(f).fill; }) : [];
          var widths = lines.map(function (l) { return parseFloat(l.strokeWidth); });
          return { key: t.meta, width: widths.length ? Math.min.apply(null, widths) : null,
                   pieces: lines.length,
                   color: lines.length ? lines[0].stroke : null,
                   colors: lines.map(function (l) { return l.stroke; })
                     .filter(function (c, k, all) { return all.indexOf(c) === k; }),
                   dash: lines.length ? lines[0].strokeDasharray : null,
                   fill: fills.length === 1 || fills.every(function (f) { return f === fills[0]; })
                     ? (fills[0] || null) : "mixed",
                   opacity: n.g ? parseFloat(getComputedStyle(n.g).opacity) : null,
                   labels: n.texts ? Array.prototype.map.call(n.texts, function (x) {
                     return { text: x.textContent, shown: getComputedStyle(x).fill !== "rgba(0, 0, 0, 0)" };
                   }) : [] };
        });
      },

      syncControls: function (condition, level, zone, meta) {
        var m = meta[condition];
        if (!m) return window.dash_clientside.no_update;
        var chosen = conditionChosen;
        conditionChosen = false;
        var zoneValue = !chosen && m.zones.indexOf(zone) >= 0 ? zone : m.default_zone;
        var levelValue = m.levels.indexOf(level) >= 0 ? level : m.default_level || level;
        return [m.zone_options, zoneValue, m.zones.length === 0, levelValue, !m.has_level,
                m.level_options];
      },

      // Sides that make sense for the zone. The side the person chose is kept
      // whenever the new condition allows it (a side that was forced, e.g.
      // 'both' for a central stenosis, does not overwrite it: `wish` holds
      // the last free choice); when it cannot be kept, a note says so.
      sideChoices: function (mode, condition, zone, side, oldOptions, wish, meta) {
        var m = meta[condition];
        if (!m) return window.dash_clientside.no_update;
        var z = m.zones.indexOf(zone) >= 0 ? zone : (m.zones.length ? m.default_zone : "");
        var options = m.side_options[z];
        if (mode === "where") { // every side may hurt
          options = options.map(function (o) { return { label: o.label, value: o.value }; });
        }
        var allowed = enabledValues(options);
        var wasForced = enabledValues(oldOptions || []).length === 1;
        var wanted = wasForced && wish ? wish : side;
        var value = allowed.indexOf(wanted) >= 0 ? wanted
          : allowed.indexOf(side) >= 0 ? side
          : (allowed.indexOf("left") >= 0 ? "left" : allowed[0]);
        var note = value !== wanted && mode !== "where" ? sideNote(m, z, value) : "";
        return [options, value, note, !note];
      },

      rememberSide: function (side, options) {
        // only a free choice is remembered, not a side the condition forced
        return enabledValues(options || []).length > 1 ? side : window.dash_clientside.no_update;
      },

      showMode: function (mode) {
        return [mode === "where", mode !== "where"];
      },

      possibleFor: function (audience) {
        return audience === "clinician" ? ["on"] : [];
      },

      setTitle: function (title) {
        if (title) document.title = title;
      }
    }
  });
})();

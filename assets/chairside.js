/* spinefoot chairside: history, the drawing layer, mirror, presentation,
 * keyboard shortcuts and the printed handout's link. Browser-only state:
 * the drawing travels in the link; the doctor's note never leaves the page.
 *
 * The drawing is one SVG layer over the whole picture (#ink). Each point is
 * kept in the coordinates of the view it was drawn over (dashapp/page/drawing.py
 * describes the link format), so a stroke stays on the leg it was drawn on
 * whatever size, arrangement or mirroring the picture has, and a stroke may
 * run from the spine down to a foot. Strokes stay when the view changes;
 * Undo, Redo and Clear change them; Back/Forward bring back each view's own.
 */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var cfg = null; // dashapp.page.drawing.client_config(), sent once
  var strokes = []; // [{pen, points: [[view, x, y], ...]}]
  var undone = []; // redo stack
  var done = []; // undo stack: earlier stroke lists
  var pen = 0;
  var drawing = false;
  var mirror = false;
  var presenting = false;
  var live = null; // the stroke under the finger
  var inLink = 0; // how many strokes (newest) the link carries

  function $(id) { return document.getElementById(id); }
  function graphDiv() {
    var outer = $("schematic");
    return outer ? outer.querySelector(".js-plotly-plot") : null;
  }
  function ready(gd) { return !!(cfg && gd && gd._fullLayout && gd._fullLayout.xaxis); }
  function setPressed(id, on) {
    var el = $(id);
    if (el) el.setAttribute("aria-pressed", on ? "true" : "false");
  }

  // --- history: every view the doctor shows is a browser history entry -----
  // A view change the person made adds an entry (pushState); the address
  // written after a page load, Back/Forward or Start over only tidies the
  // entry it is on (replaceState), so Forward still works. Back/Forward hand
  // the address to the server's link parser through the "nav" store.
  var nav = {
    restoring: true, // the first address written canonicalises the page's own
    n: 0,
    query: "", // the server's canonical query for the view (no drawing, no mirror)
    write: function (query, push) {
      this.query = query;
      var full = query + linkParams();
      var path = window.location.pathname;
      if (window.location.search !== full) {
        // the bare address is the opening view: give it its full link in place
        var replace = !push || this.restoring || !window.location.search;
        window.history[replace ? "replaceState" : "pushState"](null, "", path + full);
      }
      var link = window.location.origin + path + full;
      var share = $("share-link");
      if (share && share.textContent !== link) share.textContent = link;
      handoutLink(link);
      recordLink(query);
      return link;
    },
    go: function (search) {
      this.restoring = true;
      this.n += 1;
      window.dash_clientside.set_props("nav", { data: { search: search, n: this.n } });
    }
  };
  window.addEventListener("popstate", function () { nav.go(window.location.search); });
  // anything the person does next is a new view, not the restored one
  ["pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(type, function (ev) {
      if (!(ev.target && ev.target.closest && ev.target.closest("#start-over"))) {
        nav.restoring = false;
      }
    }, true);
  });

  function startOver() {
    strokes = []; done = []; undone = [];
    render();
    window.history.pushState(null, "", window.location.pathname);
    nav.go("");
  }

  // --- the drawing in the link ------------------------------------------
  function chars(n) {
    n = Math.max(0, Math.min(4095, n));
    return cfg.alphabet[Math.floor(n / 64)] + cfg.alphabet[n % 64];
  }
  function quantise(v, lo, hi) { return Math.round((v - lo) / (hi - lo) * 4095); }

  function encodeStroke(s) {
    var out = String(s.pen), view = null;
    s.points.forEach(function (p) {
      if (p[0] !== view) { view = p[0]; out += "~" + cfg.views.indexOf(view); }
      var f = cfg.frames[view];
      out += chars(quantise(p[1], f[0], f[1])) + chars(quantise(p[2], f[2], f[3]));
    });
    return out;
  }

  // the newest strokes that fit the link's budget (older ones stay on screen)
  function linkParams() {
    var out = "";
    inLink = 0;
    if (cfg) {
      var parts = [], size = 0;
      for (var i = strokes.length - 1; i >= 0; i--) {
        var e = encodeStroke(strokes[i]);
        if (size + e.length + 1 > cfg.maxDraw) break;
        parts.unshift(e);
        size += e.length + 1;
      }
      inLink = parts.length;
      if (parts.length) out += "&draw=" + parts.join(".");
    }
    if (mirror) out += "&mirror=1";
    var note = $("ink-note");
    if (note) {
      note.hidden = inLink === strokes.length;
      note.textContent = "The link carries the newest " + inLink + " of " + strokes.length +
        " strokes.";
    }
    return out;
  }

  // the drawing changed: same view, same history entry, new link (not when
  // the drawing came from the link itself)
  function drawingChanged(fromLink) {
    render();
    if (nav.query && !fromLink) nav.write(nav.query, false);
    setDisabled("ink-undo", !done.length);
    setDisabled("ink-redo", !undone.length);
    setDisabled("ink-clear", !strokes.length);
  }
  function setDisabled(id, off) { var el = $(id); if (el) el.disabled = off; }

  function commit(next) {
    done.push(strokes);
    undone = [];
    strokes = next;
    drawingChanged();
  }
  function undo() {
    if (!done.length) return;
    undone.push(strokes);
    strokes = done.pop();
    drawingChanged();
  }
  function redo() {
    if (!undone.length) return;
    done.push(strokes);
    strokes = undone.pop();
    drawingChanged();
  }
  function clearInk() { if (strokes.length) commit([]); }

  // --- views and pixels ----------------------------------------------------
  function axesOf(gd, view) {
    var n = cfg.views.indexOf(view) + 1, suffix = n === 1 ? "" : String(n);
    return { x: gd._fullLayout["xaxis" + suffix], y: gd._fullLayout["yaxis" + suffix] };
  }
  function toPx(gd, p) {
    var a = axesOf(gd, p[0]);
    return [a.x._offset + a.x.l2p(p[1]), a.y._offset + a.y.l2p(p[2])];
  }
  function viewAt(gd, px, py) {
    for (var i = 0; i < cfg.views.length; i++) {
      var a = axesOf(gd, cfg.views[i]);
      if (px >= a.x._offset && px <= a.x._offset + a.x._length &&
          py >= a.y._offset && py <= a.y._offset + a.y._length) return cfg.views[i];
    }
    return null;
  }
  function nearestView(gd, px, py) {
    var best = null, bestD = Infinity;
    cfg.views.forEach(function (v) {
      var a = axesOf(gd, v);
      var dx = Math.max(a.x._offset - px, 0, px - a.x._offset - a.x._length);
      var dy = Math.max(a.y._offset - py, 0, py - a.y._offset - a.y._length);
      var d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = v; }
    });
    return best;
  }
  function toData(gd, view, px, py) {
    var a = axesOf(gd, view);
    return [view, a.x.p2l(px - a.x._offset), a.y.p2l(py - a.y._offset)];
  }

  // --- the layer -------------------------------------------------------------
  function layer() {
    var ink = $("ink");
    if (!ink) return null;
    var svg = ink.querySelector("svg");
    if (!svg) {
      svg = document.createElementNS(SVGNS, "svg");
      svg.setAttribute("aria-hidden", "true");
      ink.appendChild(svg);
    }
    return svg;
  }

  // lay the layer exactly over the plot (it moves and resizes with it)
  function place(gd) {
    var ink = $("ink");
    if (!ink || !gd) return;
    var box = gd.getBoundingClientRect(), host = ink.offsetParent || ink.parentElement;
    var hostBox = host.getBoundingClientRect();
    ink.style.left = (box.left - hostBox.left) + "px";
    ink.style.top = (box.top - hostBox.top) + "px";
    ink.style.width = box.width + "px";
    ink.style.height = box.height + "px";
  }

  function pathOf(gd, points) {
    return points.map(function (p, i) {
      var q = toPx(gd, p);
      return (i ? "L" : "M") + q[0].toFixed(1) + "," + q[1].toFixed(1);
    }).join(" ");
  }

  function render() {
    var gd = graphDiv();
    var svg = layer();
    if (!svg || !ready(gd)) return;
    place(gd);
    var all = live ? strokes.concat([live]) : strokes;
    var parts = [];
    all.forEach(function (s) {
      if (!s.points.length) return;
      var pts = s.points.length === 1 ? [s.points[0], s.points[0]] : s.points;
      var d = pathOf(gd, pts);
      // a white halo under the ink: visible over red, orange and bone alike
      parts.push('<path class="halo" d="' + d + '"/>');
      parts.push('<path class="stroke" data-pen="' + s.pen + '" stroke="' +
                 cfg.pens[s.pen].color + '" d="' + d + '"/>');
    });
    svg.innerHTML = parts.join("");
    // printed, the picture and its drawing shrink to one page's width and a
    // third of its height (CSS px of an A4 or Letter page less its margins)
    var box = gd.getBoundingClientRect();
    if (box.width && box.height) {
      var zoom = Math.min(1, 680 / box.width, 260 / box.height);
      $("ink").parentElement.style.setProperty("--print-zoom", zoom.toFixed(3));
    }
    svg.dataset.strokes = String(strokes.length);
  }

  // Ramer-Douglas-Peucker in pixels, per run of points in one view
  function simplify(gd, points, tolerance) {
    if (points.length < 3) return points;
    var px = points.map(function (p) { return toPx(gd, p); });
    var keep = new Array(points.length);
    keep[0] = keep[points.length - 1] = true;
    for (var i = 1; i < points.length; i++) {
      if (points[i][0] !== points[i - 1][0]) keep[i] = keep[i - 1] = true;
    }
    (function rdp(a, b) {
      var best = -1, bestD = tolerance;
      var ax = px[a][0], ay = px[a][1], bx = px[b][0], by = px[b][1];
      var len = Math.hypot(bx - ax, by - ay) || 1;
      for (var k = a + 1; k < b; k++) {
        var d = Math.abs((bx - ax) * (ay - px[k][1]) - (ax - px[k][0]) * (by - ay)) / len;
        if (d > bestD) { bestD = d; best = k; }
      }
      if (best >= 0) { keep[best] = true; rdp(a, best); rdp(best, b); }
    })(0, points.length - 1);
    return points.filter(function (p, i) { return keep[i]; });
  }

  function localPoint(ev) {
    var box = $("ink").getBoundingClientRect();
    return [ev.clientX - box.left, ev.clientY - box.top];
  }

  function addPoint(gd, xy) {
    var last = live.px;
    if (last && Math.hypot(xy[0] - last[0], xy[1] - last[1]) < 2) return;
    var view = viewAt(gd, xy[0], xy[1]) || live.view || nearestView(gd, xy[0], xy[1]);
    live.view = view;
    live.px = xy;
    live.points.push(toData(gd, view, xy[0], xy[1]));
  }

  function wireInk() {
    var ink = $("ink");
    if (!ink || ink.dataset.wired) return;
    ink.dataset.wired = "1";
    ink.addEventListener("pointerdown", function (ev) {
      var gd = graphDiv();
      if (!drawing || !ready(gd)) return;
      ev.preventDefault();
      ink.setPointerCapture(ev.pointerId);
      live = { pen: pen, points: [], view: null, px: null };
      addPoint(gd, localPoint(ev));
      render();
    });
    ink.addEventListener("pointermove", function (ev) {
      var gd = graphDiv();
      if (!live || !ready(gd)) return;
      ev.preventDefault();
      (ev.getCoalescedEvents ? ev.getCoalescedEvents() : [ev]).forEach(function (e) {
        addPoint(gd, localPoint(e));
      });
      render();
    });
    function finish() {
      var gd = graphDiv();
      if (!live) return;
      var stroke = { pen: live.pen, points: simplify(gd, live.points, 1.2) };
      live = null;
      if (stroke.points.length) commit(strokes.concat([stroke]));
      else render();
    }
    ink.addEventListener("pointerup", finish);
    ink.addEventListener("pointercancel", finish);
  }

  function setDrawing(on) {
    drawing = on;
    setPressed("draw-toggle", on);
    var tools = document.querySelector(".draw-tools");
    if (tools) tools.dataset.drawing = on ? "true" : "false";
    var ink = $("ink");
    if (ink) ink.classList.toggle("active", on);
    var toggle = $("draw-toggle");
    if (toggle) toggle.textContent = on ? "✓ Done drawing" : "✎ Draw";
  }

  function choosePen(n) {
    pen = n;
    document.querySelectorAll(".pen").forEach(function (b) {
      b.setAttribute("aria-pressed", Number(b.dataset.pen) === n ? "true" : "false");
    });
    if (!drawing) setDrawing(true);
  }

  // --- mirror: the front view as the patient sees themself ------------------
  function applyMirror(gd) {
    if (!ready(gd)) return;
    var axis = gd._fullLayout[cfg.frontAxis];
    var range = axis.range.slice();
    var flipped = range[0] > range[1];
    if (flipped !== mirror) {
      var upd = {};
      upd[cfg.frontAxis + ".range"] = [range[1], range[0]];
      window.Plotly.relayout(gd, upd);
    }
    setPressed("mirror-toggle", mirror);
  }
  function setMirror(on) {
    mirror = on;
    applyMirror(graphDiv());
    if (nav.query) nav.write(nav.query, false);
  }

  // --- the side that is lit, named on the picture -----------------------------
  function nameLitSide(gd) {
    if (!ready(gd) || !cfg.sideNotes) return;
    var key = gd.dataset.highlight || "";
    var input = document.querySelector("#side input:checked");
    var side = input ? input.value : "";
    var lit = key && key.indexOf("none:") !== 0 ?
      (side === "both" ? { left: true, right: true } : (function () {
        var o = {}; o[side] = true; return o; })()) : {};
    // a phone with the browser's text set larger (or both sides lit): 'LEFT leg'
    // beside the next view's 'LEFT leg', and 'LEFT' beside 'RIGHT' over a foot,
    // run together; there 'LEFT' alone, and over the feet 'L' and 'R' (as at the spine)
    var crowded = window.innerWidth < 720 && (lit.left && lit.right ||
      (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) > 16);
    function shortened(text, lit) {
      var word = text.split(" ")[0];
      if (!crowded) return lit ? text : word;
      return text.indexOf(" ") < 0 ? word.charAt(0) : word;
    }
    Object.keys(cfg.sideNotes).forEach(function (s) {
      cfg.sideNotes[s].forEach(function (pair) { // [plain word, lit label]
        var plain = gd.querySelector('.annotation[data-index="' + pair[0] + '"]');
        var named = gd.querySelector('.annotation[data-index="' + pair[1] + '"]');
        var plainText = plain && plain.querySelector(".annotation-text");
        var namedFull = named && named.querySelector(".annotation-text");
        var overFoot = namedFull && (namedFull.dataset.full || namedFull.textContent)
          .indexOf(" ") < 0;
        if (plainText) {
          if (!plainText.dataset.full) plainText.dataset.full = plainText.textContent;
          var plainWant = crowded && overFoot ? plainText.dataset.full.charAt(0)
            : plainText.dataset.full;
          if (plainText.textContent !== plainWant) plainText.textContent = plainWant;
        }
        if (plain) plain.style.opacity = lit[s] ? 0 : 1;
        if (named) {
          named.style.opacity = lit[s] ? 1 : 0;
          // both sides lit: 'LEFT' and 'RIGHT' alone, or the two would touch
          var text = named.querySelector(".annotation-text");
          if (text) {
            if (!text.dataset.full) text.dataset.full = text.textContent;
            var want = shortened(text.dataset.full, !(lit.left && lit.right));
            if (text.textContent !== want) {
              text.textContent = want;
              text.style.fontWeight = "bold";
            }
            // the white ground Plotly sized for the full name would cover the
            // neighbour's last letter ('RIGH_T'): only under the full name
            var ground = named.querySelector("rect.bg");
            if (ground) ground.style.display = want === text.dataset.full ? "" : "none";
          }
        }
      });
    });
  }

  // --- presentation: the picture full screen, larger labels, a slim bar -------
  function scaleLabels(gd) {
    if (!gd) return;
    var factor = presenting ? 1.4 : 1;
    gd.querySelectorAll(".annotation-text, .textpoint text").forEach(function (t) {
      if (!t.dataset.basePx) t.dataset.basePx = parseFloat(t.style.fontSize) || 12;
      t.style.fontSize = (Number(t.dataset.basePx) * factor).toFixed(1) + "px";
    });
  }
  function present(on) {
    presenting = on;
    document.body.classList.toggle("presenting", on);
    setPressed("present-toggle", on);
    var root = document.documentElement;
    if (on && root.requestFullscreen && !document.fullscreenElement) {
      root.requestFullscreen().catch(function () {}); // refused: presenting in the window
    } else if (!on && document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(function () {});
    }
    window.dispatchEvent(new Event("resize")); // the picture refits (assets/highlight.js)
    scaleLabels(graphDiv());
  }
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && presenting) present(false); // Esc left full screen
  });

  // --- help -------------------------------------------------------------------
  function showHelp(on) {
    var help = $("help");
    if (!help) return;
    help.hidden = !on;
    if (on) { var close = $("help-close"); if (close) close.focus(); }
  }
  function showHandout(on) {
    var box = $("handout-dialog");
    if (!box) return;
    box.hidden = !on;
    if (on) { var note = $("doctor-note"); if (note) note.focus(); }
  }

  // --- keyboard shortcuts for a doctor at a laptop -------------------------
  function clickOption(control, pick) {
    var inputs = Array.prototype.slice.call(document.querySelectorAll("#" + control + " input"));
    var at = inputs.findIndex(function (i) { return i.checked; });
    var target = pick(inputs, at);
    if (target && !target.disabled && !target.checked) target.click();
  }
  function stepLevel(step) {
    if ($("level-field") && $("level-field").hidden) return;
    clickOption("level", function (inputs, at) {
      for (var k = at + step; k >= 0 && k < inputs.length; k += step) {
        if (!inputs[k].disabled) return inputs[k];
      }
      return null;
    });
  }
  function typing(t) {
    return t && (t.isContentEditable || t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
      (t.tagName === "INPUT" && !/^(radio|checkbox)$/.test(t.type)));
  }

  document.addEventListener("keydown", function (ev) {
    if (typing(ev.target) || ev.altKey || ev.metaKey) return;
    var key = ev.key;
    // Inside a radio group the arrows keep their usual meaning (move within that group),
    // as keyboard and screen-reader users expect; the shortcuts act everywhere else.
    if (/^Arrow/.test(key) && ev.target.tagName === "INPUT") return;
    if (ev.ctrlKey) {
      if (key === "z" || key === "Z") { if (ev.shiftKey) redo(); else undo(); ev.preventDefault(); }
      else if (key === "y") { redo(); ev.preventDefault(); }
      return;
    }
    var explaining = !!document.querySelector('#mode input[value="explain"]:checked');
    var handled = true;
    if (key === "ArrowUp" && explaining) stepLevel(-1);
    else if (key === "ArrowDown" && explaining) stepLevel(1);
    else if (key === "ArrowLeft" || key === "ArrowRight") {
      var side = key === "ArrowLeft" ? "left" : "right";
      clickOption("side", function (inputs) {
        return inputs.find(function (i) { return i.value === side; });
      });
    } else if (/^[1-9]$/.test(key) && explaining) {
      clickOption("condition", function (inputs) { return inputs[Number(key) - 1]; });
    } else if (key === "d" || key === "D") setDrawing(!drawing);
    else if (key === "p" || key === "P") present(!presenting);
    else if (key === "m" || key === "M") setMirror(!mirror);
    else if (key === "?") showHelp($("help").hidden);
    else if (key === "Escape") {
      if (!$("help").hidden) showHelp(false);
      else if ($("handout-dialog") && !$("handout-dialog").hidden) showHandout(false);
      else if (drawing) setDrawing(false);
      else if (presenting) present(false);
      else handled = false;
    } else handled = false;
    if (handled) ev.preventDefault();
  });

  // a radio clicked with the mouse does not keep the focus: the arrow keys
  // then mean level and side, not "the next radio of the group last clicked"
  var pointerAt = 0;
  document.addEventListener("pointerdown", function () { pointerAt = Date.now(); }, true);
  document.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t && t.type === "radio" && Date.now() - pointerAt < 1000 && t.closest(".controls")) {
      t.blur();
    }
  });

  // --- buttons --------------------------------------------------------------
  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest("button") : null;
    if (!t) return;
    switch (t.id) {
      case "start-over": startOver(); break;
      case "draw-toggle": setDrawing(!drawing); break;
      case "ink-undo": undo(); break;
      case "ink-redo": redo(); break;
      case "ink-clear": clearInk(); break;
      case "mirror-toggle": setMirror(!mirror); break;
      case "present-toggle": present(!presenting); break;
      case "help-toggle": showHelp(true); break;
      case "help-close": showHelp(false); break;
      case "print-open": showHandout(true); break;
      case "handout-close": showHandout(false); break;
      case "handout-print": showHandout(false); window.print(); break;
      default:
        if (t.classList.contains("pen")) choosePen(Number(t.dataset.pen));
    }
  });

  // --- the handout: date, the doctor's note (never sent), the link's QR -------
  var qrTimer = null;
  function handoutLink(link) {
    // printed under the QR code: the view's address without the drawing
    // (the code carries all of it; a drawing is too long to type)
    var text = $("handout-link");
    if (text) text.textContent = link.replace(/&draw=[^&]*/, "");
    clearTimeout(qrTimer);
    qrTimer = setTimeout(function () {
      var img = $("handout-qr");
      var src = "/_spinefoot/qr.svg?link=" + encodeURIComponent(link);
      if (img && img.getAttribute("src") !== src) img.setAttribute("src", src);
    }, 150);
  }
  // "Save for the record (FHIR)": the server writes the view of the canonical query (no
  // drawing, no note); a "where" view with nothing marked has nothing to record
  function recordLink(query) {
    var a = $("handout-fhir");
    if (!a) return;
    var empty = /[?&]mode=where(&|$)/.test(query);
    a.hidden = empty;
    a.setAttribute("href", a.dataset.route + query);
    var about = $("handout-fhir-about"), hint = $("handout-fhir-empty");
    if (about) about.hidden = empty;
    if (hint) hint.hidden = !empty;
  }
  function stampDate() {
    var el = $("handout-date");
    if (el) {
      el.textContent = new Date().toLocaleDateString(undefined,
        { year: "numeric", month: "long", day: "numeric" });
    }
  }
  document.addEventListener("input", function (ev) {
    if (ev.target && ev.target.id === "doctor-note") {
      var out = $("handout-note-text");
      if (out) out.textContent = ev.target.value;
      var box = $("handout-note");
      if (box) box.classList.toggle("empty", !ev.target.value.trim());
    }
  });
  window.addEventListener("beforeprint", function () { stampDate(); render(); });

  // --- after every Plotly draw: the layer, the side names, the label size -----
  function watch(gd) {
    if (!gd || gd.dataset.sfInk) return;
    gd.dataset.sfInk = "1";
    gd.on("plotly_afterplot", function () {
      render(); nameLitSide(gd); scaleLabels(gd);
    });
    document.addEventListener("spinefoot:painted", function () { nameLitSide(gd); });
    applyMirror(gd);
    render(); nameLitSide(gd);
  }
  function whenPlotted(fn) {
    var gd = graphDiv();
    if (ready(gd)) fn(gd);
    else setTimeout(function () { whenPlotted(fn); }, 50);
  }
  window.addEventListener("resize", function () { setTimeout(render, 200); });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    chairside: {
      setup: function (config) {
        cfg = config;
        wireInk();
        stampDate();
        whenPlotted(watch);
        return window.dash_clientside.no_update;
      },
      writeUrl: function (query, loaded) {
        if (!loaded || !query) return window.dash_clientside.no_update;
        return nav.write(query, true);
      },
      // a link (or Back/Forward) brings its own drawing and mirror choice
      applyLink: function (link) {
        if (!link) return window.dash_clientside.no_update;
        strokes = link.strokes || [];
        done = []; undone = [];
        mirror = !!link.mirror;
        whenPlotted(function (gd) { applyMirror(gd); drawingChanged(true); });
        return window.dash_clientside.no_update;
      },
      // for tests: what the layer holds and what the link says
      state: function () {
        return { strokes: strokes, drawing: drawing, mirror: mirror, presenting: presenting,
                 inLink: inLink, undo: done.length, redo: undone.length };
      }
    }
  });
})();

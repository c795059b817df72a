var gd = document.querySelector('#schematic .js-plotly-plot');
var svg = gd.querySelector('svg.main-svg').getBoundingClientRect();
var boxes = [];
gd.querySelectorAll('g.annotation-text-g text, g.annotation text').forEach(function (t) {
  // a label the page has hidden (e.g. 'Left' while 'LEFT leg' shows in its place) is not seen
  var note = t.closest('.annotation');
  if (note && getComputedStyle(note).opacity === '0') return;
  var b = t.getBoundingClientRect(); if (b.width) boxes.push({text: t.textContent, b: b});
});
gd.querySelectorAll('g.textpoint text').forEach(function (t) {
  var s = getComputedStyle(t);
  if (s.fill === 'rgba(0, 0, 0, 0)' || s.fillOpacity === '0') return;
  var b = t.getBoundingClientRect(); if (b.width) boxes.push({text: t.textContent, b: b});
});
var out = [], over = [];
boxes.forEach(function (x) {
  var b = x.b;
  if (b.left < svg.left - 0.5 || b.right > svg.right + 0.5 || b.top < svg.top - 0.5 || b.bottom > svg.bottom + 0.5)
    out.push(x.text + ' ' + [b.left - svg.left, svg.right - b.right, b.top - svg.top, svg.bottom - b.bottom].map(Math.round));
});
for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
  var a = boxes[i].b, c = boxes[j].b;
  var w = Math.min(a.right, c.right) - Math.max(a.left, c.left), h = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
  if (w > 0.5 && h > 0.5) over.push(boxes[i].text + ' x ' + boxes[j].text + ' ' + Math.round(w) + 'x' + Math.round(h));
}
return {n: boxes.length, out: out, over: over, svg: [svg.width, svg.height], arr: gd.dataset.arrangement,
        texts: boxes.map(function (x) { return x.text; })};

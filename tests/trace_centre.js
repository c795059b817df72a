// Viewport point at the middle (mean of its points) of the first trace of the
// schematic whose key (meta) starts with arguments[0]; arguments[1] true: the
// picture is first scrolled to the middle of the screen. Returns [x, y].
// Shared by the browser tests (read with Path.read_text, run by execute_script).
var gd = document.querySelector('#schematic .js-plotly-plot'), prefix = arguments[0];
if (arguments[1]) gd.scrollIntoView({block: 'center'});
var t = gd._fullData.find(function (t) { return String(t.meta).indexOf(prefix) === 0; });
var xa = gd._fullLayout[t.xaxis.replace('x', 'xaxis')],
    ya = gd._fullLayout[t.yaxis.replace('y', 'yaxis')];
var xs = t.x.filter(function (v) { return v !== null; }),
    ys = t.y.filter(function (v) { return v !== null; });
var cx = xs.reduce(function (a, b) { return a + b; }) / xs.length,
    cy = ys.reduce(function (a, b) { return a + b; }) / ys.length;
var box = gd.getBoundingClientRect();
return [box.left + xa._offset + xa.l2p(cx), box.top + ya._offset + ya.l2p(cy)];

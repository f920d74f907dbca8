// The drawn network as a vector SVG: every node and edge vis-network draws (filters, clusters and
// positions as on screen), written as SVG shapes and text from the values vis-network resolved for
// them. vis-network 9.1.2 is pinned by the pyvis it ships with; the internals read here
// (body.nodes/edges, labelModule, edgeType) are those of that version, and the page's browser tests
// fail if they move.
function sigraphSvg(network) {
  "use strict";
  var body = network.body;
  var ctx = network.canvas.getContext();
  var parts = [];
  var box = {left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity};
  function grow(left, top, right, bottom) {
    box.left = Math.min(box.left, left); box.top = Math.min(box.top, top);
    box.right = Math.max(box.right, right); box.bottom = Math.max(box.bottom, bottom);
  }
  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function num(x) { return Math.round(x * 100) / 100; }
  function points(list) { return list.map(function (p) { return num(p[0]) + "," + num(p[1]); }).join(" "); }
  function dashes(value) {  // vis-network's pattern, or its default for `true`
    if (!value) { return ""; }
    return ' stroke-dasharray="' + (Array.isArray(value) ? value : [5, 5]).map(num).join(" ") + '"';
  }
  function colourOf(value, fallback) {  // vis keeps colours as strings or {color, background, border}
    if (!value) { return fallback; }
    return typeof value === "string" ? value : value.color || fallback;
  }
  function polygon(sides, x, y, r) {
    var list = [];
    for (var i = 0; i < sides; i++) { list.push([x + r * Math.cos(2 * Math.PI * i / sides), y + r * Math.sin(2 * Math.PI * i / sides)]); }
    return list;
  }
  function shapeOf(node) {  // the outline vis-network's shapes draw (lib/network/shapes.js), as one SVG element
    var o = node.options, x = node.x, y = node.y, r = o.size, w = node.shape.width, h = node.shape.height;
    var side, half, inner, height;
    switch (o.shape) {
      case "dot": case "circle": return '<circle cx="' + num(x) + '" cy="' + num(y) + '" r="' + num(o.shape === "dot" ? r : w / 2) + '"';
      case "square": return '<rect x="' + num(x - r) + '" y="' + num(y - r) + '" width="' + num(2 * r) + '" height="' + num(2 * r) + '"';
      case "diamond": return '<polygon points="' + points([[x, y - r], [x + r, y], [x, y + r], [x - r, y]]) + '"';
      case "hexagon": return '<polygon points="' + points(polygon(6, x, y, r)) + '"';
      case "triangle": case "triangleDown":
        side = 2 * r; half = side / 2; inner = Math.sqrt(3) / 6 * side; height = Math.sqrt(side * side - half * half);
        var flip = o.shape === "triangle" ? 1 : -1;
        return '<polygon points="' + points([[x, y - flip * (height - inner)], [x + half, y + flip * inner],
                                             [x - half, y + flip * inner]]) + '"';
      case "star":
        var star = [], radius = r * 0.82, top = y + 0.1 * radius;
        for (var n = 0; n < 10; n++) {
          var reach = n % 2 === 0 ? radius * 1.3 : radius * 0.5;
          star.push([x + reach * Math.sin(n * 2 * Math.PI / 10), top - reach * Math.cos(n * 2 * Math.PI / 10)]);
        }
        return '<polygon points="' + points(star) + '"';
      case "ellipse": return '<ellipse cx="' + num(x) + '" cy="' + num(y) + '" rx="' + num(w / 2) + '" ry="' + num(h / 2) + '"';
      case "database":
        var left = x - w / 2, ry = h / 6, topY = y - h / 2 + ry, bottomY = y + h / 2 - ry;
        return '<path d="M' + num(left) + "," + num(topY) + " a" + num(w / 2) + "," + num(ry) + " 0 0 0 " + num(w) + ",0 a" +
               num(w / 2) + "," + num(ry) + " 0 0 0 " + num(-w) + ",0 V" + num(bottomY) + " a" + num(w / 2) + "," + num(ry) +
               " 0 0 0 " + num(w) + ",0 V" + num(topY) + '"';
      case "text": return null;
      default:  // box and the rest: the rounded rectangle around the label
        var round = (o.shapeProperties && o.shapeProperties.borderRadius) || 6;
        return '<rect x="' + num(x - w / 2) + '" y="' + num(y - h / 2) + '" width="' + num(w) + '" height="' + num(h) +
               '" rx="' + num(round) + '"';
    }
  }
  // The wrapped lines vis-network laid out, centred on x: around y, or under a shape whose top
  // edge is at `below` (vis-network's own offset: half the font size and 4 px). Its label's `size`
  // is not read: it is only brought up to date for what was last drawn on screen.
  function label(module, x, y, below) {
    var lines = module.lines || [];
    if (!lines.length) { return; }
    var font = module.fontOptions, total = 0;
    lines.forEach(function (line) { total += line.height; });
    var top = below === null ? y - total / 2 : below + font.size / 2 + 4, widest = 0;
    lines.forEach(function (line) { widest = Math.max(widest, line.width); });
    if (font.background && font.background !== "rgba(0,0,0,0)" && font.background !== "none") {
      parts.push('<rect x="' + num(x - widest / 2 - 2) + '" y="' + num(top) + '" width="' + num(widest + 4) +
                 '" height="' + num(total) + '" fill="' + esc(font.background) + '"/>');
    }
    var stroke = font.strokeWidth > 0 ? ' stroke="' + esc(font.strokeColor) + '" stroke-width="' + num(font.strokeWidth) +
                                       '" paint-order="stroke" stroke-linejoin="round"' : "";
    var at = top;
    lines.forEach(function (line) {
      var text = line.blocks.map(function (b) { return b.text; }).join("");
      parts.push('<text x="' + num(x) + '" y="' + num(at + line.height / 2) + '" font-family="' + esc(font.face) +
                 ', sans-serif" font-size="' + num(font.size) +
                 '" fill="' + esc(font.color) + '"' + stroke + ">" + esc(text) + "</text>");
      at += line.height;
    });
    grow(x - widest / 2, top, x + widest / 2, top + total);
  }
  function curve(edge) {  // the quadratic vis-network draws from centre to centre, and its point at t
    var from = edge.from, to = edge.to;
    var via = typeof edge.edgeType._getViaCoordinates === "function" ? edge.edgeType._getViaCoordinates() : null;
    if (!via || via.x === undefined) { via = {x: (from.x + to.x) / 2, y: (from.y + to.y) / 2}; }
    return {
      at: function (t) {
        return {x: (1 - t) * (1 - t) * from.x + 2 * t * (1 - t) * via.x + t * t * to.x,
                y: (1 - t) * (1 - t) * from.y + 2 * t * (1 - t) * via.y + t * t * to.y};
      },
      upTo: function (t) {  // the same curve cut at t: start, control, end (de Casteljau)
        var control = {x: from.x + (via.x - from.x) * t, y: from.y + (via.y - from.y) * t};
        return [from, control, this.at(t)];
      },
    };
  }
  function drawEdge(edge) {
    if (edge.from === edge.to) { return; }  // no self-loops in sigraph's pictures
    var o = edge.options, line = curve(edge);
    var colour = colourOf(o.color, "#8a8a8a"), width = o.width || 1;
    var tip = {x: edge.to.x, y: edge.to.y, t: 1};
    var arrow = o.arrows && o.arrows.to && o.arrows.to.enabled;
    try { tip = edge.edgeType.findBorderPosition(edge.to, ctx); } catch (ignored) { /* centre to centre */ }
    var length = arrow ? 15 * ((o.arrows.to.scaleFactor) || 1) + 3 * width : 0;
    var end = tip.t;  // the line stops at the arrow's base, so a thick line does not poke past its tip
    for (var step = 0; arrow && step < 40 && end > 0; step++) {
      var p = line.at(end);
      if (Math.hypot(p.x - tip.x, p.y - tip.y) >= 0.6 * length) { break; }
      end -= 0.005;
    }
    var cut = line.upTo(Math.max(end, 0));
    parts.push('<path d="M' + num(cut[0].x) + "," + num(cut[0].y) + " Q" + num(cut[1].x) + "," + num(cut[1].y) + " " +
               num(cut[2].x) + "," + num(cut[2].y) + '" fill="none" stroke="' + esc(colour) + '" stroke-width="' + num(width) +
               '"' + dashes(o.dashes) + "/>");
    grow(Math.min(cut[0].x, cut[2].x), Math.min(cut[0].y, cut[2].y), Math.max(cut[0].x, cut[2].x), Math.max(cut[0].y, cut[2].y));
    if (arrow) {
      var base = line.at(Math.max(end, 0)), angle = Math.atan2(tip.y - base.y, tip.x - base.x);
      var head = [[0, 0], [-1, 0.3], [-0.5, 0], [-1, -0.3]].map(function (q) {
        var px = q[0] * length, py = q[1] * length;
        return [tip.x + px * Math.cos(angle) - py * Math.sin(angle), tip.y + px * Math.sin(angle) + py * Math.cos(angle)];
      });
      parts.push('<polygon points="' + points(head) + '" fill="' + esc(colour) + '"/>');
    }
    var text = edge.labelModule && edge.labelModule.lines && edge.labelModule.lines.length ? edge.labelModule : null;
    if (text && o.label) {
      var middle = line.at(0.5);
      label(text, middle.x, middle.y, null);
    }
  }
  function drawNode(node) {
    var o = node.options, outline = shapeOf(node);
    var inside = ["box", "ellipse", "database", "circle", "text"].indexOf(o.shape) >= 0;
    if (outline) {
      var fill = o.color.background, stroke = o.color.border, width = o.borderWidth || 1;
      var dashed = o.shapeProperties && o.shapeProperties.borderDashes;
      var look = (o.shadow && o.shadow.enabled ? ' filter="url(#shadow)"' : "") +
                 (o.opacity !== undefined && o.opacity < 1 ? ' opacity="' + num(o.opacity) + '"' : "");
      parts.push(outline + ' fill="' + esc(fill) + '" stroke="' + esc(stroke) + '" stroke-width="' + num(width) + '"' +
                 dashes(dashed) + look + ' data-id="' + esc(node.id) + '"/>');
      var extent = o.shape === "box" || o.shape === "ellipse" || o.shape === "database" ?
        {w: node.shape.width / 2, h: node.shape.height / 2} : {w: o.size * 1.3, h: o.size * 1.3};
      grow(node.x - extent.w - width, node.y - extent.h - width, node.x + extent.w + width, node.y + extent.h + width);
    }
    label(node.labelModule, node.x, node.y, inside ? null : node.y + node.shape.height / 2);
  }
  var drawnNodes = body.nodeIndices.map(function (id) { return body.nodes[id]; })
    .filter(function (n) { return n && !n.options.hidden; });
  var drawn = {};
  drawnNodes.forEach(function (n) { drawn[n.id] = true; });
  body.edgeIndices.map(function (id) { return body.edges[id]; }).forEach(function (e) {
    if (e && e.connected && !e.options.hidden && drawn[e.fromId] && drawn[e.toId]) { drawEdge(e); }
  });
  drawnNodes.forEach(drawNode);
  if (!isFinite(box.left)) { grow(0, 0, 100, 100); }
  var margin = 24, width = box.right - box.left + 2 * margin, height = box.bottom - box.top + 2 * margin;
  return '<svg xmlns="http://www.w3.org/2000/svg" width="' + Math.ceil(width) + '" height="' + Math.ceil(height) +
    '" viewBox="' + [num(box.left - margin), num(box.top - margin), num(width), num(height)].join(" ") +
    '" text-anchor="middle" dominant-baseline="central">' +
    '<defs><filter id="shadow" x="-50%" y="-50%" width="200%" height="200%">' +
    '<feDropShadow dx="0" dy="0" stdDeviation="8" flood-color="#000000" flood-opacity="0.55"/></filter></defs>' +
    '<rect x="' + num(box.left - margin) + '" y="' + num(box.top - margin) + '" width="' + num(width) + '" height="' +
    num(height) + '" fill="#ffffff"/>' + parts.join("") + "</svg>";
}

// synack's player: steps through a run drawn in two languages. Everything
// it needs is in the page (#player-data); it fetches nothing.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("player-data").textContent);
  var root = document.documentElement;
  var SVG = "http://www.w3.org/2000/svg";
  var index = 0;
  var timer = null;
  var byId = function (id) { return document.getElementById(id); };

  function lang() { return data.langs[root.lang] ? root.lang : data.first; }
  function steps(code) { return data.langs[code || lang()].steps; }
  function count() { return data.count; }

  // Where time t lies on a drawing: the axis's knots, interpolated between
  // and clamped outside (the same map the Rust side draws with).
  function at(knots, t) {
    if (!knots || knots.length === 0) return null;
    if (t <= knots[0][0]) return knots[0][1];
    for (var i = 1; i < knots.length; i++) {
      var a = knots[i - 1], b = knots[i];
      if (t <= b[0]) {
        if (b[0] === a[0]) return b[1];
        return a[1] + (t - a[0]) / (b[0] - a[0]) * (b[1] - a[1]);
      }
    }
    return knots[knots.length - 1][1];
  }

  // One cursor line per drawing, added once.
  function cursor(svg, cls) {
    var line = svg.querySelector("line." + cls);
    if (!line) {
      line = document.createElementNS(SVG, "line");
      line.setAttribute("class", cls);
      svg.appendChild(line);
    }
    return line;
  }

  function box(svg) {
    var v = svg.viewBox && svg.viewBox.baseVal;
    if (v && v.width) return { w: v.width, h: v.height };
    return { w: svg.width.baseVal.value, h: svg.height.baseVal.value };
  }

  function paragraphs(el, lines) {
    el.textContent = "";
    lines.forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = text;
      el.appendChild(p);
    });
  }

  function show() {
    var code = lang();
    var list = steps(code);
    var step = list[Math.min(index, list.length - 1)] || { t: 0, label: "", narration: [], bits: [], arrow: null };
    byId("step-index").textContent = String(index + 1);
    byId("step-count").textContent = String(count());
    byId("label").textContent = step.label;
    paragraphs(byId("narration"), step.narration);
    byId("bits").textContent = step.bits.join("\n");
    root.classList.toggle("no-bits", step.bits.length === 0);
    document.title = data.langs[code].title;

    Object.keys(data.langs).forEach(function (c) {
      var d = data.langs[c];
      var s = d.steps[Math.min(index, d.steps.length - 1)] || step;
      var holder = document.querySelector('.seq[data-lang="' + c + '"]');
      var svg = holder && holder.querySelector("svg");
      if (svg) {
        svg.querySelectorAll(".current").forEach(function (e) { e.classList.remove("current"); });
        if (s.arrow !== null && s.arrow !== undefined) {
          var arrow = byId(c + "-sq-a" + s.arrow);
          if (arrow) arrow.classList.add("current");
        }
        svg.querySelectorAll('.state[data-step="' + index + '"]').forEach(function (e) { e.classList.add("current"); });
        var y = at(d.seq, s.t);
        var line = cursor(svg, "time-cursor");
        if (y === null) {
          line.setAttribute("visibility", "hidden");
        } else {
          var b = box(svg);
          line.setAttribute("x1", "0");
          line.setAttribute("x2", String(b.w));
          line.setAttribute("y1", String(y));
          line.setAttribute("y2", String(y));
          line.setAttribute("visibility", "visible");
          line.classList.toggle("with-arrow", s.arrow !== null && s.arrow !== undefined);
        }
      }
      var graph = document.querySelector('.graph[data-lang="' + c + '"] svg');
      if (graph) {
        var x = at(d.graph, s.t);
        var gl = cursor(graph, "graph-cursor");
        if (x === null) {
          gl.setAttribute("visibility", "hidden");
        } else {
          var gb = box(graph);
          gl.setAttribute("x1", String(x));
          gl.setAttribute("x2", String(x));
          gl.setAttribute("y1", "0");
          gl.setAttribute("y2", String(gb.h));
          gl.setAttribute("visibility", "visible");
        }
      }
    });

    var current = document.querySelector('.seq[data-lang="' + code + '"] .arrow.current') ||
      document.querySelector('.seq[data-lang="' + code + '"] .time-cursor');
    if (current && current.scrollIntoView) current.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  function go(i) {
    index = Math.max(0, Math.min(count() - 1, i));
    show();
  }

  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    byId("play").classList.remove("playing");
  }

  function play() {
    if (timer !== null) { stop(); return; }
    if (index >= count() - 1) go(0);
    byId("play").classList.add("playing");
    var speed = Number(byId("speed").value) || 1;
    timer = setInterval(function () {
      if (index >= count() - 1) { stop(); return; }
      go(index + 1);
    }, 1800 / speed);
  }

  function toggleLang() {
    var codes = Object.keys(data.langs);
    root.lang = codes[(codes.indexOf(lang()) + 1) % codes.length];
    show();
  }

  byId("home").addEventListener("click", function () { go(0); });
  byId("prev").addEventListener("click", function () { go(index - 1); });
  byId("next").addEventListener("click", function () { go(index + 1); });
  byId("end").addEventListener("click", function () { go(count() - 1); });
  byId("play").addEventListener("click", play);
  byId("lang").addEventListener("click", toggleLang);
  byId("speed").addEventListener("change", function () { if (timer !== null) { stop(); play(); } });

  // A click on an arrow or a state box jumps to the step it belongs to.
  document.querySelectorAll(".seq svg").forEach(function (svg) {
    svg.addEventListener("click", function (e) {
      var hit = e.target.closest && e.target.closest("[data-step]");
      if (hit) { stop(); go(Number(hit.getAttribute("data-step"))); }
    });
  });

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var tag = e.target && e.target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA") return;
    switch (e.key) {
      case "ArrowRight": case "PageDown": stop(); go(index + 1); break;
      case "ArrowLeft": case "PageUp": stop(); go(index - 1); break;
      case "Home": stop(); go(0); break;
      case "End": stop(); go(count() - 1); break;
      case " ":
        if (tag === "BUTTON") return;
        play();
        break;
      default: return;
    }
    e.preventDefault();
  });

  show();
})();

(function () {
  "use strict";
  var d = document, b = d.body;
  var slides = Array.prototype.slice.call(d.querySelectorAll("main > section.slide"));
  if (!slides.length) return;
  var cur = 0, mode = d.createElement("button"), back = d.createElement("button");
  mode.id = "mode"; mode.type = "button"; back.id = "back"; back.type = "button";
  back.textContent = "Back to slide";
  b.appendChild(mode); b.appendChild(back);
  function on() { return b.classList.contains("slides"); }
  function show(i, remember) {
    cur = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, k) { s.classList.toggle("active", k === cur); });
    if (remember && on()) history.replaceState(null, "", "#" + slides[cur].id);
  }
  function setMode(slideMode, scroll) {
    b.classList.toggle("slides", slideMode);
    b.classList.remove("reading");
    mode.textContent = slideMode ? "Document" : "Slides";
    if (slideMode) show(cur, true); else if (scroll) slides[cur].scrollIntoView();
  }
  function leaveReading() {
    b.classList.remove("reading");
    history.replaceState(null, "", "#" + slides[cur].id);
  }
  function route() {
    var id = decodeURIComponent(location.hash.slice(1));
    var t = id ? d.getElementById(id) : null;
    Array.prototype.forEach.call(d.querySelectorAll("mark.current"), function (m) { m.classList.remove("current"); });
    if (!t) return;
    var s = t.closest("main > section.slide");
    if (s) { show(slides.indexOf(s)); b.classList.remove("reading"); }
    else if (on()) b.classList.add("reading");
    var n = t.getAttribute("data-note");
    if (n) Array.prototype.forEach.call(d.querySelectorAll('mark[data-n~="' + n + '"]'), function (m) { m.classList.add("current"); });
    if (!on() || !s) t.scrollIntoView({ block: "center" });
  }
  mode.addEventListener("click", function () { setMode(!on(), true); });
  back.addEventListener("click", leaveReading);
  window.addEventListener("hashchange", route);
  d.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "m") { setMode(!on(), true); return; }
    if (!on()) return;
    if (b.classList.contains("reading")) { if (e.key === "Escape") leaveReading(); return; }
    var k = e.key, next = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 }[k];
    if (next) show(cur + next, true);
    else if (k === "Home") show(0, true);
    else if (k === "End") show(slides.length - 1, true);
    else return;
    e.preventDefault();
  });
  var wide = window.matchMedia("(min-width: 48em)").matches;
  b.classList.toggle("slides", wide);
  mode.textContent = wide ? "Document" : "Slides";
  show(0);
  route();
})();

/* cablegram: small enhancements over pages that work without JavaScript.
   - copy-link buttons on cable paragraphs (the permalink itself is a plain #pN anchor);
   - brushing the date histogram: drag across bars to set from:/to: (a click on one bar is a
     plain link, so the histogram works without this script);
   - "/" focuses the search box.
   No inline handlers anywhere: the CSP forbids them; everything is delegated from here. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  function showCopyButtons(scope) {
    var buttons = (scope || document).querySelectorAll("button.copy-link[hidden]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }

  function permalink(anchor) {
    return location.origin + location.pathname + location.search + "#" + anchor;
  }

  function copied(button, ok) {
    var label = button.textContent;
    button.textContent = ok ? "Copied" : "Press Ctrl+C";
    button.classList.add("copied");
    setTimeout(function () {
      button.textContent = label;
      button.classList.remove("copied");
    }, 1500);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.copy-link");
    if (!button) return;
    var url = permalink(button.getAttribute("data-anchor"));
    history.replaceState(null, "", url);
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () { copied(button, true); },
        function () { copied(button, false); }
      );
    } else {
      copied(button, false);
    }
  });

  /* ---- histogram brush ---- */
  var brush = null;
  var swallowClick = false;

  function barIndex(svg, clientX, count) {
    var box = svg.getBoundingClientRect();
    var i = Math.floor(((clientX - box.left) / box.width) * count);
    return Math.max(0, Math.min(count - 1, i));
  }

  function drawBrush(state) {
    var lo = Math.min(state.start, state.end);
    var hi = Math.max(state.start, state.end);
    state.rect.setAttribute("x", String(lo * 10));
    state.rect.setAttribute("width", String((hi - lo + 1) * 10));
  }

  function applyRange(state) {
    var lo = Math.min(state.start, state.end);
    var hi = Math.max(state.start, state.end);
    var from = state.bars[lo].getAttribute("data-start");
    var to = state.bars[hi].getAttribute("data-end");
    var figure = state.svg.closest(".histogram");
    var base = (figure && figure.getAttribute("data-q")) || "";
    var q = (base + " from:" + from + " to:" + to).trim();
    var url = new URL("/search", location.origin);
    var current = new URLSearchParams(location.search);
    if (location.pathname === "/search") {
      ["sort", "per_page"].forEach(function (name) {
        if (current.get(name)) url.searchParams.set(name, current.get(name));
      });
    }
    url.searchParams.set("q", q);
    location.assign(url.toString());
  }

  document.addEventListener("pointerdown", function (event) {
    var svg = event.target.closest && event.target.closest("svg.histo-svg");
    if (!svg || event.button !== 0) return;
    var bars = svg.querySelectorAll("a");
    if (!bars.length) return;
    var start = barIndex(svg, event.clientX, bars.length);
    brush = {
      svg: svg, bars: bars, start: start, end: start, moved: false,
      rect: svg.querySelector(".histo-brush")
    };
    svg.setPointerCapture(event.pointerId);
  });

  document.addEventListener("pointermove", function (event) {
    if (!brush) return;
    var end = barIndex(brush.svg, event.clientX, brush.bars.length);
    if (end !== brush.start) brush.moved = true;
    brush.end = end;
    if (brush.moved && brush.rect) drawBrush(brush);
  });

  document.addEventListener("pointerup", function () {
    if (!brush) return;
    var state = brush;
    brush = null;
    if (state.moved && state.end !== state.start) {
      swallowClick = true;
      setTimeout(function () { swallowClick = false; }, 0);
      applyRange(state);
    } else if (state.rect) {
      state.rect.setAttribute("width", "0");
    }
  });

  document.addEventListener("pointercancel", function () {
    if (brush && brush.rect) brush.rect.setAttribute("width", "0");
    brush = null;
  });

  document.addEventListener("dragstart", function (event) {
    if (event.target.closest && event.target.closest("svg.histo-svg")) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (swallowClick) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  /* "/" jumps to the search box, as on most search sites (not while typing elsewhere). */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var box = document.getElementById("q") || document.getElementById("head-q");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  document.addEventListener("DOMContentLoaded", function () { showCopyButtons(document); });
  document.addEventListener("htmx:afterSwap", function (event) { showCopyButtons(event.target); });
})();

/* timeline: small progressive enhancements; every page reads fine without JavaScript. */
(function () {
  "use strict";
  // Escape closes a tooltip opened by keyboard focus (WCAG 1.4.13: dismissable).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var active = document.activeElement;
    if (active && (active.classList.contains("tx-link") || active.classList.contains("tx-wrap"))) {
      active.blur();
    }
  });
  // Following a link to an event or an expression moves keyboard focus there too.
  function focusTarget() {
    if (!location.hash) return;
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return; // a malformed %-escape in a hand-typed or mangled URL: no target
    }
    var target = document.getElementById(id);
    if (!target) return;
    if (!target.hasAttribute("tabindex") && !target.matches("a[href]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
  }
  window.addEventListener("hashchange", focusTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusTarget);
  } else {
    focusTarget();
  }
})();

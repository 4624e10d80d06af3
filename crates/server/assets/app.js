// storyline: a little progressive help; every page works without it.
// - Escape hides a citation tip that has focus.
// - On an article page, the cited sentence is brought to the middle of the screen.
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.activeElement && document.activeElement.classList.contains("cite")) {
      document.activeElement.blur();
    }
  });
  function centre() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.classList.contains("sent")) {
      el.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", centre);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", centre);
  } else {
    centre();
  }
})();

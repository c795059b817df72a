// Glossary words (dashapp/page/glossary_view.py): a tap opens or closes the meaning (touch screens
// have no hover), Escape or a tap elsewhere closes it, and an open tip is kept inside the window.
(function () {
  function closeAll(except) {
    document.querySelectorAll(".term.open").forEach(function (el) {
      if (el !== except) el.classList.remove("open");
    });
  }
  function keepInside(term) {
    var tip = term.querySelector(".gloss-meaning");
    if (!tip || getComputedStyle(tip).position === "fixed") return;
    tip.style.left = "0px";
    var box = tip.getBoundingClientRect();
    var over = box.right - (window.innerWidth - 8);
    if (over > 0) tip.style.left = -Math.min(over, box.left - 8) + "px";
  }
  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest(".term");
    closeAll(term);
    if (term) { term.classList.toggle("open"); keepInside(term); }
  });
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var term = event.target.closest && event.target.closest(".term");
      if (term) keepInside(term);
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeAll(null);
  });
})();

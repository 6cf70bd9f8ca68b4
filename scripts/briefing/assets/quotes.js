/* A link to a claim's quoted words (#q-<claim-id>) lights every piece of the quote: a quote
   that crosses a citation marker is marked in several pieces, and :target reaches only one. */
(function () {
  function light() {
    document.querySelectorAll("mark.quote--target").forEach(function (mark) {
      mark.classList.remove("quote--target");
    });
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("q-") !== 0) return;
    document.querySelectorAll("mark.quote").forEach(function (mark) {
      if ((mark.dataset.claims || "").split(" ").indexOf(id.slice(2)) >= 0) {
        mark.classList.add("quote--target");
      }
    });
  }
  window.addEventListener("hashchange", light);
  light();
})();

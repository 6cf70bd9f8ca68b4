// The claim explorer (/claims/): Pagefind's filters pick the claims (the index gives each claim
// its kind, theme, levers, ... and its id as a filter, so one search says which claims match);
// this script shows the form, hides the claims that do not match, writes the counts beside each
// choice and keeps the choices in the address. Without it the page is the full list.
(() => {
  "use strict";
  const form = document.querySelector("form.claim-explorer");
  if (!form) return;
  const bundle = new URL(form.dataset.pagefind, document.baseURI).href;
  const status = document.querySelector(".claim-explorer__status");
  const items = new Map([...document.querySelectorAll("[data-claim]")].map((li) => [li.dataset.claim, li]));
  const selects = [...form.querySelectorAll("select")];
  const facetOf = (select) => (select.name === "from" || select.name === "to" ? "year" : select.name);
  const years = [...form.elements.from.options].map((option) => option.value).filter(Boolean);
  let pagefind = null;
  let latest = 0;

  const load = () => (pagefind ??= import(bundle + "pagefind.js").then(async (module) => {
    await module.filters(); // loads every filter, so each search reports counts for all of them
    return module;
  }));

  // The index's filters for the form's choices, leaving out one facet (to count its values).
  const filters = (without) => {
    const chosen = { type: "claim" };
    for (const select of selects) {
      const facet = facetOf(select);
      if (select.value && facet !== without && facet !== "year") chosen[facet] = select.value;
    }
    const { from, to } = form.elements;
    if (without !== "year" && (from.value || to.value)) {
      const range = inRange(from.value, to.value);
      chosen.year = { any: range.length ? range : ["none"] }; // "from" after "to": nothing
    }
    return chosen;
  };
  const inRange = (from, to) => years.filter((y) => (!from || y >= from) && (!to || y <= to));

  const label = (option, count) => {
    option.textContent = `${option.dataset.label} (${count})`;
  };

  const count = async (module, select, seq) => {
    const facet = facetOf(select);
    const found = await module.search(null, { filters: filters(facet) });
    if (seq !== latest) return;
    const counts = found.filters[facet] || {};
    for (const option of select.options) {
      if (!option.value) {
        label(option, found.results.length);
      } else if (facet !== "year") {
        label(option, counts[option.value] || 0);
      } else {
        // A year bounds a range: count the claims the range would hold with it.
        const { from, to } = form.elements;
        const range = select.name === "from" ? inRange(option.value, to.value) : inRange(from.value, option.value);
        label(option, range.reduce((sum, year) => sum + (counts[year] || 0), 0));
      }
    }
  };

  const update = async () => {
    const seq = ++latest;
    const module = await load();
    const found = await module.search(null, { filters: filters(null) });
    if (seq !== latest) return;
    const matching = found.filters.claim || {};
    for (const [id, item] of items) item.hidden = !matching[id];
    const shown = found.results.length;
    status.textContent = shown === items.size ? `Showing all ${shown} claims.`
      : `Showing ${shown} of ${items.size} claims.`;
    const query = new URLSearchParams();
    for (const select of selects) if (select.value) query.set(select.name, select.value);
    const search = query.toString();
    history.replaceState(history.state, "", search ? `?${search}${location.hash}` : location.pathname + location.hash);
    await Promise.all(selects.map((select) => count(module, select, seq)));
  };

  const restore = () => {
    const query = new URLSearchParams(location.search);
    for (const select of selects) {
      const value = query.get(select.name);
      const known = [...select.options].some((option) => option.value === value);
      select.value = value && known ? value : "";
    }
  };

  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(update));
  window.addEventListener("popstate", () => {
    restore();
    update();
  });
  restore();
  form.hidden = false;
  update();
})();

// The briefing's search box: Pagefind finds (accent-blind, loading only the index chunks a query
// needs); this script shows the results, a claim as a claim (its kind, theme and text). Pagefind is
// loaded on first use, from this site only.
(() => {
  "use strict";
  const box = document.querySelector("[data-briefing-search]");
  if (!box) return;
  const bundle = new URL(box.dataset.briefingSearch, document.baseURI).href;
  const root = new URL("..", bundle); // the site's root: the index is its pagefind/ folder
  const toggle = document.getElementById("__search");
  const input = box.querySelector("input[type=search]");
  const status = box.querySelector("[role=status]");
  const list = box.querySelector("ol");
  const more = box.querySelector(".briefing-search__more");
  const PAGE = 10;
  const TYPES = { actor: "Actor", theme: "Theme", lever: "Lever", paragraph: "Article" };
  let pagefind = null;
  let results = [];
  let shown = 0;
  let latest = 0;

  const load = () => (pagefind ??= import(bundle + "pagefind.js").then(async (module) => {
    await module.options({ excerptLength: 24 });
    return module;
  }));

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };

  // Pagefind's excerpt is text with <mark> around the matched words: keep only those marks.
  const excerpt = (html) => {
    const node = element("p", "briefing-search__excerpt");
    const decode = document.createElement("template");
    html.split(/(<mark>|<\/mark>)/).reduce((marked, part) => {
      if (part === "<mark>" || part === "</mark>") return part === "<mark>";
      decode.innerHTML = part;
      const text = decode.content.textContent;
      node.append(marked ? element("mark", "", text) : text);
      return marked;
    }, false);
    return node;
  };

  const item = (data) => {
    const meta = data.meta || {};
    const link = element("a", "md-search-result__link");
    // A page's url comes with the site's base already; a record's `url` meta is from the root.
    link.href = meta.url ? new URL(meta.url.replace(/^\//, ""), root).href : data.url;
    const article = element("article", "md-search-result__article md-typeset");
    const head = element("div", "briefing-search__head");
    if (meta.type === "claim") {
      const kind = (data.filters.kind || [""])[0];
      head.append(element("span", `claim-kind claim-kind--${kind}`, meta.kind), " ");
      const about = [meta.theme, meta.date, meta.evidence].filter(Boolean).join(" · ");
      head.append(element("span", "briefing-search__about", about));
    } else if (TYPES[meta.type]) {
      head.append(element("span", "briefing-search__about", TYPES[meta.type]));
    }
    article.append(head, element("div", "briefing-search__title", meta.title || data.url));
    // A claim shows its quote, in the article's words; anything else, where the query matched.
    const quote = meta.quote && element("p", "briefing-search__excerpt", `“${meta.quote}”`);
    article.append(quote || excerpt(data.excerpt || ""));
    link.append(article);
    const li = element("li", "md-search-result__item");
    li.append(link);
    return li;
  };

  // The next results, as list items: their data (one small fragment each) is loaded now.
  const nextItems = async () => {
    const batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    const items = (await Promise.all(batch.map((result) => result.data()))).map(item);
    more.hidden = shown >= results.length;
    return items;
  };

  const search = async () => {
    const query = input.value.trim();
    const seq = ++latest;
    const module = await load();
    const found = await module.debouncedSearch(query, {}, 200);
    if (found === null || seq !== latest) return; // a later keystroke superseded this search
    results = query ? found.results : [];
    shown = 0;
    const items = await nextItems();
    if (seq !== latest) return;
    list.replaceChildren(...items);
    const count = results.length;
    status.textContent = !query ? "Type to search the briefing"
      : `${count || "No"} result${count === 1 ? "" : "s"} for “${query}”`;
  };

  const open = () => {
    toggle.checked = true;
    load();
  };
  const close = () => {
    toggle.checked = false;
    input.blur();
  };

  input.addEventListener("focus", open);
  input.addEventListener("input", search);
  box.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
  box.querySelector("form").addEventListener("reset", () => setTimeout(search));
  more.addEventListener("click", async () => list.append(...(await nextItems())));
  list.addEventListener("click", (event) => event.target.closest("a") && close());
  toggle.addEventListener("change", () => toggle.checked && input.focus());
  box.addEventListener("keydown", (event) => {
    const links = [input, ...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      close();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && at >= 0) {
      const step = event.key === "ArrowDown" ? 1 : -1;
      links[(at + step + links.length) % links.length].focus();
      event.preventDefault();
    }
  });
  const opener = document.querySelector("[data-briefing-search-toggle]");
  opener?.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    open();
    input.focus();
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing) {
      event.preventDefault();
      input.focus();
    }
  });
  box.hidden = false;
  if (opener) opener.hidden = false;
})();

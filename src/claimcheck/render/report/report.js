// claimcheck report: the search box of index.html and the notes of the source pages.
// No network: the claims are read from the JSON embedded in the page. Every text from the
// database is put in with textContent, never as HTML.
"use strict";

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function setUpSearch() {
  const input = document.getElementById("q");
  const data = document.getElementById("claims-data");
  if (!input || !data) return;
  const claims = JSON.parse(data.textContent);
  const haystacks = claims.map((c) => fold([c.id, c.text, c.quote, c.names, c.source].join(" ")));
  const list = document.getElementById("results");
  const status = document.getElementById("search-status");
  const shown = 50;

  function emphasise(parent, text, terms) {
    // The matched words marked; the rest as plain text.
    const folded = fold(text);
    let at = 0;
    const hits = [];
    for (const term of terms) {
      let i = folded.indexOf(term);
      while (i >= 0) { hits.push([i, i + term.length]); i = folded.indexOf(term, i + term.length); }
    }
    hits.sort((a, b) => a[0] - b[0]);
    for (const [start, end] of hits) {
      if (start < at || folded.length !== text.length) continue;
      parent.append(text.slice(at, start));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      parent.append(mark);
      at = end;
    }
    parent.append(text.slice(at));
  }

  function update() {
    const terms = fold(input.value).split(/\s+/).filter(Boolean);
    list.replaceChildren();
    if (!terms.length) {
      status.textContent = `Type to search ${claims.length} claims.`;
      return;
    }
    const found = [];
    haystacks.forEach((h, i) => { if (terms.every((t) => h.includes(t))) found.push(claims[i]); });
    status.textContent = found.length === 0 ? "No claim has all these words."
      : `${found.length} claim${found.length === 1 ? "" : "s"}` +
        (found.length > shown ? `, the first ${shown} shown.` : ".");
    for (const c of found.slice(0, shown)) {
      const item = document.createElement("li");
      item.className = "result";
      const link = document.createElement(c.href ? "a" : "span");
      if (c.href) link.href = c.href;
      emphasise(link, c.text, terms);
      item.append(link);
      const where = document.createElement("div");
      where.className = "small";
      where.textContent = `${c.id} · ${c.source}`;
      item.append(where);
      if (c.quote) {
        const quote = document.createElement("span");
        quote.className = "quote";
        quote.append("“");
        emphasise(quote, c.quote, terms);
        quote.append("”");
        item.append(quote);
      }
      list.append(item);
    }
  }

  input.addEventListener("input", update);
  update();
}

function setUpNotes() {
  const text = document.getElementById("text");
  if (!text) return;

  function activate(ids, scrollNote) {
    document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
    let first = null;
    for (const id of ids) {
      document.querySelectorAll(`mark.hl[data-claim="${CSS.escape(id)}"]`)
        .forEach((m) => m.classList.add("active"));
      const note = document.getElementById("note-" + id);
      if (note) { note.classList.add("active"); first = first || note; }
    }
    if (first && scrollNote) first.scrollIntoView({ block: "nearest" });
  }

  text.addEventListener("click", (event) => {
    // every claim whose words were clicked: the innermost mark and those around it
    const ids = [];
    for (let el = event.target; el && el !== text; el = el.parentElement) {
      if (el.matches("mark.hl")) ids.push(el.dataset.claim);
    }
    if (ids.length) activate(ids, true);
  });

  function fromHash() {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.startsWith("claim-")) activate([hash.slice(6)], true);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
}

document.addEventListener("DOMContentLoaded", () => { setUpSearch(); setUpNotes(); });

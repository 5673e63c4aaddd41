// Keyboard shortcuts for the review desk. No framework, no build step: the forms work
// without this file; it only selects items and presses their buttons.
(function () {
  "use strict";
  const items = () => Array.from(document.querySelectorAll(".nav-item"));
  let current = -1;

  // On load the page stays at its top (where a decision's result or refusal is shown):
  // the selected flag is scrolled into view inside the flags panel only. Keys scroll as needed.
  function select(i, onLoad) {
    const list = items();
    if (!list.length) return;
    current = Math.max(0, Math.min(list.length - 1, i));
    list.forEach((el, n) => el.classList.toggle("current", n === current));
    const el = list[current];
    const panel = el.closest(".flags");
    if (onLoad && panel) panel.scrollTop += el.getBoundingClientRect().top - panel.getBoundingClientRect().top;
    else if (!onLoad) el.scrollIntoView({ block: "nearest" });
    document.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current"));
    const id = el.dataset.flag;
    if (id) {
      document.querySelectorAll("mark[data-flags]").forEach((m) => {
        if (m.dataset.flags.split(" ").includes(id)) m.classList.add("current");
      });
      const url = new URL(location.href);
      url.searchParams.set("flag", id);
      url.hash = "";
      history.replaceState(null, "", url);  // a query, not #flag-N: a reload does not scroll the page
    }
  }

  function cur() { return items()[current]; }
  function press(selector, root) {
    const el = (root || document).querySelector(selector);
    if (el && !el.disabled) { el.click(); return true; }
    return false;
  }
  function focusField(selector, root) {
    const el = (root || document).querySelector(selector);
    if (el) { el.focus(); if (el.select) el.select(); }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const list = items();
    const hash = location.hash.match(/^#flag-(\d+)$/);  // links from the Prefect artifact
    let start = hash ? list.findIndex((el) => el.dataset.flag === hash[1]) : -1;
    if (start < 0) start = list.findIndex((el) => el.classList.contains("current"));  // the server's choice
    if (start < 0) start = list.findIndex((el) => el.classList.contains("st-open"));
    if (hash) window.scrollTo(0, 0);
    if (list.length) select(start < 0 ? 0 : start, true);
    document.querySelectorAll("mark[data-flags]").forEach((m) => m.addEventListener("click", () => {
      const id = m.dataset.flags.split(" ")[0];
      select(items().findIndex((el) => el.dataset.flag === id));
    }));
    // the queue's filters apply as they change (the search box on Enter); the button is for no-JS use
    const filters = document.getElementById("filters");
    if (filters) filters.querySelectorAll("select").forEach((el) => el.addEventListener("change", () => filters.requestSubmit()));
    // text selected in the article fills the "remove everywhere on this site" box
    const chosen = document.getElementById("selection-text");
    const body = document.querySelector("section.text");
    if (chosen && body) document.addEventListener("selectionchange", () => {
      const sel = document.getSelection();
      if (sel && !sel.isCollapsed && body.contains(sel.anchorNode)) chosen.value = sel.toString().trim();
    });
    const toggle = document.querySelector(".help-toggle");
    if (toggle) toggle.addEventListener("click", () => { const h = document.getElementById("help"); h.hidden = !h.hidden; });
  });

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
    if (typing) {
      if (ev.key === "Escape") t.blur();
      // Enter in the edit box saves (Shift+Enter for a line break is not wanted: blocks are one line)
      if (ev.key === "Enter" && t.tagName === "TEXTAREA") { ev.preventDefault(); t.form.requestSubmit(); }
      return;
    }
    const item = cur();
    let handled = true;
    switch (ev.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "Enter": case "o": if (item && item.dataset.href) location.href = item.dataset.href; else handled = false; break;
      case "a": if (item) press(".accept-form button.primary", item); break;
      case "x": if (item) focusField(".dismiss-form input[name=reason]", item); break;
      case "e": if (item) focusField(".edit-form textarea", item); break;
      case "d": if (item) press(".defer-form button.primary", item); break;
      case "u": press("#undo-form button"); break;
      case "A": press("#approve-form button"); break;
      case "M": press("#medical-form button"); break;
      case "R": focusField("#reject-form input[name=reason]"); break;
      case "n": press("#next-article"); break;
      case "p": press("#prev-article"); break;
      case "?": { const h = document.getElementById("help"); if (h) h.hidden = !h.hidden; break; }
      default: handled = false;
    }
    if (handled) ev.preventDefault();
  });
})();

// argmap serve: the map page. Draws the state the server sends, keeps zoom, pan and
// the selected node across saves, and reloads on each save event. No libraries.
// Map text is only ever put in the page with textContent; the SVG comes escaped
// from argmap.render.
"use strict";
(function () {
  const MAP = document.body.dataset.map;
  const stage = document.getElementById("stage");
  const canvas = document.getElementById("canvas");
  const viewSelect = document.getElementById("view");
  const details = document.getElementById("details");
  const list = document.getElementById("diagnostics");
  let view = { scale: 1, x: 0, y: 0 };
  let fitted = false;
  let selected = null;
  let state = null;
  let shownSvg = null;
  window.argmapUpdates = 0;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function apply() {
    canvas.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
  }

  function fit() {
    const svg = canvas.querySelector("svg");
    if (!svg) return;
    const w = svg.viewBox.baseVal.width, h = svg.viewBox.baseVal.height;
    if (!w || !h) return;
    const box = stage.getBoundingClientRect();
    view.scale = Math.min(box.width / w, box.height / h, 2) * 0.95;
    view.x = (box.width - w * view.scale) / 2;
    view.y = (box.height - h * view.scale) / 2;
    apply();
  }

  function zoomAt(factor, cx, cy) {
    const next = Math.min(8, Math.max(0.05, view.scale * factor));
    view.x = cx - (cx - view.x) * (next / view.scale);
    view.y = cy - (cy - view.y) * (next / view.scale);
    view.scale = next;
    apply();
  }

  function nodeId(g) {
    const title = g.querySelector("title");
    return title ? title.textContent : null;
  }

  function mark() {
    for (const g of canvas.querySelectorAll("g.node")) {
      const id = nodeId(g);
      g.classList.toggle("selected", id === selected);
      g.classList.toggle("clickable", !!(state && state.nodes[id]));
    }
    for (const li of list.children) li.classList.toggle("selected", li.dataset.node === selected);
  }

  function quote(parts) {
    const q = el("blockquote");
    for (const [text, read] of parts) q.append(read ? el("mark", text) : document.createTextNode(text));
    return q;
  }

  function ref(node) {
    const a = el("a", `${node.code} ${node.label}`, "ref");
    a.href = "#";
    a.addEventListener("click", (e) => { e.preventDefault(); select(node.id); });
    return a;
  }

  function showDetails() {
    details.replaceChildren();
    const node = state && selected ? state.nodes[selected] : null;
    if (!node) {
      details.append(el("p", "Click a node to see its text, status, cards and answers.", "hint"));
      return;
    }
    details.append(el("h2", `${node.code} ${node.title || ""}`.trim()));
    details.append(el("p", `${node.side} · ${node.role} · id ${node.id}`, "meta"));
    details.append(el("p", node.text, "text"));
    if (node.status) {
      const s = el("p", null, `status ${node.status}`);
      s.append(el("strong", `${node.glyph} ${node.status}`), document.createTextNode(` ${node.reason}`));
      details.append(s);
    }
    if (node.strength !== null) details.append(el("p", `Strength ${node.strength.toFixed(2)}`, "strength"));
    if (node.cards.length) {
      details.append(el("h3", "Cards"));
      for (const card of node.cards) {
        const c = el("div", null, "card");
        c.append(el("cite", card.locator ? `${card.cite}, ${card.locator}` : card.cite));
        if (card.quote.length) c.append(quote(card.quote));
        details.append(c);
      }
    }
    if (node.attacks.length) {
      details.append(el("h3", "Attacked by"));
      const ul = el("ul", null, "attacks");
      for (const attack of node.attacks) {
        const li = el("li");
        li.append(el("span", attack.words, "words"), document.createTextNode(" "), ref(attack));
        if (attack.answers.length) {
          const answers = el("ul", null, "answers");
          for (const answer of attack.answers) {
            const a = el("li", "answered by ");
            a.append(ref(answer));
            answers.append(a);
          }
          li.append(answers);
        } else {
          li.append(el("div", "unanswered", "unanswered"));
        }
        ul.append(li);
      }
      details.append(ul);
    }
    const place = el("p", null, "place");
    const link = el("a", node.place);
    link.href = node.link;
    link.title = "Open in the editor";
    place.append(link);
    details.append(place);
  }

  function select(id) {
    selected = id;
    sessionStorage.setItem(`argmap:${MAP}:selected`, id || "");
    mark();
    showDetails();
  }

  function showDiagnostics() {
    list.replaceChildren();
    document.getElementById("count").textContent = `(${state.diagnostics.length})`;
    for (const d of state.diagnostics) {
      const li = el("li", null, d.severity);
      li.dataset.node = d.node || "";
      const a = el("a", d.place);
      a.href = d.link;
      li.append(a, document.createTextNode(" "), el("span", `${d.severity}[${d.code}]`, "code"),
        document.createTextNode(" "), el("span", d.message, "message"));
      if (d.node) li.addEventListener("click", (e) => { if (e.target.tagName !== "A") select(d.node); });
      list.append(li);
    }
    if (!state.diagnostics.length) list.append(el("li", "No problems found.", "none"));
  }

  // an invalid save: its errors over the last good drawing
  function showStale() {
    const banner = document.getElementById("stale");
    banner.hidden = !state.stale;
    banner.replaceChildren(el("strong", "The last save has errors: this is the last good drawing."));
    if (!state.stale) return;
    const errors = state.diagnostics.filter((d) => d.severity === "error");
    const ul = el("ul");
    for (const d of errors.slice(0, 5)) {
      const li = el("li");
      const a = el("a", d.place);
      a.href = d.link;
      li.append(a, document.createTextNode(` ${d.message}`));
      ul.append(li);
    }
    if (errors.length > 5) ul.append(el("li", `and ${errors.length - 5} more (see Diagnostics)`));
    banner.append(ul);
  }

  function showViews() {
    const current = viewSelect.value || sessionStorage.getItem(`argmap:${MAP}:view`) || "";
    viewSelect.replaceChildren();
    for (const v of state.views) {
      const o = el("option", v.label);
      o.value = v.id;
      viewSelect.append(o);
    }
    viewSelect.value = state.views.some((v) => v.id === current) ? current : "";
  }

  async function load() {
    const wanted = viewSelect.value || sessionStorage.getItem(`argmap:${MAP}:view`) || "";
    const res = await fetch(`/map/${encodeURIComponent(MAP)}/state?view=${encodeURIComponent(wanted)}`);
    if (!res.ok) return;
    state = await res.json();
    if (state.svg !== shownSvg) {
      canvas.innerHTML = state.svg;  // SVG made by argmap.render, which escapes map text
      shownSvg = state.svg;
      const svg = canvas.querySelector("svg");
      if (svg && svg.viewBox.baseVal) {  // one drawing unit to one pixel before zooming
        svg.setAttribute("width", svg.viewBox.baseVal.width);
        svg.setAttribute("height", svg.viewBox.baseVal.height);
      }
    }
    if (!fitted && state.svg) { fit(); fitted = true; }
    showStale();
    document.body.classList.toggle("invalid", !state.valid);
    showViews();
    showDiagnostics();
    if (selected && !state.nodes[selected] && state.valid) selected = null;
    mark();
    showDetails();
    document.body.dataset.version = state.version;
    window.argmapUpdatedAt = Date.now();  // for the tests and benchmarks/bench_serve.py
    window.argmapUpdates += 1;
  }

  // pan by dragging, zoom with the wheel about the pointer, select by clicking a node
  let drag = null;
  stage.addEventListener("pointerdown", (e) => {
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
  });
  window.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (drag.moved) { view.x = drag.vx + dx; view.y = drag.vy + dy; apply(); }
  });
  window.addEventListener("pointerup", (e) => {
    const click = drag && !drag.moved;
    drag = null;
    if (!click) return;
    const g = e.target.closest && e.target.closest("g.node");
    const id = g ? nodeId(g) : null;
    if (id && state && state.nodes[id]) select(id);
  });
  stage.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = stage.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - box.left, e.clientY - box.top);
  }, { passive: false });
  function zoomCentre(f) { const b = stage.getBoundingClientRect(); zoomAt(f, b.width / 2, b.height / 2); }
  document.getElementById("zoom-in").addEventListener("click", () => zoomCentre(1.25));
  document.getElementById("zoom-out").addEventListener("click", () => zoomCentre(0.8));
  document.getElementById("zoom-fit").addEventListener("click", fit);
  document.addEventListener("keydown", (e) => {
    if (e.target.tagName === "SELECT") return;
    if (e.key === "+" || e.key === "=") zoomCentre(1.25);
    else if (e.key === "-") zoomCentre(0.8);
    else if (e.key === "0") fit();
  });
  viewSelect.addEventListener("change", () => {
    sessionStorage.setItem(`argmap:${MAP}:view`, viewSelect.value);
    fitted = false;
    load();
  });

  const events = new EventSource("/events");
  const live = document.getElementById("live");
  events.onopen = () => live.classList.remove("off");
  events.onerror = () => live.classList.add("off");
  events.onmessage = (e) => {
    const message = JSON.parse(e.data);
    if (message.map === MAP) load();
  };
  selected = sessionStorage.getItem(`argmap:${MAP}:selected`) || null;
  load();
})();

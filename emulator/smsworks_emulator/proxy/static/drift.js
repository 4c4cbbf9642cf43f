// The drift watch's page: the proxy's findings (GET /_emulator/drift) and its exchange journal
// (GET /_emulator/drift/exchanges). No framework, no build step. Every value comes from upstream
// traffic (field names, status texts, error messages) and is put into the page with textContent,
// never as markup.
"use strict";

(function () {
  const POLL_MS = 1000;
  const LIMIT = 200;
  const state = { tab: "drift", seen: {}, timer: null };
  const $ = (id) => document.getElementById(id);

  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function cell(value, className) {
    const node = el("td", className || null, value === null || value === undefined ? "" : value);
    return node;
  }

  function fill(name, items, rowOf, countId) {
    const body = $(name).tBodies[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    $(name + "-empty").hidden = items.length > 0;
    $(countId || "count-" + name).textContent = items.length ? String(items.length) : "";
    for (const item of items) body.append(rowOf(item));
  }

  function when(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : date.toISOString().replace("T", " ").slice(0, 19);
  }

  function findingRow(entry, withVariant) {
    const row = el("tr", entry.tolerated ? "tolerated" : "unknown");
    row.append(
      cell(entry.operation, "mono"),
      cell(entry.direction),
      cell((entry.statuses || []).filter((s) => s).join(", ")),
      cell(entry.pointer || "(body)", "mono"),
      cell(entry.kind),
      cell(entry.declared, "mono small"),
      cell(entry.seen, "mono small"),
    );
    if (withVariant) row.append(cell(entry.variant, "mono"));
    row.append(
      cell(entry.count, "num"),
      cell(when(entry.first_seen), "nowrap"),
      cell(when(entry.last_seen), "nowrap"),
      cell(entry.example, "mono small"),
    );
    return row;
  }

  function exchangeRow(entry) {
    const ok = entry.status !== null && entry.status < 400;
    const badge = el("span", "badge " + (ok ? "delivered" : "failed"),
      entry.status === null ? "no answer" : entry.status);
    const findings = (entry.findings || []).join("\n") + (entry.note ? "\n" + entry.note : "");
    const latency = entry.latency_ms === null ? "" : `${Number(entry.latency_ms).toFixed(1)} ms`;
    const row = el("tr", null);
    row.append(
      cell(entry.id, "num"),
      cell(when(entry.time), "nowrap"),
      cell(entry.method, "mono"),
      cell(entry.path, "mono small"),
      cell(entry.operation),
      el("td", null, badge),
      cell(entry.outcome),
      cell(latency, "num"),
      cell(findings.trim(), "findings mono"),
    );
    return row;
  }

  function failureRow(failure) {
    const row = el("tr", null);
    row.append(
      cell(failure.exchange, "num"),
      cell(when(failure.time), "nowrap"),
      cell(failure.kind),
      cell(failure.operation),
      cell(failure.message, "small"),
    );
    return row;
  }

  function render(documentText, exchangesText) {
    if (state.seen.document !== documentText) {
      state.seen.document = documentText;
      const drift = JSON.parse(documentText);
      $("upstream").textContent = drift.upstream || drift.source || "";
      $("mode").textContent = drift.mode;
      const failures = Object.values(drift.upstream_failures || {}).reduce((a, b) => a + b, 0);
      $("totals").textContent =
        `${drift.exchanges} exchanges, ${drift.checked} checked: ` +
        `${drift.unknown.length} unknown departures, ${drift.tolerated.length} known variants, ` +
        `${failures} upstream failures`;
      $("redaction").textContent =
        "Redacted: no token; phone numbers as country code and last two digits; content " +
        (drift.redaction && drift.redaction.content === "kept" ? "kept (--keep-content)." : "as length and encoding.");
      fill("unknown", drift.unknown, (entry) => findingRow(entry, false));
      fill("tolerated", drift.tolerated, (entry) => findingRow(entry, true));
      fill("failures", drift.recent_failures || [], failureRow);
    }
    if (state.seen.exchanges !== exchangesText) {
      state.seen.exchanges = exchangesText;
      fill("exchanges", JSON.parse(exchangesText), exchangeRow);
    }
  }

  async function read(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" }, cache: "no-store" });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return text;
  }

  async function refresh() {
    clearTimeout(state.timer);
    try {
      // Relative to /_emulator/ui: "drift" is /_emulator/drift.
      const [documentText, exchangesText] = await Promise.all([
        read("drift"), read("drift/exchanges?limit=" + LIMIT),
      ]);
      render(documentText, exchangesText);
      $("live").textContent = "live · " + new Date().toLocaleTimeString();
      $("live").className = "live ok";
    } catch (error) {
      $("live").textContent = "cannot reach the proxy: " + error.message;
      $("live").className = "live error";
    }
    if (!document.hidden) state.timer = setTimeout(refresh, POLL_MS);
  }

  function selectTab(tab) {
    state.tab = tab;
    for (const button of document.querySelectorAll(".tabs [data-tab]")) {
      button.classList.toggle("active", button.dataset.tab === tab);
      button.setAttribute("aria-selected", String(button.dataset.tab === tab));
    }
    for (const panel of document.querySelectorAll("[data-panel]")) {
      panel.hidden = panel.dataset.panel !== tab;
    }
  }

  for (const button of document.querySelectorAll(".tabs [data-tab]")) {
    button.addEventListener("click", () => selectTab(button.dataset.tab));
  }
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) refresh();
  });
  selectTab(state.tab);
  refresh();
})();

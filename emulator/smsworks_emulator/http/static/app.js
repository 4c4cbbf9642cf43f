// The web inbox of the SMS Works emulator. No framework, no build step.
// Every value shown comes from the control endpoints and is put into the page with textContent
// (never as markup): message content is whatever an app sent.
"use strict";

(function () {
  const POLL_MS = 1000;
  const LIMIT = 200;
  const KEY_STORE = "smsworks-emulator-admin-key";
  const ADMIN_HEADER = "X-Emulator-Admin-Key";

  const state = {
    customer: null,
    tab: "messages",
    expanded: new Set(),
    seen: {}, // last JSON text rendered per view: redraw only what changed
    timer: null,
    running: false,
    again: false,
    needKey: false,
  };

  const $ = (id) => document.getElementById(id);

  // -- DOM helpers: text only ---------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [name, value] of Object.entries(props)) {
        if (name === "className") node.className = value;
        else if (name === "title") node.title = value;
        else if (name === "dataset") Object.assign(node.dataset, value);
        else if (name === "onclick") node.addEventListener("click", value);
        else node.setAttribute(name, value);
      }
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  const STATUS_CLASSES = {
    SENT: "sent", DELIVERED: "delivered", EXPIRED: "failed", UNDELIVERABLE: "failed",
    REJECTED: "failed", INCOMING: "incoming", SCHEDULED: "sent", PENDING: "sent",
    VERIFIED: "delivered", LOCKED: "failed",
  };

  function badge(status) {
    return el("span", { className: "badge " + (STATUS_CLASSES[status] || "other") }, status);
  }

  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function when(iso) {
    // The emulator's times are UTC; shown as UTC, so a controlled clock reads as it was set.
    if (!iso) return "";
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
      `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  }

  function stamp(iso) {
    return el("td", { className: "nowrap", title: iso || "" }, when(iso));
  }

  function short(text, size) {
    const value = String(text);
    return value.length > size ? value.slice(0, size - 1) + "…" : value;
  }

  function json(value) {
    return JSON.stringify(value, null, 2);
  }

  // -- talking to the emulator --------------------------------------------------------------

  function adminKey() {
    return sessionStorage.getItem(KEY_STORE);
  }

  async function call(method, path, body) {
    const headers = { Accept: "application/json" };
    const key = adminKey();
    if (key) headers[ADMIN_HEADER] = key;
    const init = { method, headers, cache: "no-store" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    // Relative to /_emulator/ui: "outbox" is /_emulator/outbox, wherever the emulator is mounted.
    const response = await fetch(path, init);
    const text = await response.text();
    if (response.status === 401) {
      askForKey(key ? "The admin key was refused. Enter the emulator's --admin-key." : null);
    }
    if (!response.ok) {
      let message = text;
      try {
        message = JSON.parse(text).message || text;
      } catch (ignored) {
        // not JSON: show the text as it is
      }
      throw new Error(message);
    }
    return text;
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== null && value !== undefined) search.set(name, value);
    }
    return search.toString();
  }

  // -- admin key ----------------------------------------------------------------------------

  function askForKey(reason) {
    state.needKey = true;
    $("key-panel").hidden = false;
    if (reason) $("key-reason").textContent = reason;
    $("live").textContent = "admin key needed";
    $("live").className = "live error";
  }

  function takeKeyFromAddress() {
    // http://host/_emulator/ui#key=SECRET: the fragment never reaches the server or its logs.
    const params = new URLSearchParams(location.hash.slice(1));
    const key = params.get("key");
    if (key) {
      sessionStorage.setItem(KEY_STORE, key);
      params.delete("key");
      const rest = params.toString();
      history.replaceState(null, "", location.pathname + location.search + (rest ? "#" + rest : ""));
    }
    const customer = params.get("customer");
    if (customer) state.customer = customer;
  }

  // -- views --------------------------------------------------------------------------------

  function changed(view, text) {
    if (state.seen[view] === text) return false;
    state.seen[view] = text;
    return true;
  }

  function renderClock(clock) {
    $("clock-now").textContent = when(clock.now) + " UTC";
    $("clock-now").dateTime = clock.now;
    $("clock-mode").textContent = clock.mode;
    $("clock-form").hidden = clock.mode !== "controlled";
  }

  function renderCustomers(customers) {
    const list = $("customers");
    clear(list);
    $("no-customers").hidden = customers.length > 0;
    if (!state.customer && customers.length > 0) selectCustomer(customers[0].customer_id, false);
    for (const customer of customers) {
      const item = el(
        "li",
        {
          className: customer.customer_id === state.customer ? "active" : "",
          dataset: { customer: customer.customer_id },
          onclick: () => selectCustomer(customer.customer_id, true),
        },
        el("span", { className: "customer-id" }, customer.customer_id),
        el("span", { className: "customer-meta" },
          `${customer.credits} credits · ${customer.sent} sent · ${customer.received} in`),
      );
      list.append(item);
    }
    const current = customers.find((c) => c.customer_id === state.customer);
    // The customer of the address fragment may not exist yet: no balance until its first request.
    $("balance").textContent = current ? String(current.credits) : "—";
    if (current) {
      $("customer-report-url").textContent = current.delivery_report_url
        ? "Default delivery report URL: " + current.delivery_report_url
        : "No default delivery report URL";
    }
  }

  // Each tab's table: its rows (oldest last), its count (a "+" when the view hit LIMIT), and its
  // empty note. rowsOf(item) gives the row, or the rows, of one item.
  function fillTable(name, items, rowsOf) {
    const body = $(name).tBodies[0];
    clear(body);
    $(name + "-empty").hidden = items.length > 0;
    $("count-" + name).textContent = String(items.length) + (items.length >= LIMIT ? "+" : "");
    for (const item of items) body.append(...[rowsOf(item)].flat());
  }

  function httpOutcome(statusCode) {
    const ok = statusCode >= 200 && statusCode < 300;
    const text = statusCode !== null && statusCode !== undefined ? `HTTP ${statusCode}` : "no answer";
    return el("span", { className: "badge " + (ok ? "delivered" : "failed") }, text);
  }

  function renderMessages(messages, reports) {
    const reportsBy = {};
    for (const report of reports) (reportsBy[report.messageid] ||= []).push(report);
    fillTable("messages", [...messages].reverse(), (message) => {
      const open = state.expanded.has(message.messageid);
      const row = el(
        "tr",
        {
          className: "message" + (open ? " open" : ""),
          dataset: { messageid: message.messageid },
          onclick: () => toggle(message.messageid),
        },
        stamp(message.created),
        el("td", { className: "nowrap mono" }, message.destination),
        el("td", null, message.sender),
        el("td", { className: "content", title: message.content }, short(message.content, 80)),
        el("td", null, badge(message.status), failureNote(message.failurereason)),
        el("td", { className: "num" }, message.parts),
        el("td", { className: "num" }, message.credits),
        el("td", null, message.tag || ""),
        el("td", { className: "mono small", title: message.batchid || "" },
          message.batchid ? short(message.batchid, 9) : ""),
      );
      return open ? [row, detailRow(message, reportsBy[message.messageid] || [])] : row;
    });
  }

  function failureNote(failure) {
    if (!failure) return null;
    const kind = failure.permanent ? "permanent" : "temporary";
    return el("div", { className: "failure-note", title: `${failure.code} ${failure.details}` },
      `${failure.details} (${kind})`);
  }

  function detailRow(message, reports) {
    const facts = el("dl", { className: "facts" });
    const fact = (name, value) => {
      if (value === null || value === undefined || value === "") return;
      facts.append(el("dt", null, name), el("dd", null, value));
    };
    fact("Message id", message.messageid);
    fact("Kind", message.kind);
    fact("Encoding", `${message.encoding} · ${message.characters} characters · ${message.parts} part(s)`);
    fact("Credits", message.credits);
    fact("Tag", message.tag);
    fact("Batch", message.batchid);
    fact("Scheduled for", message.schedule !== message.created ? when(message.schedule) : null);
    fact("Report URL", message.deliveryreporturl);
    if (message.failurereason) {
      const f = message.failurereason;
      fact("Failure", `${f.code} ${f.details} (${f.permanent ? "permanent" : "temporary"})`);
    }
    if (Array.isArray(message.metadata) && message.metadata.length) {
      const chips = el("span", { className: "chips" });
      for (const pair of message.metadata) {
        chips.append(el("span", { className: "chip" }, `${pair.key} = ${pair.value}`));
      }
      facts.append(el("dt", null, "Metadata"), el("dd", null, chips));
    }

    const history = el("ol", { className: "history" });
    for (const step of message.history || []) {
      const failure = step.failurereason
        ? ` — ${step.failurereason.code} ${step.failurereason.details}` +
          (step.failurereason.permanent ? " (permanent)" : " (temporary)")
        : "";
      history.append(el("li", null, badge(step.status), " ", when(step.at), failure));
    }

    const attempts = el("ul", { className: "attempts" });
    for (const report of reports) {
      attempts.append(el("li", null, ...reportLine(report)));
    }
    if (!reports.length) attempts.append(el("li", { className: "hint" }, "No delivery report posted."));

    const content = el("pre", { className: "full-content" }, message.content);
    const cell = el(
      "td",
      { colspan: "9" },
      el("div", { className: "detail" },
        el("div", null, el("h3", null, "Content"), content, facts),
        el("div", null,
          el("h3", null, "Status history"), history,
          el("h3", null, "Delivery reports"), attempts)),
    );
    return el("tr", { className: "detail-row" }, cell);
  }

  function reportLine(report) {
    return [
      httpOutcome(report.status_code),
      " ",
      `${when(report.at)} · attempt ${report.attempt} · ${report.payload && report.payload.status} → ${report.url}`,
      report.error ? ` (${report.error})` : "",
    ];
  }

  function toggle(messageid) {
    if (state.expanded.has(messageid)) state.expanded.delete(messageid);
    else state.expanded.add(messageid);
    delete state.seen.messages;
    refresh();
  }

  function renderReports(reports) {
    fillTable("reports", [...reports].reverse(), (report) => el("tr", null,
      stamp(report.at),
      el("td", { className: "mono small" }, report.messageid),
      el("td", null, badge(report.payload ? report.payload.status : "")),
      el("td", { className: "num" }, report.attempt),
      el("td", { className: "mono small" }, report.url),
      el("td", null, httpOutcome(report.status_code), report.error ? " " + report.error : ""),
    ));
  }

  function renderInbound(messages) {
    fillTable("inbound", [...messages].reverse(), (message) => el("tr",
      { dataset: { messageid: message.messageid } },
      stamp(message.created),
      el("td", { className: "mono" }, message.sender),
      el("td", { className: "mono" }, message.destination),
      el("td", null, message.keyword || ""),
      el("td", { className: "content" }, message.content),
      el("td", null, message.unread ? "unread" : "read"),
    ));
  }

  function renderOtps(otps) {
    fillTable("otps", [...otps].reverse(), (otp) => el("tr", null,
      stamp(otp.created),
      el("td", { className: "mono" }, otp.destination),
      el("td", { className: "mono passcode" }, otp.passcode),
      el("td", null, badge(otp.status)),
      el("td", { className: "num" }, otp.failed_attempts),
      stamp(otp.expires),
      el("td", { className: "mono small" }, otp.messageid),
    ));
  }

  function renderJournal(entries) {
    // Newest first, whatever order the journal answers in (a stable sort keeps ties as given).
    const newestFirst = [...entries].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
    fillTable("journal", newestFirst.slice(0, LIMIT), (entry) => {
      const ok = entry.status < 400;
      return el("tr", null,
        stamp(entry.time),
        el("td", { className: "mono" }, entry.method),
        el("td", { className: "mono small" }, entry.path),
        el("td", null, entry.operation || ""),
        el("td", null, el("span", { className: "badge " + (ok ? "delivered" : "failed") }, entry.status)),
        el("td", { className: "num" }, `${Number(entry.latency_ms).toFixed(1)} ms`),
        el("td", { className: "mono small content", title: json(entry.body) },
          entry.body === null || entry.body === undefined ? "" : short(JSON.stringify(entry.body), 120)),
      );
    });
  }

  // -- the refresh loop ---------------------------------------------------------------------

  async function refresh() {
    // One refresh at a time: a click during one asks for another right after it.
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    clearTimeout(state.timer);
    try {
      await readEverything();
    } finally {
      state.running = false;
      if (state.again) {
        state.again = false;
        refresh();
      } else if (!document.hidden) {
        state.timer = setTimeout(refresh, POLL_MS);
      }
    }
  }

  async function readEverything() {
    try {
      const [clockText, customersText] = await Promise.all([
        call("GET", "clock"), call("GET", "customers"),
      ]);
      state.needKey = false;
      $("key-panel").hidden = true;
      if (changed("clock", clockText)) renderClock(JSON.parse(clockText));
      if (changed("customers", customersText)) renderCustomers(JSON.parse(customersText));
      const customer = state.customer;
      $("pick-customer").hidden = customer !== null;
      $("customer-view").hidden = customer === null;
      if (customer !== null) {
        const own = query({ customer_id: customer, limit: LIMIT });
        const [outbox, reports, inbound, otps, requests] = await Promise.all([
          call("GET", "outbox?" + own),
          call("GET", "webhooks?" + own),
          call("GET", "inbound?" + own),
          call("GET", "otps?" + own),
          call("GET", "requests?" + query({ customer, limit: LIMIT })),
        ]);
        if (customer === state.customer) {
          $("customer-name").textContent = customer;
          if (changed("messages", outbox + "\n" + reports)) {
            renderMessages(JSON.parse(outbox), JSON.parse(reports));
          }
          if (changed("reports", reports)) renderReports(JSON.parse(reports));
          if (changed("inbound", inbound)) renderInbound(JSON.parse(inbound));
          if (changed("otps", otps)) renderOtps(JSON.parse(otps));
          if (changed("journal", requests)) renderJournal(JSON.parse(requests));
        }
      }
      $("live").textContent = "live · " + new Date().toLocaleTimeString();
      $("live").className = "live ok";
    } catch (error) {
      if (!state.needKey) {
        $("live").textContent = "cannot reach the emulator: " + error.message;
        $("live").className = "live error";
      }
    }
  }

  // -- actions ------------------------------------------------------------------------------

  function notice(text, bad) {
    const node = $("notice");
    node.textContent = text;
    node.className = "notice" + (bad ? " bad" : "");
    node.hidden = false;
    clearTimeout(notice.timer);
    notice.timer = setTimeout(() => { node.hidden = true; }, 6000);
  }

  async function act(what, work) {
    try {
      await work();
      notice(what, false);
    } catch (error) {
      notice(error.message, true);
    }
    refresh();
  }

  function selectCustomer(customer, redraw) {
    state.customer = customer;
    state.expanded.clear();
    state.seen = {};
    const params = new URLSearchParams(location.hash.slice(1));
    params.set("customer", customer);
    history.replaceState(null, "", location.pathname + location.search + "#" + params.toString());
    if (redraw) refresh();
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

  function wire() {
    for (const button of document.querySelectorAll(".tabs [data-tab]")) {
      button.addEventListener("click", () => selectTab(button.dataset.tab));
    }
    for (const button of document.querySelectorAll("[data-advance]")) {
      const seconds = Number(button.dataset.advance);
      button.addEventListener("click", () => act(`Clock moved ${button.textContent}`,
        () => call("POST", "clock", { advance_seconds: seconds })));
    }
    $("clock-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const seconds = Number($("clock-seconds").value);
      act(`Clock moved ${seconds} s`, () => call("POST", "clock", { advance_seconds: seconds }));
    });
    $("balance-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const credits = Number($("balance-input").value);
      const customer = state.customer;
      act(`Balance of ${customer} set to ${credits}`, () =>
        call("PUT", "customers/" + encodeURIComponent(customer) + "/balance", { credits }));
      $("balance-input").value = "";
    });
    $("inbound-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const body = {
        customer_id: state.customer,
        from: $("inbound-from").value,
        to: $("inbound-to").value,
        content: $("inbound-content").value,
      };
      act("Inbound message injected", async () => {
        await call("POST", "inbound", body);
        $("inbound-content").value = "";
      });
    });
    $("key-button").addEventListener("click", () => {
      $("key-panel").hidden = !$("key-panel").hidden;
    });
    $("key-form").addEventListener("submit", (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY_STORE, $("key-input").value);
      $("key-input").value = "";
      state.seen = {};
      refresh();
    });
    $("key-forget").addEventListener("click", () => {
      sessionStorage.removeItem(KEY_STORE);
      state.seen = {};
      refresh();
    });
  }

  // A hidden tab stops reading; it reads at once when shown again.
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) refresh();
  });

  takeKeyFromAddress();
  wire();
  selectTab(state.tab);
  refresh();
})();

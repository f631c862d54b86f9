// The CustomerCare widget: one script tag on the company's own site opens a small feedback panel with the board's top
// ideas (live vote counts through the portal's public hub), search, and "propose", which continues on the portal.
//
//   <script src="https://portal.example.com/widget.js" async></script>
//
// Optional attributes: data-color="#0a5c8a" (the button and accents; the portal's Widget:Color otherwise) and
// data-lang="de" (the host page's <html lang> otherwise). The site must be one of the portal's Live:AllowedOrigins;
// on any other the widget draws nothing and says why in the console. Reading sends no cookie (credentials: "omit"),
// and everything lives in a shadow root, so the host page's styles and the widget's do not meet.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || window.customerCareWidget) {
    return;
  }
  const portal = new URL(script.src).origin;
  const tag = "CustomerCare widget:";
  const shown = 10;
  const lang = (script.dataset.lang || document.documentElement.lang || navigator.language || "en").split("-")[0];
  const api = path => fetch(portal + path, { credentials: "omit", mode: "cors", headers: { Accept: "application/json" } })
    .then(r => r.ok ? r.json() : Promise.reject(new Error(`${path} answered ${r.status}`)));
  const format = (text, value) => text.replace("{0}", value);

  let settings, root, panel, launcher, list, status, search, propose, announce;
  let connection = null, watching = [], searchTimer = 0, query = "", reload = 0;

  window.customerCareWidget = { open: () => toggle(true), close: () => toggle(false) };
  api(`/widget/v1/settings?culture=${encodeURIComponent(lang)}`).then(s => {
    settings = s;
    if (!s.allowed) {
      console.error(`${tag} ${location.origin} is not among the sites allowed to show ${portal}'s ideas. `
        + "An admin of the portal adds it to Live:AllowedOrigins.");
      return;
    }
    draw();
  }, e => console.error(`${tag} the portal at ${portal} could not be reached (${e.message}).`));

  // Text on the accent in black or white, whichever reads better (WCAG's relative luminance).
  function luminance(hex) {
    const c = [1, 3, 5].map(i => parseInt(hex.substr(i, 2), 16) / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function draw() {
    const t = settings.strings;
    const accent = /^#[0-9a-f]{6}$/i.test(script.dataset.color || "") ? script.dataset.color : settings.color;
    const light = luminance(accent);
    const onAccent = (1.05 / (light + 0.05)) >= ((light + 0.05) / 0.05) ? "#ffffff" : "#111111";
    // Links in the accent only where it reads on white (4.5:1); otherwise in the text colour, underlined as always.
    const link = (1.05 / (light + 0.05)) >= 4.5 ? accent : "#1b1b1b";
    const host = document.createElement("div");
    host.id = "customercare-widget";
    root = host.attachShadow({ mode: "open" });
    root.innerHTML = `<style>
      :host { all: initial; }
      * { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
      .launch, .panel { position: fixed; right: 16px; z-index: 2147483000; }
      .launch { bottom: 16px; background: ${accent}; color: ${onAccent}; border: 0; border-radius: 24px; padding: 12px 20px;
        font-size: 16px; font-weight: 600; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
      .panel { bottom: 76px; width: min(380px, calc(100vw - 32px)); max-height: min(560px, calc(100vh - 100px)); display: flex;
        flex-direction: column; background: #fff; color: #1b1b1b; border-radius: 12px; box-shadow: 0 4px 24px rgba(0,0,0,.3);
        border-top: 6px solid ${accent}; font-size: 15px; }
      .panel[hidden] { display: none; }
      header { display: flex; align-items: center; justify-content: space-between; padding: 12px 16px 4px; }
      h2 { font-size: 18px; margin: 0; }
      .close { background: none; border: 0; font-size: 24px; line-height: 1; cursor: pointer; color: inherit; padding: 4px 8px; }
      label { display: block; padding: 8px 16px 4px; font-weight: 600; }
      input { display: block; margin: 0 16px; width: calc(100% - 32px); padding: 8px 10px; font-size: 15px; border: 1px solid #767676;
        border-radius: 6px; color: inherit; background: inherit; }
      button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid ${accent}; outline-offset: 2px; }
      ul { list-style: none; margin: 8px 0 0; padding: 0 16px; overflow-y: auto; flex: 1; }
      li { display: flex; gap: 10px; align-items: flex-start; padding: 8px 0; border-bottom: 1px solid #e0e0e0; }
      .votes { min-width: 44px; text-align: center; font-weight: 700; border: 1px solid #767676; border-radius: 6px; padding: 2px 4px; }
      a { color: ${link}; }
      .chip { display: inline-block; font-size: 12px; margin-top: 2px; color: #4a4a4a; }
      .state { padding: 8px 16px; margin: 0; color: #4a4a4a; }
      .state:empty { display: none; }
      footer { padding: 12px 16px; display: flex; flex-direction: column; gap: 8px; }
      .propose { background: ${accent}; color: ${onAccent}; border: 0; border-radius: 6px; padding: 10px; font-size: 15px;
        font-weight: 600; cursor: pointer; }
      .hint { font-size: 13px; color: #4a4a4a; margin: 0; }
      .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    </style>
    <button class="launch" type="button" aria-expanded="false" aria-controls="cc-panel"></button>
    <section class="panel" id="cc-panel" role="dialog" aria-labelledby="cc-title" hidden>
      <header><h2 id="cc-title"></h2><button class="close" type="button">&times;</button></header>
      <label for="cc-search"></label>
      <input id="cc-search" type="search" autocomplete="off" maxlength="150">
      <p class="state" role="status"></p>
      <ul></ul>
      <footer><button class="propose" type="button"></button><p class="hint"></p>
        <a class="all" target="_blank" rel="noopener"></a></footer>
      <p class="sr" aria-live="polite"></p>
    </section>`;
    const $ = selector => root.querySelector(selector);
    launcher = $(".launch");
    panel = $(".panel");
    list = $("ul");
    status = $(".state");
    search = $("input");
    propose = $(".propose");
    announce = $(".sr");
    launcher.textContent = t.launcher;
    $("h2").textContent = format(t.title, settings.company || settings.name);
    $(".close").setAttribute("aria-label", t.close);
    $("label").textContent = t.search;
    $(".hint").textContent = t.proposeHint;
    $(".all").textContent = t.openPortal;
    $(".all").href = portal + "/ideas";
    launcher.addEventListener("click", () => toggle(panel.hidden));
    $(".close").addEventListener("click", () => toggle(false));
    panel.addEventListener("keydown", e => { if (e.key === "Escape") { toggle(false); } });
    search.addEventListener("input", () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => { query = search.value.trim(); load(); }, 300);
      proposeText();
    });
    propose.addEventListener("click", () => {
      const title = search.value.trim();
      window.open(portal + "/ideas/new" + (title ? "?title=" + encodeURIComponent(title) : ""), "_blank", "noopener");
    });
    proposeText();
    document.body.appendChild(host);
  }

  function proposeText() {
    const title = search.value.trim();
    propose.textContent = title ? format(settings.strings.proposeTitle, title) : settings.strings.propose;
  }

  function toggle(open) {
    if (!panel || open === !panel.hidden) {
      return;
    }
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      search.focus();
      load().then(live);
    } else {
      launcher.focus();
      if (connection) {
        connection.stop();
        connection = null;
        watching = [];
      }
    }
  }

  // The board's most-voted ideas, or those the search finds, as the portal's API lists them to a visitor.
  function load() {
    const mine = ++reload;
    status.textContent = settings.strings.loading;
    const q = query ? "&q=" + encodeURIComponent(query) : "";
    return api(`/api/v1/ideas?sort=top${q}`).then(page => {
      if (mine !== reload) {
        return;
      }
      const ideas = page.ideas.slice(0, shown);
      list.replaceChildren(...ideas.map(row));
      status.textContent = ideas.length ? "" : settings.strings.empty;
      if (query) {
        announce.textContent = format(settings.strings.found, ideas.length);
      }
      watch(ideas.map(i => i.id));
    }, e => {
      if (mine === reload) {
        status.textContent = settings.strings.failed;
        console.warn(`${tag} ${e.message}`);
      }
    });
  }

  function row(idea) {
    const item = document.createElement("li");
    item.dataset.id = idea.id;
    const votes = document.createElement("span");
    votes.className = "votes";
    const text = document.createElement("div");
    const link = document.createElement("a");
    link.href = `${portal}/posts/${idea.id}`;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = idea.title;
    const chip = document.createElement("span");
    chip.className = "chip";
    chip.textContent = settings.statuses[idea.status] || idea.status;
    text.append(link, document.createElement("br"), chip);
    item.append(votes, text);
    count(item, idea.votes);
    return item;
  }

  function count(item, votes) {
    const label = item.querySelector(".votes");
    label.textContent = votes;
    label.setAttribute("aria-label", format(votes === 1 ? settings.strings.voteOne : settings.strings.votes, votes));
  }

  // Live counts: the portal's public hub (SignalR, loaded on first open), without credentials; closed with the panel.
  function live() {
    if (connection || panel.hidden) {
      return;
    }
    const ready = window.signalR ? Promise.resolve() : new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = portal + "/widget/signalr.min.js";
      s.onload = resolve;
      s.onerror = () => reject(new Error("the live client could not be loaded"));
      document.head.appendChild(s);
    });
    ready.then(() => {
      if (connection || panel.hidden) {
        return;
      }
      const c = connection = new signalR.HubConnectionBuilder()
        .withUrl(portal + "/hubs/live", { withCredentials: false })
        .withAutomaticReconnect([0, 2000, 5000, 10000, 30000, 60000])
        .configureLogging(signalR.LogLevel.None)
        .build();
      c.on("event", (type, data) => onEvent(type, data));
      // After a gap, what changed meanwhile: the list again (which watches its ideas again).
      c.onreconnected(() => { watching = []; load(); });
      c.onreconnecting(() => { panel.dataset.live = "off"; });
      c.onclose(() => { panel.dataset.live = "off"; if (connection === c) { connection = null; watching = []; } });
      return c.start().then(() => watch(watching.length ? watching : shownIds(), true));
    }).catch(e => console.warn(`${tag} live updates are off: ${e.message}`));
  }

  function shownIds() {
    return [...list.children].map(li => Number(li.dataset.id));
  }

  function watch(ids, again) {
    if (!again && ids.join() === watching.join()) {
      return;
    }
    watching = ids;
    if (connection && connection.state === "Connected") {
      // data-live on the panel: "on" once the hub sends this list's counts (what the browser tests wait for).
      connection.invoke("WatchPosts", ids).then(() => { panel.dataset.live = "on"; }, e => console.warn(`${tag} ${e.message}`));
    }
  }

  function onEvent(type, data) {
    const item = list.querySelector(`li[data-id="${(data.postId ?? data.duplicateId)}"]`);
    if (!item) {
      return;
    }
    if (type === "VoteCountChanged") {
      count(item, data.voteCount);
    } else if (type === "StatusChanged" || type === "PostMerged" || type === "PostRemoved" || type === "PostEdited") {
      load();
    }
  }
})();

// Keeps a visitor's page live without a circuit (App.razor loads it only for people who are not signed in). The page
// came from the server as static HTML; this module listens on the public hub (/hubs/live) and, when something changes,
// asks the server for the new markup of that piece (/fragments/...) instead of building it here. Counts that arrive
// in the event itself (votes) are written at once. It reconnects with growing, jittered pauses for as long as the page
// is open, and after a gap it fetches what it shows again, because events sent meanwhile are lost.
(() => {
  const script = document.currentScript;
  const signalRSource = script?.dataset.signalr ?? "widget/signalr.min.js";
  // Events that change a card or a post page beyond its vote count: fetch the piece again.
  const refreshers = new Set(["ReplyAdded", "ReplyEdited", "ReplyHidden", "ReplyRestored", "StatusChanged", "PostEdited",
    "PostRemoved", "PostRestored", "PostMerged", "PostApproved", "AnswerMarked", "OfficialAnswerChanged", "HelpfulChanged",
    "ReplyEndorsed", "SolvesItChanged", "ComplaintOwnerChanged", "ComplaintIdeaLinked"]);
  let connection = null;
  let page = null; // what the current page shows: { board: Element|null, postId: number|null }
  const pending = new Map(); // key -> timer of a fetch waiting for its moment
  const newIdeas = [];

  const loadSignalR = () => window.signalR ? Promise.resolve() : new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = signalRSource;
    s.onload = resolve;
    s.onerror = () => reject(new Error("the live client could not be loaded"));
    document.head.appendChild(s);
  });

  // 1 s, 2 s, 4 s … up to 60 s, each ±50 %, so thousands of pages that lost the server together do not return together.
  const pause = attempt => Math.min(60000, 1000 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random());

  function scan() {
    const board = document.querySelector("[data-board-cards]");
    const post = document.querySelector("[data-live-post]");
    page = board || post ? { board, postId: post ? Number(post.dataset.livePost) : null } : null;
    newIdeas.length = 0;
    showNewIdeas();
    if (page) {
      connect();
    } else {
      setLive("none");
    }
    if (connection?.state === "Connected") {
      join();
    }
  }

  function connect() {
    if (connection) {
      return;
    }
    loadSignalR().then(() => {
      if (connection) {
        return;
      }
      const c = connection = new signalR.HubConnectionBuilder()
        .withUrl("hubs/live")
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => pause(ctx.previousRetryCount) })
        .configureLogging(signalR.LogLevel.None)
        .build();
      c.on("event", onEvent);
      c.onreconnecting(() => setLive("off"));
      c.onreconnected(() => { join(); catchUp(); });
      c.onclose(() => { setLive("off"); startLater(c, 0); });
      start(c, 0);
    }).catch(e => console.warn(`CustomerCare: live updates are off: ${e.message}`));
  }

  function start(c, attempt) {
    c.start().then(() => { join(); if (attempt > 0) { catchUp(); } }, () => startLater(c, attempt + 1));
  }

  function startLater(c, attempt) {
    setTimeout(() => { if (connection === c && c.state === "Disconnected") { start(c, attempt); } }, pause(attempt));
  }

  function join() {
    const c = connection;
    if (!page || !c) {
      return;
    }
    const calls = [];
    if (page.board) {
      calls.push(c.invoke("JoinBoard"), watch());
    }
    if (page.postId) {
      calls.push(c.invoke("JoinPost", page.postId));
    }
    // data-live on the page's root: "on" once the hub sends this page's events (what the browser tests wait for).
    Promise.all(calls).then(() => setLive("on"), e => console.warn(`CustomerCare: ${e.message}`));
  }

  // The board's cards changed (new ideas shown, more loaded): the hub watches the cards now shown, the board stays joined.
  function watch() {
    const ids = shownIds();
    return ids.length && connection?.state === "Connected" ? connection.invoke("WatchPosts", ids) : Promise.resolve();
  }

  function setLive(state) {
    document.querySelector(".cc-layout")?.setAttribute("data-live", state);
  }

  const shownIds = () => [...(page?.board?.querySelectorAll("[data-post-id]") ?? [])].map(e => Number(e.dataset.postId)).slice(0, 50);

  function onEvent(type, data) {
    if (!page) {
      return;
    }
    if (type === "VoteCountChanged") {
      document.querySelectorAll(`[data-live-votes="${data.postId}"]`).forEach(count => {
        count.textContent = data.voteCount;
        // The link's name says what it does and the count, in the page's language (VoteControl's data-* words).
        const link = count.closest("[data-label]");
        const words = data.voteCount === 1 ? link?.dataset.countOne : link?.dataset.countMany?.replace("{0}", data.voteCount);
        link?.setAttribute("aria-label", `${link.dataset.label}, ${words}`);
      });
    } else if (type === "PostCreated" && page.board?.dataset.liveNewOnTop === "true" && data.post) {
      if (!newIdeas.includes(data.post.id) && !page.board.querySelector(`[data-post-id="${data.post.id}"]`)) {
        newIdeas.push(data.post.id);
        showNewIdeas();
      }
    } else if (refreshers.has(type)) {
      const postId = data.postId ?? data.duplicateId;
      if (page.postId === postId) {
        later(`post:${postId}`, refreshPost);
      } else if (page.board?.querySelector(`[data-post-id="${postId}"]`)) {
        later(`card:${postId}`, () => refreshCards([postId]));
      }
    }
  }

  // A short, random wait before asking: every open page hears the event at once, and the server's cache has just
  // let the old piece go.
  function later(key, work) {
    if (!pending.has(key)) {
      pending.set(key, setTimeout(() => { pending.delete(key); work(); }, 150 + Math.random() * 600));
    }
  }

  async function fetchHtml(address) {
    const response = await fetch(address, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (response.status === 404) {
      return null;
    }
    if (!response.ok) {
      throw new Error(`${address} answered ${response.status}`);
    }
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    // Sign-in links in a piece point back to the piece's address; a person signing in comes back to this page.
    const here = `Account/Login?ReturnUrl=${encodeURIComponent(location.pathname + location.search)}`;
    doc.querySelectorAll('a[href^="Account/Login?ReturnUrl="]').forEach(a => a.setAttribute("href", here));
    return doc;
  }

  async function refreshCards(ids) {
    if (!page?.board || !ids.length) {
      return;
    }
    const doc = await fetchHtml(`fragments/cards?ids=${ids.join(",")}`);
    for (const id of ids) {
      const shown = page.board.querySelector(`[data-post-id="${id}"]`);
      const fresh = doc?.querySelector(`[data-post-id="${id}"]`);
      if (shown && fresh) {
        shown.replaceWith(document.adoptNode(fresh));
      } else if (shown) {
        shown.remove(); // removed, merged away or no longer public: a visitor's board no longer lists it
      }
    }
  }

  async function refreshPost() {
    const shown = document.querySelector("[data-live-post]");
    if (!shown || !page?.postId) {
      return;
    }
    const doc = await fetchHtml(`fragments/posts/${page.postId}`);
    const fresh = doc?.querySelector("[data-live-post]");
    if (fresh) {
      shown.replaceChildren(...[...fresh.childNodes].map(n => document.adoptNode(n)));
    } else {
      // Gone for visitors (removed, or no longer public): the next load of the page says so in full.
      location.reload();
    }
  }

  function catchUp() {
    if (page?.board) {
      refreshCards(shownIds());
    }
    if (page?.postId) {
      refreshPost();
    }
  }

  // "3 new ideas — show": the page renders the notice (in its language) hidden; it appears once ideas came in.
  function showNewIdeas() {
    const notice = document.querySelector("[data-new-ideas]");
    const button = notice?.querySelector("button");
    if (!button) {
      return;
    }
    notice.hidden = newIdeas.length === 0;
    button.textContent = (newIdeas.length === 1 ? button.dataset.one : button.dataset.many).replace("{0}", newIdeas.length);
  }

  async function addNewIdeas() {
    const ids = newIdeas.splice(0, newIdeas.length);
    showNewIdeas();
    const doc = ids.length ? await fetchHtml(`fragments/cards?ids=${ids.reverse().join(",")}`) : null;
    const cards = [...(doc?.querySelectorAll("[data-post-id]") ?? [])];
    page.board.prepend(...cards.map(c => document.adoptNode(c)));
    cards[0]?.querySelector("a[data-testid=post-title]")?.focus();
    watch().catch(e => console.warn(`CustomerCare: ${e.message}`));
  }

  // "Load more" without a circuit: the next page's cards below these, the link moving on to the page after.
  async function loadMore(link) {
    link.setAttribute("aria-disabled", "true");
    const doc = await fetchHtml(link.href);
    const shown = new Set(shownIds());
    const cards = [...(doc?.querySelectorAll("[data-board-cards] [data-post-id]") ?? [])].filter(c => !shown.has(Number(c.dataset.postId)));
    page.board.append(...cards.map(c => document.adoptNode(c)));
    const next = doc?.querySelector("[data-load-more]");
    if (next) {
      link.href = next.getAttribute("href");
      link.removeAttribute("aria-disabled");
    } else {
      link.parentElement.remove();
    }
    watch().catch(e => console.warn(`CustomerCare: ${e.message}`));
  }

  // The board's filters without a circuit: the form's values become the address (empty ones left out).
  let typing = null;
  function filter(form) {
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value) {
        query.set(name, value);
      }
    }
    const address = `${location.pathname}${query.size ? `?${query}` : ""}`;
    if (window.Blazor?.navigateTo) {
      Blazor.navigateTo(address, { replaceHistoryEntry: true });
    } else {
      location.replace(address);
    }
  }

  document.addEventListener("change", e => {
    const form = e.target.closest?.("[data-board-filters]");
    if (form && e.target.name !== "q") {
      filter(form);
    }
  });
  document.addEventListener("input", e => {
    const form = e.target.closest?.("[data-board-filters]");
    if (form && e.target.name === "q") {
      clearTimeout(typing);
      typing = setTimeout(() => filter(form), 350);
    }
  });
  document.addEventListener("submit", e => {
    if (e.target.matches?.("[data-board-filters]")) {
      e.preventDefault();
      clearTimeout(typing);
      filter(e.target);
    }
  });
  document.addEventListener("click", e => {
    const more = e.target.closest?.("[data-load-more]");
    if (more && page?.board) {
      e.preventDefault();
      if (more.getAttribute("aria-disabled") !== "true") {
        loadMore(more).catch(() => { location.href = more.href; });
      }
    } else if (e.target.closest?.("[data-new-ideas] button") && page?.board) {
      addNewIdeas();
    }
  });

  // Blazor's enhanced navigation swaps the page without loading this script again.
  const watchNavigation = () => window.Blazor?.addEventListener?.("enhancedload", scan);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => { scan(); watchNavigation(); });
  } else {
    scan();
    watchNavigation();
  }
})();

// Small browser helpers for CustomerCare. The theme cookie is read by the server on every request,
// so the first paint already has the remembered light or dark mode.
window.customerCare = {
  setCookie(name, value, days) {
    const maxAge = Math.round(days * 24 * 60 * 60);
    document.cookie = `${encodeURIComponent(name)}=${encodeURIComponent(value)}; path=/; max-age=${maxAge}; samesite=lax`;
  },
};

// The navigation drawer on pages without a circuit (the account pages, and any page before its circuit is up):
// the layout's toggle and scrim have no server to handle their clicks there, so they switch the classes the
// circuit would render (MainLayout: cc-nav-open / cc-nav-closed; app.css decides what they show at each width).
document.addEventListener("click", e => {
  const layout = e.target.closest(".cc-layout[data-interactive=false]");
  const control = layout && e.target.closest(".cc-nav-toggle, .cc-scrim");
  if (!control) {
    return;
  }
  const shown = layout.classList.contains("cc-nav-open")
    || (!layout.classList.contains("cc-nav-closed") && window.matchMedia("(min-width: 960px)").matches);
  const open = control.classList.contains("cc-nav-toggle") && !shown;
  layout.classList.toggle("cc-nav-open", open);
  layout.classList.toggle("cc-nav-closed", !open);
});

// Light or dark on a page without a circuit (a visitor's page): remember the other choice, then load the page again
// in it (the server reads the cookie, so the first paint is already right; the output cache keeps one of each).
document.addEventListener("click", e => {
  const toggle = e.target.closest?.(".cc-layout[data-interactive=false] [data-theme-next]");
  if (toggle) {
    window.customerCare.setCookie("cc-theme", toggle.dataset.themeNext, 365);
    location.reload();
  }
});

// A page whose reader chose no theme follows the operating system in CSS (SystemDarkTheme, data-theme-system on the
// toggle; app.css shows the other mode's icon). The toggle then offers the other mode of what the screen shows and
// says whether dark is on. Again when the system changes, and after an enhanced navigation brings a new toggle.
(() => {
  const systemDark = window.matchMedia("(prefers-color-scheme: dark)");
  const follow = () => {
    for (const toggle of document.querySelectorAll("[data-theme-system]")) {
      const dark = systemDark.matches;
      toggle.dataset.themeNext = dark ? "light" : "dark";
      toggle.setAttribute("aria-pressed", String(dark));
      toggle.title = (dark ? toggle.dataset.titleLight : toggle.dataset.titleDark) ?? toggle.title;
    }
  };
  follow();
  systemDark.addEventListener("change", follow);
  window.Blazor?.addEventListener?.("enhancedload", follow);
})();

// The skip link (MainLayout) puts the focus into the main region. Blazor handles a link to this page's own
// #fragment by scrolling alone, which leaves the keyboard where it was; heard while capturing, before Blazor.
document.addEventListener("click", e => {
  const main = e.target.closest?.(".cc-skip-link") && document.getElementById("main-content");
  if (main) {
    e.preventDefault();
    main.focus();
  }
}, true);

// Blazor's "connection lost" panel (ReconnectOverlay.razor). Blazor marks it with a class per state, which app.css
// turns into the visible step, and fires components-reconnect-state-changed on it (an event that does not bubble,
// so it is heard here while capturing). Each new step is announced once in the panel's status line (not the
// countdown's every second); a step that needs the person's choice gets the focus on its button.
(() => {
  const states = ["show", "hide", "retrying", "failed", "paused", "resume-failed", "rejected"].map(s => `components-reconnect-${s}`);
  let shownStep = null;
  let focusBefore = null;

  const visibleStep = panel => [...panel.querySelectorAll("[data-reconnect-step]")].find(s => s.getClientRects().length > 0) ?? null;
  const text = element => element?.textContent.replace(/\s+/g, " ").trim() ?? "";

  function announce(panel) {
    const step = visibleStep(panel);
    if (step === shownStep) {
      return;
    }
    const announcer = panel.querySelector("[data-reconnect-announcer]");
    if (step === null) {
      announcer.textContent = announcer.dataset.restored ?? "";
      // The button that had the focus is hidden now: back to where the person was.
      if (focusBefore?.isConnected && (panel.contains(document.activeElement) || document.activeElement === document.body)) {
        focusBefore.focus();
      }
      focusBefore = null;
    } else {
      const drafts = shownStep === null ? text(panel.querySelector("[data-reconnect-drafts]")) : "";
      announcer.textContent = [`${text(panel.querySelector("h2"))}.`, text(step.querySelector("p")), drafts].join(" ").trim();
      const button = step.querySelector("button");
      if (button) {
        focusBefore ??= panel.contains(document.activeElement) ? null : document.activeElement;
        button.focus();
      }
    }
    shownStep = step;
  }

  function hide(panel) {
    panel.classList.remove(...states);
    panel.classList.add("components-reconnect-hide");
    announce(panel);
  }

  async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
      // true: back on the same circuit; false: the server answered but no longer has it, so start a new one.
      if (!await Blazor.reconnect()) {
        if (await Blazor.resumeCircuit()) {
          hide(document.getElementById("components-reconnect-modal"));
        } else {
          location.reload();
        }
      }
    } catch {
      document.addEventListener("visibilitychange", retryWhenVisible);
    }
  }

  async function retryWhenVisible() {
    if (document.visibilityState === "visible") {
      await retry();
    }
  }

  async function resume() {
    try {
      if (!await Blazor.resumeCircuit()) {
        location.reload();
      }
    } catch {
      location.reload();
    }
  }

  document.addEventListener("components-reconnect-state-changed", e => {
    const state = e.detail?.state;
    if (state === "rejected") {
      location.reload();
      return;
    }
    if (state === "failed") {
      document.addEventListener("visibilitychange", retryWhenVisible);
    }
    announce(e.target);
  }, true);

  document.addEventListener("click", e => {
    const action = e.target.closest?.("[data-reconnect-action]")?.dataset.reconnectAction;
    if (action === "retry") {
      retry();
    } else if (action === "resume") {
      resume();
    } else if (action === "reload") {
      location.reload();
    }
  });
})();

// Small browser helpers for CustomerCare. The theme cookie is read by the server on every request,
// so the first paint already has the remembered light or dark mode.
window.customerCare = {
  setCookie(name, value, days) {
    const maxAge = Math.round(days * 24 * 60 * 60);
    document.cookie = `${encodeURIComponent(name)}=${encodeURIComponent(value)}; path=/; max-age=${maxAge}; samesite=lax`;
  },
  getCookie(name) {
    const prefix = encodeURIComponent(name) + "=";
    const hit = document.cookie.split("; ").find(c => c.startsWith(prefix));
    return hit ? decodeURIComponent(hit.substring(prefix.length)) : null;
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

// The skip link (MainLayout) puts the focus into the main region. Blazor handles a link to this page's own
// #fragment by scrolling alone, which leaves the keyboard where it was; heard while capturing, before Blazor.
document.addEventListener("click", e => {
  const main = e.target.closest?.(".cc-skip-link") && document.getElementById("main-content");
  if (main) {
    e.preventDefault();
    main.focus();
  }
}, true);

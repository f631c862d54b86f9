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

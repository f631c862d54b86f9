// Browser-local drafts of replies. Saving happens here, in the browser, on every input (debounced),
// so what is typed while the circuit is down is kept too; the server only restores and clears.
const prefix = "cc-draft:";
const delayMs = 400;
const attached = new WeakMap();

function read(key) {
  try { return localStorage.getItem(prefix + key) ?? ""; } catch { return ""; }
}

function write(key, text) {
  try {
    if (text && text.trim()) { localStorage.setItem(prefix + key, text); } else { localStorage.removeItem(prefix + key); }
  } catch { /* storage full or blocked: a draft is a convenience, not a promise */ }
}

export function load(key) {
  return read(key);
}

// Listens on the composer's container, so it keeps working when the text field inside re-renders.
export function attach(container, key) {
  if (!container || attached.has(container)) { return; }
  const state = { key, timer: 0, text: null };
  const flush = () => {
    clearTimeout(state.timer);
    state.timer = 0;
    if (state.text !== null) { write(state.key, state.text); state.text = null; }
  };
  const onInput = e => {
    if (!(e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement)) { return; }
    state.text = e.target.value;
    clearTimeout(state.timer);
    state.timer = setTimeout(flush, delayMs);
  };
  container.addEventListener("input", onInput);
  window.addEventListener("pagehide", flush);
  attached.set(container, { state, onInput, flush });
}

export function clear(container, key) {
  const entry = container ? attached.get(container) : null;
  if (entry) {
    clearTimeout(entry.state.timer);
    entry.state.text = null;
  }
  write(key, "");
}

// Puts a draft back, e.g. when sending failed after the draft was already cleared.
export function save(key, text) {
  write(key, text);
}

export function detach(container) {
  const entry = container ? attached.get(container) : null;
  if (!entry) { return; }
  entry.flush();
  container.removeEventListener("input", entry.onInput);
  window.removeEventListener("pagehide", entry.flush);
  attached.delete(container);
}

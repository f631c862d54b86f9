// "@" suggestions in a reply composer's text field. The server owns who is offered (MentionSuggest.razor, asking
// MentionService); this module only watches the caret, hands the keys of an open list to the server, and puts the
// chosen token into the text as if it had been typed (an input event, so the composer, its draft and Blazor see it).
const attached = new WeakMap();
// "@" at the start or after a space or "(", then up to two words; a token ("@[") never starts a search.
const pattern = /(?:^|[\s(])@([^\s@[\]()]{0,50}(?: [^\s@[\]()]{1,50})?)$/u;
const keys = new Set(["ArrowDown", "ArrowUp", "Enter", "Escape"]);

function fieldOf(anchor) {
  const host = anchor?.closest(".cc-composer");
  return host ? host.querySelector("textarea, input[type=text]") : null;
}

function queryAt(field) {
  if (field.selectionStart !== field.selectionEnd) { return null; }
  const caret = field.selectionStart;
  const match = pattern.exec(field.value.slice(0, caret));
  return match ? { text: match[1], start: caret - match[1].length - 1, end: caret } : null;
}

export function attach(anchor, server, listId) {
  const field = fieldOf(anchor);
  if (!field || attached.has(anchor)) { return; }
  const state = { field, server, listId, open: false, query: null, at: null, dismissed: null };
  const check = () => {
    const found = queryAt(field);
    // Escape closes the list for this "@" until another one is typed.
    const query = found && found.start !== state.dismissed ? found : null;
    const text = query ? query.text : null;
    state.at = query;
    if (text !== state.query) {
      state.query = text;
      server.invokeMethodAsync("QueryAsync", text).catch(() => { /* the circuit is gone */ });
    }
  };
  const onKeyDown = e => {
    if (!state.open || !keys.has(e.key) || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) { return; }
    e.preventDefault();
    if (e.key === "Escape") {
      e.stopPropagation();
      state.dismissed = state.at ? state.at.start : null;
    }
    server.invokeMethodAsync("KeyAsync", e.key).catch(() => { });
  };
  const onKeyUp = e => { if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) { check(); } };
  const onBlur = () => { if (state.open) { state.query = null; server.invokeMethodAsync("QueryAsync", null).catch(() => { }); } };
  field.setAttribute("aria-autocomplete", "list");
  field.addEventListener("input", check);
  field.addEventListener("click", check);
  field.addEventListener("keyup", onKeyUp);
  field.addEventListener("keydown", onKeyDown);
  field.addEventListener("blur", onBlur);
  attached.set(anchor, { state, check, onKeyDown, onKeyUp, onBlur });
}

// The server says whether its list shows and which option is active. The field names the list only while it is
// there: aria-controls must point at an element that exists.
export function setState(anchor, open, activeId) {
  const entry = attached.get(anchor);
  if (!entry) { return; }
  const { field, listId } = entry.state;
  entry.state.open = open;
  if (open && activeId) {
    field.setAttribute("aria-controls", listId);
    field.setAttribute("aria-activedescendant", activeId);
  } else {
    field.removeAttribute("aria-controls");
    field.removeAttribute("aria-activedescendant");
  }
}

// Replaces "@typed" with the token and a space, and puts the caret after it.
export function insert(anchor, token) {
  const entry = attached.get(anchor);
  if (!entry || !entry.state.at) { return; }
  const { field, at } = entry.state;
  const value = field.value;
  const text = token + " ";
  field.value = value.slice(0, at.start) + text + value.slice(at.end);
  const caret = at.start + text.length;
  field.focus();
  field.setSelectionRange(caret, caret);
  field.dispatchEvent(new Event("input", { bubbles: true }));
}

export function detach(anchor) {
  const entry = attached.get(anchor);
  if (!entry) { return; }
  const { field } = entry.state;
  field.removeEventListener("input", entry.check);
  field.removeEventListener("click", entry.check);
  field.removeEventListener("keyup", entry.onKeyUp);
  field.removeEventListener("keydown", entry.onKeyDown);
  field.removeEventListener("blur", entry.onBlur);
  field.removeAttribute("aria-activedescendant");
  field.removeAttribute("aria-controls");
  attached.delete(anchor);
}

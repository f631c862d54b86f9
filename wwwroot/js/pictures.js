// Pictures pasted into or dropped on a composer are handed to its "Add picture" file input, as if chosen there:
// the server reads and checks them the same way, whichever way they came.
const attached = new WeakMap();

function hand(input, files) {
  if (!files || files.length === 0) { return false; }
  const transfer = new DataTransfer();
  for (const file of files) { transfer.items.add(file); }
  input.files = transfer.files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
  return true;
}

function carriesFiles(e) {
  return [...(e.dataTransfer?.types ?? [])].includes("Files");
}

export function attach(input) {
  if (!input || attached.has(input)) { return; }
  const zone = input.closest(".cc-composer, .cc-picture-zone") ?? input.parentElement;
  const onPaste = e => { if (hand(input, e.clipboardData?.files)) { e.preventDefault(); } };
  const onDragOver = e => { if (carriesFiles(e)) { e.preventDefault(); zone.classList.add("cc-drop-target"); } };
  const onDragLeave = () => zone.classList.remove("cc-drop-target");
  const onDrop = e => {
    zone.classList.remove("cc-drop-target");
    if (carriesFiles(e)) { e.preventDefault(); hand(input, e.dataTransfer.files); }
  };
  zone.addEventListener("paste", onPaste);
  zone.addEventListener("dragover", onDragOver);
  zone.addEventListener("dragleave", onDragLeave);
  zone.addEventListener("drop", onDrop);
  attached.set(input, () => {
    zone.removeEventListener("paste", onPaste);
    zone.removeEventListener("dragover", onDragOver);
    zone.removeEventListener("dragleave", onDragLeave);
    zone.removeEventListener("drop", onDrop);
  });
}

export function detach(input) {
  attached.get(input)?.();
  attached.delete(input);
}

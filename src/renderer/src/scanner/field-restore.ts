// Undoing what a scanner typed into a field before its burst was recognised: the value (and the
// caret) is snapshotted when a fast run starts and put back when the run turns out to be a scan.

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number', '']);

export interface FieldSnapshot {
  element: HTMLInputElement | HTMLTextAreaElement;
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

export function snapshotField(element: Element | null): FieldSnapshot | null {
  const isText =
    element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(element.type));
  if (!isText) return null;
  let selectionStart: number | null = null;
  let selectionEnd: number | null = null;
  try {
    selectionStart = element.selectionStart;
    selectionEnd = element.selectionEnd;
  } catch {
    // type=number has no selection
  }
  return { element, value: element.value, selectionStart, selectionEnd };
}

/**
 * Puts the value back so that React (or any framework) notices: the prototype's setter bypasses
 * React's own value tracker, and the 'input' event makes controlled inputs update their state.
 */
export function restoreField(snapshot: FieldSnapshot): void {
  const { element } = snapshot;
  if (element.value === snapshot.value) return;
  const proto = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setValue = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setValue) setValue.call(element, snapshot.value);
  else element.value = snapshot.value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
  try {
    if (snapshot.selectionStart !== null) element.setSelectionRange(snapshot.selectionStart, snapshot.selectionEnd);
  } catch {
    // type=number has no selection
  }
}

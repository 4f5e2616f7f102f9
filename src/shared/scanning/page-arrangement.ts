import type { ScanPageView } from '../api/calls/scanning';

// The page workspace's moves as pure functions over the page list: each returns the whole new
// arrangement (document, position, rotation, set aside) that `scans.arrange` records.

export type Arranged = Pick<ScanPageView, 'id' | 'documentCode' | 'position' | 'rotation' | 'removed'> & Partial<ScanPageView>;

/** Pages of one group (a document, or null = not yet assigned), kept ones in order. */
export function pagesIn<T extends Arranged>(pages: T[], documentCode: string | null): T[] {
  return pages.filter((p) => !p.removed && p.documentCode === documentCode).sort((a, b) => a.position - b.position || (a.seq ?? 0) - (b.seq ?? 0));
}

/** Renumbers every group 1, 2, 3… so positions stay small and unique. */
function renumber<T extends Arranged>(pages: T[]): T[] {
  const groups = new Map<string | null, T[]>();
  for (const p of [...pages].sort((a, b) => a.position - b.position || (a.seq ?? 0) - (b.seq ?? 0))) {
    const key = p.removed ? '\u0000removed' : p.documentCode;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const out: T[] = [];
  for (const group of groups.values()) group.forEach((p, i) => out.push({ ...p, position: i + 1 }));
  return out;
}

/** Moves a page into `documentCode` before `beforeId` (or at the end). */
export function movePage<T extends Arranged>(pages: T[], id: string, documentCode: string | null, beforeId: string | null): T[] {
  const moving = pages.find((p) => p.id === id);
  if (!moving) return pages;
  const target = pagesIn(pages, documentCode).filter((p) => p.id !== id);
  const at = beforeId ? target.findIndex((p) => p.id === beforeId) : -1;
  const order = [...target];
  order.splice(at < 0 ? order.length : at, 0, { ...moving, documentCode, removed: false });
  const placed = new Map(order.map((p, i) => [p.id, { ...p, position: i + 1 }]));
  return renumber(pages.map((p) => placed.get(p.id) ?? p));
}

/** One step earlier (-1) or later (+1) within its document: the keyboard's way to reorder. */
export function shiftPage<T extends Arranged>(pages: T[], id: string, step: -1 | 1): T[] {
  const page = pages.find((p) => p.id === id);
  if (!page || page.removed) return pages;
  const group = pagesIn(pages, page.documentCode);
  const i = group.findIndex((p) => p.id === id);
  const j = i + step;
  if (j < 0 || j >= group.length) return pages;
  const before = step === -1 ? group[j]!.id : (group[j + 1]?.id ?? null);
  return movePage(pages, id, page.documentCode, before);
}

export function rotatePage<T extends Arranged>(pages: T[], id: string): T[] {
  return pages.map((p) => (p.id === id ? { ...p, rotation: (p.rotation + 90) % 360 } : p));
}

/** Sets a page aside (it stays visible and can be restored) or brings it back at its group's end. */
export function setRemoved<T extends Arranged>(pages: T[], id: string, removed: boolean): T[] {
  const page = pages.find((p) => p.id === id);
  if (!page) return pages;
  if (!removed) return movePage(pages, id, page.documentCode, null);
  return renumber(pages.map((p) => (p.id === id ? { ...p, removed: true } : p)));
}

/** What `scans.arrange` takes for each page. */
export function toArrangement(pages: Arranged[]) {
  return pages.map((p) => ({ id: p.id, documentCode: p.documentCode, position: p.position, rotation: p.rotation as 0 | 90 | 180 | 270, removed: p.removed }));
}

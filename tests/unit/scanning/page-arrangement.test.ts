import { describe, expect, it } from 'vitest';
import { movePage, pagesIn, rotatePage, setRemoved, shiftPage, type Arranged } from '../../../src/shared/scanning/page-arrangement';

const page = (id: string, documentCode: string | null, position: number, removed = false): Arranged => ({ id, documentCode, position, rotation: 0, removed, seq: position });
const ids = (pages: Arranged[], doc: string | null) => pagesIn(pages, doc).map((p) => p.id);

describe('page workspace moves', () => {
  const start = [page('p1', 'A', 1), page('p2', 'A', 2), page('p3', 'A', 3), page('p4', 'A', 4), page('b1', 'B', 1)];

  it('moves page 3 to another document, before a given page or at the end, renumbering both', () => {
    const moved = movePage(start, 'p3', 'B', 'b1');
    expect(ids(moved, 'A')).toEqual(['p1', 'p2', 'p4']);
    expect(ids(moved, 'B')).toEqual(['p3', 'b1']);
    expect(pagesIn(moved, 'A').map((p) => p.position)).toEqual([1, 2, 3]);
    expect(ids(movePage(start, 'p1', 'B', null), 'B')).toEqual(['b1', 'p1']);
    expect(ids(movePage(start, 'p2', null, null), null)).toEqual(['p2']);
  });

  it('reorders within a document by one step, and not past either end', () => {
    expect(ids(shiftPage(start, 'p3', -1), 'A')).toEqual(['p1', 'p3', 'p2', 'p4']);
    expect(ids(shiftPage(start, 'p2', 1), 'A')).toEqual(['p1', 'p3', 'p2', 'p4']);
    expect(ids(shiftPage(start, 'p1', -1), 'A')).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(ids(shiftPage(start, 'p4', 1), 'A')).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('rotates by quarter turns and sets aside / restores a page', () => {
    const r = rotatePage(rotatePage(rotatePage(rotatePage(start, 'p1'), 'p1'), 'p1'), 'p1');
    expect(r.find((p) => p.id === 'p1')!.rotation).toBe(0);
    expect(rotatePage(start, 'p1').find((p) => p.id === 'p1')!.rotation).toBe(90);
    const aside = setRemoved(start, 'p2', true);
    expect(ids(aside, 'A')).toEqual(['p1', 'p3', 'p4']);
    expect(aside.find((p) => p.id === 'p2')!.removed).toBe(true);
    const back = setRemoved(aside, 'p2', false);
    expect(ids(back, 'A')).toEqual(['p1', 'p3', 'p4', 'p2']);
  });
});

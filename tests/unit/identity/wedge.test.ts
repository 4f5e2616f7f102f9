import { describe, expect, it } from 'vitest';
import { createWedgeDetector, type WedgeDecision, type WedgeKey, type WedgeOptions } from '../../../src/shared/identity/wedge';
import { CARD } from './fixtures';

/** The key events a scanner (or a person) produces for a text, every `gap` ms (a number or a function of the index). */
function keys(text: string, start: number, gap: number | ((i: number) => number)): WedgeKey[] {
  const out: WedgeKey[] = [];
  let t = start;
  [...text].forEach((key, i) => {
    out.push({ key, time: t });
    t += typeof gap === 'number' ? gap : gap(i);
  });
  return out;
}

function feed(options: Partial<WedgeOptions>, events: WedgeKey[]) {
  const d = createWedgeDetector(options);
  const decisions = events.map((e) => ({ e, d: d.key(e) }));
  return { detector: d, decisions };
}

const enterAfter = (events: WedgeKey[], gap = 8): WedgeKey => ({ key: 'Enter', time: events[events.length - 1]!.time + gap });
const actions = (ds: { d: WedgeDecision }[]) => ds.map((x) => x.d.action);

describe('keyboard-wedge burst detector', () => {
  it('recognises a scanner burst closed by Enter and returns the exact text ("|", spaces, Vietnamese)', () => {
    const burst = keys(CARD.qr, 1000, 8);
    const { decisions } = feed({}, [...burst, enterAfter(burst)]);
    // The first 19 characters reach the page before the burst is recognised…
    expect(actions(decisions.slice(0, 19))).toEqual(Array(19).fill('pass'));
    expect(decisions[0]!.d).toEqual({ action: 'pass', startsRun: true });
    // …the 20th confirms it: those 19 must be taken back out of the focused field…
    expect(decisions[19]!.d).toEqual({ action: 'hold', confirmedNow: true, typedBefore: 19 });
    // …the rest are held back, and Enter delivers the scan.
    expect(new Set(actions(decisions.slice(20, -1)))).toEqual(new Set(['hold']));
    const last = decisions[decisions.length - 1]!.d;
    expect(last.action).toBe('scan');
    if (last.action === 'scan') {
      expect(last.scan).toEqual({ text: CARD.qr, endedBy: 'enter', keys: [...CARD.qr].length, editKeys: 0, durationMs: 8 * [...CARD.qr].length });
    }
  });

  it('takes Shift presses of a scanner typing capitals in its stride', () => {
    const text = 'NGUYEN VAN AN|001099012345|HA NOI';
    const events: WedgeKey[] = [];
    let t = 0;
    for (const ch of text) {
      if (/[A-Z|]/.test(ch)) events.push({ key: 'Shift', time: t++ });
      events.push({ key: ch, time: t });
      t += 6;
    }
    const { decisions } = feed({}, [...events, { key: 'Enter', time: t }]);
    const last = decisions[decisions.length - 1]!.d;
    expect(last.action === 'scan' && last.scan.text).toBe(text);
  });

  it('lets fast human typing through untouched, rolled-over keys included', () => {
    // 80–150 ms between keys, with every fifth pair rolled over (12 ms apart).
    const text = 'Nguyễn Văn An, số 12 ngõ 34 Láng Hạ, Đống Đa';
    const human = keys(text, 0, (i) => (i % 5 === 0 ? 12 : 80 + ((i * 37) % 70)));
    const { decisions } = feed({}, [...human, enterAfter(human, 120)]);
    expect(new Set(actions(decisions))).toEqual(new Set(['pass']));
  });

  it('lets a very fast typist through: 36 ms between keys is still a person with the default 35 ms', () => {
    const typed = keys('the quick brown fox jumps over the lazy dog', 0, 36);
    const { decisions } = feed({}, [...typed, enterAfter(typed, 36)]);
    expect(new Set(actions(decisions))).toEqual(new Set(['pass']));
  });

  it('does not take a held-down key (auto-repeat) for a scanner', () => {
    const repeat: WedgeKey[] = Array.from({ length: 40 }, (_, i) => ({ key: '-', time: 500 + i * 30, repeat: i > 0 }));
    const { decisions } = feed({}, [...repeat, enterAfter(repeat)]);
    expect(new Set(actions(decisions))).toEqual(new Set(['pass']));
    // Even without the repeat flag, one character over and over is not a scan.
    const same = keys('='.repeat(40), 0, 20);
    expect(new Set(actions(feed({}, [...same, enterAfter(same)]).decisions))).toEqual(new Set(['pass']));
  });

  it('lets a short fast sequence with Enter through (fewer than minLength characters)', () => {
    const short = keys('0912345678', 0, 5);
    const { decisions } = feed({}, [...short, enterAfter(short)]);
    expect(new Set(actions(decisions))).toEqual(new Set(['pass']));
  });

  it('reports a burst without Enter as abandoned, not as a scan, once it goes quiet', () => {
    const burst = keys(CARD.qr, 0, 8);
    const { detector, decisions } = feed({}, burst);
    expect(decisions.at(-1)!.d.action).toBe('hold');
    expect(detector.holding).toBe(true);
    const end = burst.at(-1)!.time;
    expect(detector.idle(end + 50)).toBeNull(); // not quiet long enough yet
    expect(detector.idle(end + 100)).toEqual({ kind: 'abandoned', scan: expect.objectContaining({ text: CARD.qr, endedBy: 'idle' }) });
    expect(detector.holding).toBe(false);
    // The next key, much later, is typing again.
    expect(detector.key({ key: 'x', time: end + 2000 })).toEqual({ action: 'pass', startsRun: true });
  });

  it('a burst whose keys came late takes itself up again: the timer fired, the keys were stamped on time', () => {
    // The browser was busy: the page's idle timer ran between two keys that the scanner typed 8 ms apart.
    const burst = keys(CARD.qr, 0, 8);
    const cut = 60;
    const d = createWedgeDetector();
    burst.slice(0, cut).forEach((k) => d.key(k));
    expect(d.idle(burst[cut - 1]!.time + 400)).toEqual({ kind: 'abandoned', scan: expect.objectContaining({ text: CARD.qr.slice(0, cut) }) });
    const rest = burst.slice(cut).map((k) => d.key(k).action);
    expect(rest).toEqual(Array(burst.length - cut).fill('hold'));
    expect(d.key(enterAfter(burst))).toEqual({ action: 'scan', scan: expect.objectContaining({ text: CARD.qr, endedBy: 'enter', keys: burst.length }) });
  });

  it('a key stamped after the idle pause does not take an ended burst up again', () => {
    const burst = keys(CARD.qr, 0, 8);
    const d = createWedgeDetector();
    burst.forEach((k) => d.key(k));
    const end = burst.at(-1)!.time;
    expect(d.idle(end + 100)).toEqual(expect.objectContaining({ kind: 'abandoned' }));
    expect(d.key({ key: 'x', time: end + 100 })).toEqual({ action: 'pass', startsRun: true });
    expect(d.holding).toBe(false);
    // Nor does a shortcut pressed right after it (the clerk's Ctrl+V is typing, not the burst's tail).
    burst.forEach((k) => d.key({ ...k, time: k.time + 3000 }));
    d.idle(end + 3200);
    expect(d.key({ key: 'v', time: end + 3010, withCommand: true })).toEqual({ action: 'pass', startsRun: false });
    expect(d.holding).toBe(false);
    // Nor does reset() leave anything to take up.
    burst.forEach((k) => d.key({ ...k, time: k.time + 5000 }));
    d.idle(end + 5200);
    d.reset();
    expect(d.key({ key: 'y', time: end + 5010 })).toEqual({ action: 'pass', startsRun: true });
  });

  it('with requireEnter off, a burst that goes quiet is a scan', () => {
    const burst = keys(CARD.qr, 0, 8);
    const { detector } = feed({ requireEnter: false }, burst);
    expect(detector.idle(burst.at(-1)!.time + 150)).toEqual({ kind: 'scan', scan: expect.objectContaining({ text: CARD.qr, endedBy: 'idle' }) });
  });

  it('notices a quiet end even when the timer did not run: the next key carries it', () => {
    const burst = keys(CARD.qr, 0, 8);
    const { detector } = feed({ requireEnter: false }, burst);
    const d = detector.key({ key: 'a', time: burst.at(-1)!.time + 500 });
    expect(d).toEqual({ action: 'pass', startsRun: true, ended: { kind: 'scan', scan: expect.objectContaining({ text: CARD.qr }) } });
  });

  it('does not swallow what the clerk types right after a scan', () => {
    const burst = keys(CARD.qr, 0, 8);
    const enter = enterAfter(burst);
    const { detector } = feed({}, [...burst, enter]);
    const typed = keys('0912345678', enter.time + 300, 120);
    expect(typed.map((k) => detector.key(k).action)).toEqual(Array(10).fill('pass'));
  });

  it('reads two scans in a row', () => {
    const first = keys(CARD.qr, 0, 8);
    const second = keys(CARD.qr.replace('An', 'Anh'), first.at(-1)!.time + 1500, 8);
    const { decisions } = feed({}, [...first, enterAfter(first), ...second, enterAfter(second)]);
    const scans = decisions.filter((x) => x.d.action === 'scan').map((x) => (x.d.action === 'scan' ? x.d.scan.text : ''));
    expect(scans).toEqual([CARD.qr, CARD.qr.replace('An', 'Anh')]);
  });

  it('counts an input method\'s edits inside a burst (Unikey sends Backspace + the accented letter)', () => {
    const events: WedgeKey[] = [];
    let t = 0;
    for (const k of [...'001099012345||Nguyen Van A', 'n', 'Backspace', 'Backspace', 'Á', 'n', ...'|15081999|Nam']) events.push({ key: k, time: (t += 5) });
    const { decisions } = feed({}, [...events, { key: 'Enter', time: t + 5 }]);
    const last = decisions.at(-1)!.d;
    expect(last.action === 'scan' && last.scan).toMatchObject({ text: '001099012345||Nguyen Van Án|15081999|Nam', editKeys: 2 });
    // 'Process' (an IME composing) counts too.
    const ime = keys('001099012345||Nguyen Van An|15081999|Nam', 0, 5);
    ime.splice(30, 0, { key: 'Process', time: ime[29]!.time + 1 });
    const r = feed({}, [...ime, enterAfter(ime)]).decisions.at(-1)!.d;
    expect(r.action === 'scan' && r.scan.editKeys).toBe(1);
  });

  it('thresholds are configurable: a slow scanner at 50 ms per key', () => {
    const slow = keys(CARD.qr, 0, 50);
    expect(feed({}, [...slow, enterAfter(slow, 50)]).decisions.at(-1)!.d.action).toBe('pass');
    const r = feed({ maxGapMs: 60, idleMs: 200 }, [...slow, enterAfter(slow, 50)]).decisions.at(-1)!.d;
    expect(r.action === 'scan' && r.scan.text).toBe(CARD.qr);
    const short = keys('ABC-123-XYZ', 0, 5);
    const r2 = feed({ minLength: 8 }, [...short, enterAfter(short)]).decisions.at(-1)!.d;
    expect(r2.action === 'scan' && r2.scan.text).toBe('ABC-123-XYZ');
  });

  it('an accept() rule keeps other fast input (a password manager typing a login) out', () => {
    const login = keys('can.bo.tiep.nhan@hanoi.gov.vn\tMatKhau#2026', 0, 4);
    const onlyQr = { accept: (t: string) => t.includes('|') };
    expect(new Set(actions(feed(onlyQr, [...login, enterAfter(login)]).decisions))).toEqual(new Set(['pass']));
    const scan = keys(CARD.qr, 0, 4);
    expect(feed(onlyQr, [...scan, enterAfter(scan)]).decisions.at(-1)!.d.action).toBe('scan');
  });

  it('a shortcut or an arrow key ends things: a paste (Ctrl+V) in the middle of typing is typing', () => {
    const part = keys('001099012345||Nguyen Van', 0, 5);
    const { detector } = feed({}, part);
    expect(detector.holding).toBe(true);
    const d = detector.key({ key: 'v', time: part.at(-1)!.time + 5, withCommand: true });
    expect(d).toMatchObject({ action: 'pass', ended: { kind: 'abandoned' } });
    expect(detector.holding).toBe(false);
    const arrow = feed({}, keys('001099012345||Nguyen Van', 0, 5)).detector;
    expect(arrow.key({ key: 'ArrowLeft', time: 200 })).toMatchObject({ action: 'pass', ended: { kind: 'abandoned' } });
  });

  it('a gap in the middle restarts the run: two half-bursts are not one scan', () => {
    const a = keys('001099012345||Ngu', 0, 8);
    const b = keys('yen Van An|1508', a.at(-1)!.time + 200, 8);
    const { decisions } = feed({}, [...a, ...b, enterAfter(b)]);
    expect(new Set(actions(decisions))).toEqual(new Set(['pass']));
    expect(decisions[a.length]!.d).toEqual({ action: 'pass', startsRun: true });
  });
});

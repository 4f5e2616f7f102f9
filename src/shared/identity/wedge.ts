// A keyboard-wedge scanner is a keyboard that types very fast: the whole code in one burst of key
// events a few milliseconds apart, usually closed by Enter. A person — even a fast typist — leaves
// 60–200 ms between keys, with at most a few keys close together when they roll over. So: a run
// of keys each within `maxGapMs` of the last, once it holds `minLength` characters, is a scanner.
//
// This detector is pure (no DOM, no timers): it is fed keys as {key, time} — `event.key`, which
// carries '|', spaces and Vietnamese letters as they are (keyCode-based mappers such as onscan.js's
// drop them) — and it decides, key by key, whether the key may reach the page ('pass') or belongs
// to a scan and must be held back ('hold'). Keys that passed before the burst was recognised are
// already in the focused field; the caller undoes them when told `confirmedNow`.

export interface WedgeOptions {
  /** Longest pause between two keys of a scanner's burst before it is recognised (ms). */
  maxGapMs: number;
  /** Characters in a fast run before it counts as a scan (the ID card's QR has 100+). */
  minLength: number;
  /** After recognition, a pause this long ends the burst (scanners may stall briefly; ms). */
  idleMs: number;
  /** A burst must end with a terminator key to be a scan; otherwise it is reported as abandoned. */
  requireEnter: boolean;
  /** Keys that end a scan. */
  terminators: readonly string[];
  /** A last look at the text when the run reaches minLength (e.g. "contains |"). */
  accept: (text: string) => boolean;
}

export const defaultWedgeOptions: WedgeOptions = {
  maxGapMs: 35,
  minLength: 20,
  idleMs: 100,
  requireEnter: true,
  terminators: ['Enter'],
  // Holding a key down (auto-repeat) is fast too; a run of one character is never a scan.
  accept: (text) => new Set(text).size > 2,
};

export interface WedgeKey {
  /** KeyboardEvent.key */
  key: string;
  /** KeyboardEvent.timeStamp (ms) */
  time: number;
  /** KeyboardEvent.repeat: the key is held down. */
  repeat?: boolean;
  /** Ctrl, Alt or Meta held: a shortcut, not typing. */
  withCommand?: boolean;
}

export interface WedgeScan {
  text: string;
  endedBy: 'enter' | 'idle';
  /** Character keys in the burst. */
  keys: number;
  /** Backspaces and unidentified keys inside the burst: a Vietnamese input method rewrote it. */
  editKeys: number;
  durationMs: number;
}

/** A burst that ended without its terminator (requireEnter): not a scan, but not typing either. */
export type WedgeEnd = { kind: 'scan'; scan: WedgeScan } | { kind: 'abandoned'; scan: WedgeScan };

export type WedgeDecision =
  /** Let the key reach the page. `startsRun`: the first key of a new fast run (snapshot the field now). */
  | { action: 'pass'; startsRun: boolean; ended?: WedgeEnd }
  /** Hold the key back. `confirmedNow`: the burst was just recognised; undo the `typedBefore` keys that passed. */
  | { action: 'hold'; confirmedNow: boolean; typedBefore: number; ended?: WedgeEnd }
  /** The terminator of a scan: hold it back and deliver the scan. */
  | { action: 'scan'; scan: WedgeScan; ended?: WedgeEnd };

export interface WedgeDetector {
  key(e: WedgeKey): WedgeDecision;
  /**
   * Call when no key came for a while (a timer); ends a recognised burst after idleMs. With
   * requireEnter, a key stamped within idleMs of the burst's last one takes it up again.
   */
  idle(now: number): WedgeEnd | null;
  /** True while a recognised burst is being held back. */
  readonly holding: boolean;
  reset(): void;
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'OS', 'Fn', 'Hyper', 'Super']);
/** Keys an input method produces instead of a character. */
const UNKNOWN_KEYS = new Set(['Process', 'Unidentified', 'Dead']);

function isCharacter(key: string): boolean {
  return [...key].length === 1;
}

export function createWedgeDetector(options: Partial<WedgeOptions> = {}): WedgeDetector {
  const o: WedgeOptions = { ...defaultWedgeOptions, ...options };
  let text: string[] = [];
  let charKeys = 0;
  let passedKeys = 0;
  let editKeys = 0;
  let startTime = 0;
  let lastTime = -Infinity;
  let confirmed = false;
  /** The run reached minLength but accept() said no: let it through until it breaks. */
  let rejected = false;
  /**
   * A burst the idle timer ended. The timer runs on the page's clock while keys carry the time
   * they were typed: a browser busy elsewhere can deliver the rest of a burst after the timer
   * fired, stamped as typed on time. Such keys take the burst up again instead of leaking into the
   * focused field and losing the scan.
   */
  let parked: { text: string[]; charKeys: number; editKeys: number; startTime: number; lastTime: number } | null = null;

  const clear = () => {
    text = [];
    charKeys = 0;
    passedKeys = 0;
    editKeys = 0;
    confirmed = false;
    rejected = false;
    lastTime = -Infinity;
  };

  const snapshot = (endedBy: WedgeScan['endedBy'], end: number): WedgeScan => ({
    text: text.join(''),
    endedBy,
    keys: charKeys,
    editKeys,
    durationMs: Math.max(0, end - startTime),
  });

  /** Ends a recognised burst that went quiet; resets an unrecognised run. */
  const endIfStale = (now: number): WedgeEnd | undefined => {
    if (text.length === 0 && charKeys === 0) return undefined;
    const gap = now - lastTime;
    if (confirmed) {
      if (gap < o.idleMs) return undefined;
      const scan = snapshot('idle', lastTime);
      clear();
      return o.requireEnter ? { kind: 'abandoned', scan } : { kind: 'scan', scan };
    }
    if (gap >= o.maxGapMs) clear();
    return undefined;
  };

  const pass = (startsRun: boolean, ended?: WedgeEnd): WedgeDecision => {
    passedKeys += 1;
    return ended ? { action: 'pass', startsRun, ended } : { action: 'pass', startsRun };
  };
  const hold = (confirmedNow: boolean, ended?: WedgeEnd): WedgeDecision => {
    const d: WedgeDecision = { action: 'hold', confirmedNow, typedBefore: confirmedNow ? passedKeys : 0 };
    return ended ? { ...d, ended } : d;
  };

  return {
    get holding() {
      return confirmed;
    },
    reset() {
      clear();
      parked = null;
    },
    idle(now) {
      const state = confirmed && o.requireEnter ? { text: [...text], charKeys, editKeys, startTime, lastTime } : null;
      const end = endIfStale(now) ?? null;
      if (end && state) parked = state;
      return end;
    },
    key(e) {
      if (parked) {
        const late = parked;
        parked = null;
        if (!e.withCommand && e.time >= late.lastTime && e.time - late.lastTime < o.idleMs) {
          ({ text, charKeys, editKeys, startTime, lastTime } = late);
          confirmed = true;
        }
      }
      const ended = endIfStale(e.time);

      if (MODIFIERS.has(e.key)) {
        // Scanners press Shift for capitals: part of the burst, but no character and no timing.
        return confirmed ? hold(false, ended) : ended ? { action: 'pass', startsRun: false, ended } : { action: 'pass', startsRun: false };
      }

      if (o.terminators.includes(e.key)) {
        if (confirmed && !e.withCommand) {
          const scan = snapshot('enter', e.time);
          clear();
          return ended ? { action: 'scan', scan, ended } : { action: 'scan', scan };
        }
        clear();
        return ended ? { action: 'pass', startsRun: false, ended } : { action: 'pass', startsRun: false };
      }

      if (e.withCommand || e.repeat) {
        // A shortcut or a held-down key: typing, not scanning. A recognised burst ends here.
        let end = ended;
        if (confirmed) {
          const scan = snapshot('idle', lastTime);
          end = o.requireEnter ? { kind: 'abandoned', scan } : { kind: 'scan', scan };
        }
        clear();
        return end ? { action: 'pass', startsRun: false, ended: end } : { action: 'pass', startsRun: false };
      }

      const inRun = charKeys > 0;
      if (e.key === 'Backspace' || UNKNOWN_KEYS.has(e.key)) {
        if (!inRun) return ended ? { action: 'pass', startsRun: false, ended } : { action: 'pass', startsRun: false };
        // Inside a fast run: an input method rewriting the keys (Unikey sends Backspace + the accented letter).
        if (e.key === 'Backspace') text.pop();
        editKeys += 1;
        lastTime = e.time;
        return confirmed ? hold(false, ended) : pass(false, ended);
      }

      if (!isCharacter(e.key)) {
        // Arrows, Escape, function keys…: the person is working; end whatever was running.
        let end = ended;
        if (confirmed) {
          const scan = snapshot('idle', lastTime);
          end = o.requireEnter ? { kind: 'abandoned', scan } : { kind: 'scan', scan };
        }
        clear();
        return end ? { action: 'pass', startsRun: false, ended: end } : { action: 'pass', startsRun: false };
      }

      // A character key.
      const startsRun = !inRun;
      if (startsRun) {
        clear();
        startTime = e.time;
      }
      text.push(e.key);
      charKeys += 1;
      lastTime = e.time;
      if (confirmed) return hold(false, ended);
      if (!rejected && text.length >= o.minLength) {
        if (o.accept(text.join(''))) {
          confirmed = true;
          return hold(true, ended);
        }
        rejected = true;
      }
      return pass(startsRun, ended);
    },
  };
}

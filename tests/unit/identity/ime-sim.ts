// A simplified Unikey/EVKey: what a Vietnamese input method does to keystrokes typed through it.
// Used to produce the garbled text a keyboard-wedge scanner delivers when the clerk left the input
// method on. Characters that are not ASCII (the scanner injects "ễ" as a Unicode character) are
// inserted as they are but belong to the current word, so later keys may put marks on them.

const TELEX_TONES: Record<string, string> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const VNI_TONES: Record<string, string> = { '1': '\u0301', '2': '\u0300', '3': '\u0309', '4': '\u0303', '5': '\u0323' };
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031B';

interface Letter {
  base: string;
  mods: string;
  tone: string;
}

function split(ch: string): Letter {
  const d = ch.normalize('NFD');
  const base = d[0]!;
  let mods = '';
  let tone = '';
  for (const m of d.slice(1)) {
    if (TONE.test(m)) tone = m;
    else mods += m;
  }
  return { base, mods, tone };
}

function join(l: Letter): string {
  return (l.base + l.mods + l.tone).normalize('NFC');
}

const isVowel = (ch: string) => 'aeiouy'.includes(split(ch).base.toLowerCase());

export interface SimOptions {
  /** Whether '|' ends a word for the input method (default false: the damaging case). */
  pipeSeparates?: boolean;
}

export function simulateIme(text: string, mode: 'telex' | 'vni', opts: SimOptions = {}): string {
  const separators = ` \t\r\n,.;:!?()[]{}"'/-${opts.pipeSeparates ? '|' : ''}`;
  const out: string[] = [];
  let wordStart = 0;

  const vowelIndices = () => {
    const idx: number[] = [];
    for (let i = wordStart; i < out.length; i++) if (/\p{L}/u.test(out[i]!) && isVowel(out[i]!)) idx.push(i);
    return idx;
  };

  const toneIndex = (): number | null => {
    const idx = vowelIndices();
    if (idx.length === 0) return null;
    // The last group of adjacent vowels.
    const group = [idx[idx.length - 1]!];
    for (let k = idx.length - 2; k >= 0 && idx[k] === group[0]! - 1; k--) group.unshift(idx[k]!);
    const first = out[wordStart]?.toLowerCase();
    if (group.length > 1 && (first === 'q' || first === 'g') && ['u', 'i'].includes(split(out[group[0]!]!).base.toLowerCase())) group.shift();
    const marked = group.filter((i) => split(out[i]!).mods !== '');
    if (marked.length > 0) return marked[marked.length - 1]!;
    if (group.length === 1) return group[0]!;
    const last = group[group.length - 1]!;
    const closed = last < out.length - 1;
    const pair = group.map((i) => split(out[i]!).base.toLowerCase()).join('');
    if (closed || ['oa', 'oe', 'uy'].includes(pair)) return group[1]!;
    return group[0]!;
  };

  const setTone = (tone: string, literal: string): boolean => {
    const at = toneIndex();
    if (at === null) return false;
    const current = split(out[at]!);
    if (current.tone === tone) {
      out[at] = join({ ...current, tone: '' });
      out.push(literal);
      return true;
    }
    for (let i = wordStart; i < out.length; i++) if (/\p{L}/u.test(out[i]!)) out[i] = join({ ...split(out[i]!), tone: '' });
    out[at] = join({ ...split(out[at]!), tone });
    return true;
  };

  const lastIndexWhere = (pred: (l: Letter) => boolean): number => {
    for (let i = out.length - 1; i >= wordStart; i--) if (/\p{L}/u.test(out[i]!) && pred(split(out[i]!))) return i;
    return -1;
  };

  const addMod = (bases: string, mod: string): boolean => {
    const i = lastIndexWhere((l) => bases.includes(l.base.toLowerCase()) && l.mods === '');
    if (i < 0) return false;
    out[i] = join({ ...split(out[i]!), mods: mod });
    if (mod === HORN && split(out[i]!).base.toLowerCase() === 'o' && i > wordStart && split(out[i - 1]!).base.toLowerCase() === 'u') {
      out[i - 1] = join({ ...split(out[i - 1]!), mods: HORN });
    }
    return true;
  };

  const toD = (): boolean => {
    const i = lastIndexWhere((l) => l.base === 'd' || l.base === 'D');
    if (i < 0) return false;
    out[i] = out[i] === 'D' ? 'Đ' : 'đ';
    return true;
  };

  const removeTone = (): boolean => {
    let changed = false;
    for (let i = wordStart; i < out.length; i++) {
      const l = split(out[i]!);
      if (l.tone) {
        out[i] = join({ ...l, tone: '' });
        changed = true;
      }
    }
    return changed;
  };

  const telex = (ch: string): boolean => {
    const l = ch.toLowerCase();
    if (TELEX_TONES[l]) return setTone(TELEX_TONES[l], ch);
    if (l === 'z') return removeTone();
    if (l === 'w') {
      const i = lastIndexWhere((x) => 'aou'.includes(x.base.toLowerCase()) && x.mods === '');
      if (i >= 0) return addMod(split(out[i]!).base.toLowerCase() === 'a' ? 'a' : 'ou', split(out[i]!).base.toLowerCase() === 'a' ? BREVE : HORN);
      out.push(ch === 'W' ? 'Ư' : 'ư');
      return true;
    }
    const prev = out.length > wordStart ? out[out.length - 1]! : '';
    if ('aeo'.includes(l) && prev && split(prev).base.toLowerCase() === l && split(prev).mods === '') {
      out[out.length - 1] = join({ ...split(prev), mods: CIRCUMFLEX });
      return true;
    }
    if (l === 'd' && (prev === 'd' || prev === 'D')) {
      out[out.length - 1] = prev === 'D' ? 'Đ' : 'đ';
      return true;
    }
    return false;
  };

  const vni = (ch: string): boolean => {
    if (VNI_TONES[ch]) return setTone(VNI_TONES[ch], ch);
    if (ch === '6') return addMod('aeo', CIRCUMFLEX);
    if (ch === '7') return addMod('ou', HORN);
    if (ch === '8') return addMod('a', BREVE);
    if (ch === '9') return toD();
    if (ch === '0') return removeTone();
    return false;
  };

  for (const ch of text) {
    if (separators.includes(ch)) {
      out.push(ch);
      wordStart = out.length;
      continue;
    }
    if (!(mode === 'telex' ? telex(ch) : vni(ch))) out.push(ch);
  }
  return out.join('');
}

import { describe, expect, it } from 'vitest';
import { CCCD_PROVINCES } from '../../../src/shared/identity/provinces';
import { detectImeGarbling, parseIdCardQr } from '../../../src/shared/identity/qr';
import { CARDS, NOW } from './fixtures';
import { simulateIme } from './ime-sim';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Minh', 'Thanh', 'Quốc', 'Xuân', 'Thu'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hương', 'Khánh', 'Lan', 'Linh', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quyên', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Uyên', 'Yến'];
const PLACE = ['Số 5 Phố Huế', 'Xóm 3', 'Thôn Đông', 'Tổ 12', 'Ấp Bình Thạnh', 'Khu phố 4', 'Xã Tân Hội', 'Phường Bến Nghé', 'Số 18 Ngõ 2 Kim Mã', 'Sóc Trăng'];
const TAIL = ['Quận Ba Đình, Hà Nội', 'Huyện Đan Phượng, Hà Nội', 'Thành phố Thủ Đức, Thành phố Hồ Chí Minh', 'Thành phố Vinh, Nghệ An', 'Huyện Châu Thành, Tiền Giang', 'Thị xã Sơn Tây, Hà Nội'];

/** Deterministic, realistic cards: structure and consistency of a real QR, invented people. */
function generatedCards(n: number): string[] {
  let seed = 7;
  const rnd = (k: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % k;
  };
  const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)]!;
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const year = 1940 + rnd(80);
    const female = rnd(2) === 1;
    const digit = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
    const id = `${pick(CCCD_PROVINCES)[0]}${digit}${pad(year % 100, 2)}${pad(rnd(1_000_000), 6)}`;
    const birth = `${pad(1 + rnd(28), 2)}${pad(1 + rnd(12), 2)}${year}`;
    const issue = `${pad(1 + rnd(28), 2)}${pad(1 + rnd(12), 2)}${2021 + rnd(4)}`;
    const old = rnd(3) === 0 ? pad(rnd(1_000_000_000), 9) : '';
    const name = `${pick(FAMILY)} ${female ? 'Thị' : pick(MIDDLE)} ${pick(GIVEN)}`;
    out.push([id, old, name, birth, female ? 'Nữ' : 'Nam', `${pick(PLACE)}, ${pick(TAIL)}`, issue].join('|'));
  }
  return out;
}

const ALL = [...CARDS.map((c) => c.qr), ...generatedCards(200)];

describe('input-method garbling of keyboard-wedge scans', () => {
  it('finds nothing on clean scans', () => {
    for (const qr of ALL) {
      const clean = detectImeGarbling(qr);
      expect(clean, qr).toMatchObject({ garbled: false, signs: [], message: null });
      expect(parseIdCardQr(qr, { now: NOW }).ok, qr).toBe(true);
    }
  });

  it('finds nothing in the names of the 63 provinces and common Vietnamese names and places', () => {
    const words = [...CCCD_PROVINCES.map(([, n]) => n), ...FAMILY, ...MIDDLE, ...GIVEN, ...PLACE, ...TAIL];
    words.push('Quỳnh', 'Khuê', 'Nguyệt', 'Tuyết', 'Thuở', 'Giữ', 'Gìn', 'Khuya', 'Ngoằn', 'Uỵch', 'Ê Đê', 'Kđăm', 'Byă', 'Ayŭn', 'Krông Búk', 'Đăk Glei');
    for (const w of words) expect(detectImeGarbling(w).signs, w).toEqual([]);
  });

  for (const mode of ['vni', 'telex'] as const) {
    it(`${mode}: every scan it changed is refused with the input-method message, never read as data`, () => {
      let changed = 0;
      for (const qr of ALL) {
        const garbled = simulateIme(qr, mode);
        if (garbled === qr) continue;
        changed++;
        const d = detectImeGarbling(garbled);
        expect(d.garbled, garbled).toBe(true);
        // Telex's marks on a non-Vietnamese word ("Sier" → "Sỉe") do not say which method made them.
        expect(mode === 'vni' ? [mode] : [mode, 'unknown'], garbled).toContain(d.mode);
        const r = parseIdCardQr(garbled, { now: NOW });
        expect(r, garbled).toEqual({ ok: false, errors: [{ field: 'text', code: 'IME_GARBLED', message: d.message }] });
      }
      // Most cards are changed by VNI (the dates follow letters); Telex needs an S/X after the gender.
      expect(changed).toBeGreaterThan(mode === 'vni' ? 190 : 40);
    });

    it(`${mode}: when the input method treats | as a word break, whatever it changed is still caught`, () => {
      for (const qr of ALL) {
        const garbled = simulateIme(qr, mode, { pipeSeparates: true });
        const r = parseIdCardQr(garbled, { now: NOW });
        if (garbled === qr) expect(r.ok).toBe(true);
        else expect(r.ok, garbled).toBe(false);
      }
    });
  }

  it('shows the typical VNI damage: digits gone from the dates, marks on the words before them', () => {
    const garbled = simulateIme(CARDS[0]!.qr, 'vni');
    expect(garbled).toContain('Nguyễn Văn Ắn|999|');
    expect(detectImeGarbling(garbled)).toMatchObject({ garbled: true, mode: 'vni', signs: ['digits-missing'] });
  });

  it('shows the typical Telex damage: the S of "Số" became a tone on "Nam"', () => {
    const garbled = simulateIme(CARDS[0]!.qr, 'telex');
    expect(garbled).toContain('|Nám|ố 12,');
    expect(detectImeGarbling(garbled)).toMatchObject({ garbled: true, mode: 'telex', signs: ['gender-toned', 'address-initial'] });
  });

  it('catches a minority-language word that Telex put a tone on ("Sier" → "Sỉe")', () => {
    const garbled = simulateIme(CARDS[4]!.qr, 'telex');
    expect(garbled).toContain('Buôn Ko Sỉe');
    expect(detectImeGarbling(garbled).signs).toContain('odd-syllable');
  });

  it('catches accents inside a number, doubled tone marks and stray marks', () => {
    const [id, old, name, birth, gender, address, issue] = CARDS[0]!.qr.split('|') as string[];
    const withAccents = [id!.slice(0, 10) + 'ắ5', old, name, birth, gender, address, issue].join('|');
    expect(detectImeGarbling(withAccents)).toMatchObject({ garbled: true, signs: ['accents-in-number'] });
    const doubled = [id, old, 'Nguyễn Văn A\u0301\u0300n', birth, gender, address, issue].join('|');
    expect(detectImeGarbling(doubled).signs).toEqual(expect.arrayContaining(['stray-marks']));
    const twoTones = [id, old, 'Nguyễn Vắn Àn', birth, gender, address, issue].join('|');
    expect(detectImeGarbling(twoTones).signs).toEqual([]); // one tone per word: a plausible (if odd) name
    const twoTonesOneWord = [id, old, 'Nguyễn Văn Ánà', birth, gender, address, issue].join('|');
    expect(detectImeGarbling(twoTonesOneWord)).toMatchObject({ garbled: true, signs: ['double-tone'] });
    const strayAfterDigit = [id, old, name, `1508199\u03019`, gender, address, issue].join('|');
    expect(detectImeGarbling(strayAfterDigit).garbled).toBe(true);
  });

  it('trusts the keyboard: backspaces inside a scanner burst mean an input method was at work', () => {
    expect(detectImeGarbling(CARDS[0]!.qr, { editKeys: 3 })).toMatchObject({ garbled: true, signs: ['edit-keys'], mode: 'unknown' });
    expect(parseIdCardQr(CARDS[0]!.qr, { now: NOW, editKeys: 3 })).toMatchObject({ ok: false, errors: [{ code: 'IME_GARBLED' }] });
    expect(parseIdCardQr(CARDS[0]!.qr, { now: NOW, editKeys: 0 }).ok).toBe(true);
  });

  it('tells the clerk what happened and what to do, in Vietnamese', () => {
    const { message } = detectImeGarbling(simulateIme(CARDS[0]!.qr, 'vni'));
    expect(message).toContain('bộ gõ tiếng Việt');
    expect(message).toContain('Unikey');
    expect(message).toContain('Ctrl+Shift');
    expect(message).toContain('English');
    expect(message).toContain('quét lại');
  });

  it('does not blame the input method for one truncated date after an unaccented word', () => {
    const [id, old, name, , gender, address, issue] = CARDS[0]!.qr.split('|') as string[];
    const r = parseIdCardQr([id, old, name, '1508199', gender, address, issue].join('|'), { now: NOW });
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'birthDate', code: 'QR_DATE_FORMAT' }] });
  });
});

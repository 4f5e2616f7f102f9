import { describe, expect, it } from 'vitest';
import { parseIdCardQr } from '../../../src/shared/identity/qr';
import { idCardRecordSchema } from '../../../src/shared/identity/schemas';
import { CARD, CARDS, NOW } from './fixtures';

const parse = (text: string) => parseIdCardQr(text, { now: NOW });
const nfd = (s: string) => s.normalize('NFD');

describe('ID card QR: valid variants give the same clean record', () => {
  for (const card of CARDS) {
    it(`reads ${card.record.fullName}`, () => {
      const r = parse(card.qr);
      expect(r).toEqual({ ok: true, record: card.record, warnings: [] });
      expect(idCardRecordSchema.parse(card.record)).toEqual(card.record);
    });
  }

  const [id, old, name, birth, gender, address, issue] = CARD.qr.split('|') as [string, string, string, string, string, string, string];
  const same: [string, string][] = [
    ['trailing CR LF (the scanner\'s Enter)', `${CARD.qr}\r\n`],
    ['trailing LF', `${CARD.qr}\n`],
    ['trailing CR', `${CARD.qr}\r`],
    ['leading and trailing white space', `  \t${CARD.qr}  \n`],
    ['a BOM in front', `\uFEFF${CARD.qr}`],
    ['zero-width spaces', `${id}|\u200B|${name}\u200B|${birth}|${gender}|${address}|${issue}`],
    ['decomposed (NFD) Vietnamese', nfd(CARD.qr)],
    ['spaces around every part', [id, old, name, birth, gender, address, issue].map((p) => ` ${p} `).join('|')],
    ['runs of spaces and tabs inside parts', `${id}||Nguyễn   Văn\tAn|${birth}|${gender}|Số 12,  Ngõ 34 Phố Láng Hạ, Phường Láng Hạ,   Quận Đống Đa, Hà Nội|${issue}`],
    ['spaces inside the number', `001 099 012 345||${name}|${birth}|${gender}|${address}|${issue}`],
    ['gender in capitals', `${id}||${name}|${birth}|NAM|${address}|${issue}`],
    ['gender lower case', `${id}||${name}|${birth}|nam|${address}|${issue}`],
    ['gender in English', `${id}||${name}|${birth}|Male|${address}|${issue}`],
    ['dates with slashes', `${id}||${name}|15/08/1999|${gender}|${address}|20/04/2021`],
    ['an AIM symbology prefix (]Q1)', `]Q1${CARD.qr}`],
  ];
  for (const [what, text] of same) {
    it(`tolerates ${what}`, () => {
      expect(parse(text)).toEqual({ ok: true, record: CARD.record, warnings: [] });
    });
  }

  it('tolerates 8 and 9 parts (unknown trailing parts ignored, with a warning that says so)', () => {
    for (const extra of ['|', '|ABC', '|x|y']) {
      const r = parse(`${CARD.qr}${extra}`);
      expect(r.ok && r.record).toEqual(CARD.record);
      expect(r.ok && r.warnings).toEqual([expect.stringContaining('bỏ qua')]);
    }
    // Junk in the ignored parts does not leak anywhere.
    const r = parse(`${CARD.qr}|<script>alert(1)</script>`);
    expect(JSON.stringify(r)).not.toContain('script');
  });

  it('reads 6 parts without the issue date', () => {
    const r = parse([id, old, name, birth, gender, address].join('|'));
    expect(r).toEqual({ ok: true, record: { ...CARD.record, issueDate: null }, warnings: [expect.stringContaining('ngày cấp')] });
    const withOld = parse(['079303004321', '272512345', 'Trần Thị Ngọc Bích', '02032003', 'Nữ', 'Quận 7, Thành phố Hồ Chí Minh'].join('|'));
    expect(withOld.ok && withOld.record).toMatchObject({ oldIdNumber: '272512345', fullName: 'Trần Thị Ngọc Bích', issueDate: null });
  });

  it('reads 6 parts without the old number', () => {
    const r = parse([id, name, birth, gender, address, issue].join('|'));
    expect(r).toEqual({ ok: true, record: CARD.record, warnings: [] });
  });

  it('treats an empty issue-date part as no issue date', () => {
    const r = parse(`${id}|${old}|${name}|${birth}|${gender}|${address}|`);
    expect(r).toEqual({ ok: true, record: { ...CARD.record, issueDate: null }, warnings: [expect.stringContaining('ngày cấp')] });
  });

  it('keeps a 12-digit old number and women written Nu / NỮ / Female', () => {
    for (const g of ['Nữ', 'NỮ', 'nữ', 'Nu', 'NU', 'Female', nfd('Nữ')]) {
      const r = parse(`001199012345|001099999999|Trần Thị Bình|01011999|${g}|Hà Nội|20042021`);
      expect(r.ok && r.record).toMatchObject({ gender: 'Nữ', oldIdNumber: '001099999999' });
    }
  });

  it('returns NFC text whatever came in', () => {
    const r = parse(nfd(CARDS[3]!.qr));
    expect(r.ok).toBe(true);
    if (r.ok) {
      for (const v of [r.record.fullName, r.record.address]) expect(v).toBe(v.normalize('NFC'));
      expect(r.record).toEqual(CARDS[3]!.record);
    }
  });
});

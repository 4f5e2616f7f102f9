import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/core/db/migrate';
import { readMigrations } from '../../../src/main/core/db/migrations';
import { openDatabase } from '../../../src/main/core/db/open';
import { codeSequences } from '../../../src/main/core/db/schema';
import { allocateDossierCode, type CodeRequest } from '../../../src/main/core/dossiers/code-allocator';
import { AppError } from '../../../src/shared/api/errors';
import { counterOfSequence } from '../../../src/shared/dossier/code';
import { DOSSIER_CODE } from '../../../src/shared/dossier/status';
import { migrationsDir } from '../../support/core-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { insertDossier, receive, UNIT, vn } from './fixtures';

describe('allocating dossier codes (real SQLite, migrated schema)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let sqlite: Database.Database;

  beforeEach(() => {
    temp = makeTempDir();
    sqlite = openDatabase(join(temp.dir, 'motcua.sqlite'));
    migrate(sqlite, readMigrations(migrationsDir), { backupDir: join(temp.dir, 'backups'), now: new Date() });
  });
  afterEach(() => {
    sqlite.close();
    temp.cleanup();
  });

  const req = (counterNumber: number, countersInUnit: number, local: string): CodeRequest => ({
    unitCode: UNIT,
    counterNumber,
    countersInUnit,
    at: vn(local),
  });
  const issue = (counterNumber: number, countersInUnit: number, local: string) =>
    receive(sqlite, req(counterNumber, countersInUnit, local)).code;
  const lastOf = (dateKey: string, counter: number) =>
    (sqlite
      .prepare('SELECT last_sequence AS last FROM code_sequences WHERE unit_code = ? AND date_key = ? AND counter_number = ?')
      .get(UNIT, dateKey, counter) as { last: number } | undefined)?.last;

  it('issues the counter its own interleaved numbers for the Vietnamese day of receipt', () => {
    expect(receive(sqlite, req(1, 2, '2026-11-23T08:00'))).toEqual({ code: '000.00.06.H56-261123-0001', sequence: 1, dateKey: '2026-11-23' });
    expect(issue(1, 2, '2026-11-23T08:05')).toBe('000.00.06.H56-261123-0003');
    expect(issue(2, 2, '2026-11-23T08:06')).toBe('000.00.06.H56-261123-0002');
    expect(issue(1, 2, '2026-11-23T08:07')).toBe('000.00.06.H56-261123-0005');
    // A new day starts again at the counter's first number.
    expect(issue(1, 2, '2026-11-25T07:30')).toBe('000.00.06.H56-261125-0001');
    expect(issue(1, 1, '2026-11-26T07:30')).toBe('000.00.06.H56-261126-0001');
    expect(issue(1, 1, '2026-11-26T07:31')).toBe('000.00.06.H56-261126-0002');
  });

  it('dates the code in Vietnam (UTC+7), not in UTC', () => {
    // 23:30 UTC on 23 November is 06:30 on 24 November in Vietnam.
    const got = receive(sqlite, { unitCode: UNIT, counterNumber: 1, countersInUnit: 1, at: new Date('2026-11-23T23:30:00Z') });
    expect(got.code).toBe('000.00.06.H56-261124-0001');
    expect(got.dateKey).toBe('2026-11-24');
  });

  it('never reuses a number when the clock goes back to an earlier day: that day continues from its stored last value', () => {
    expect(['08:00', '08:01', '08:02'].map((t) => issue(1, 2, `2026-11-25T${t}`))).toEqual([
      '000.00.06.H56-261125-0001',
      '000.00.06.H56-261125-0003',
      '000.00.06.H56-261125-0005',
    ]);
    expect(issue(1, 2, '2026-11-26T08:00')).toBe('000.00.06.H56-261126-0001');
    // The machine's clock is set back a day (a flat CMOS battery, a wrong manual fix) …
    expect(issue(1, 2, '2026-11-25T07:00')).toBe('000.00.06.H56-261125-0007');
    // … or back within the day: the time of day plays no part.
    expect(issue(1, 2, '2026-11-25T06:00')).toBe('000.00.06.H56-261125-0009');
    // Even if the issued dossiers were gone from the table, the sequence row keeps the numbers spent.
    sqlite.prepare('DELETE FROM dossiers').run();
    expect(issue(1, 2, '2026-11-25T08:03')).toBe('000.00.06.H56-261125-0011');
    expect(lastOf('2026-11-25', 1)).toBe(11);
    expect(lastOf('2026-11-26', 1)).toBe(1);
  });

  it('spends no number on a save that rolls back (the code was never issued)', () => {
    const db = drizzle({ client: sqlite });
    expect(issue(1, 2, '2026-11-23T08:00')).toBe('000.00.06.H56-261123-0001');
    expect(() =>
      db.transaction(
        (tx) => {
          const got = allocateDossierCode(tx, req(1, 2, '2026-11-23T08:01'));
          expect(got.sequence).toBe(3);
          throw new Error('the dossier failed validation after the code was drawn');
        },
        { behavior: 'immediate' },
      ),
    ).toThrow('failed validation');
    expect(lastOf('2026-11-23', 1)).toBe(1);
    expect(issue(1, 2, '2026-11-23T08:02')).toBe('000.00.06.H56-261123-0003');
  });

  it('skips numbers whose code already exists in the database (from another configuration or from sync)', () => {
    const db = drizzle({ client: sqlite });
    db.transaction((tx) => {
      for (const n of ['0001', '0003', '0007']) insertDossier(tx, `${UNIT}-261123-${n}`);
    });
    expect(issue(1, 2, '2026-11-23T08:00')).toBe('000.00.06.H56-261123-0005');
    expect(issue(1, 2, '2026-11-23T08:01')).toBe('000.00.06.H56-261123-0009');
    expect(lastOf('2026-11-23', 1)).toBe(9);
  });

  it('after an admin changes the counters mid-day, still never issues a code this database holds', () => {
    // Counter 2 of 2 issues 2, 4, 6 …
    expect(['08:00', '08:01', '08:02'].map((t) => issue(2, 2, `2026-11-23T${t}`).slice(-4))).toEqual(['0002', '0004', '0006']);
    // … a third counter opens: counter 2 of 3 continues above 6 in its new class (n ≡ 2 mod 3).
    expect(issue(2, 3, '2026-11-23T09:00')).toBe('000.00.06.H56-261123-0008');
    // This machine is renumbered counter 1 of 2: a fresh sequence row, starting at 1 (that code is
    // not here, so it is issued; whether another machine holds it is what sync checks).
    expect(issue(1, 2, '2026-11-23T10:00')).toBe('000.00.06.H56-261123-0001');
    // Renumbered counter 2 of 4: its row says 8, so it continues at 10 — above every code it issued.
    expect(issue(2, 4, '2026-11-23T11:00')).toBe('000.00.06.H56-261123-0010');
    // Renumbered counter 4 of 4: a fresh row; 4 and 8 exist here and are skipped.
    expect(issue(4, 4, '2026-11-23T12:00')).toBe('000.00.06.H56-261123-0012');
    const codes = (sqlite.prepare('SELECT code FROM dossiers').all() as { code: string }[]).map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('together, the two counters of a unit use every number of a day once, then each refuses clearly', () => {
    const db = drizzle({ client: sqlite });
    const byCounter = new Map<number, number[]>();
    for (const counter of [1, 2]) {
      const got: number[] = [];
      // One transaction for the whole day keeps this test fast; the save does one per dossier.
      db.transaction((tx) => {
        for (;;) {
          try {
            got.push(allocateDossierCode(tx, req(counter, 2, '2026-11-23T08:00')).sequence);
          } catch (e) {
            expect((e as AppError).code).toBe('DOSSIER_CODES_EXHAUSTED');
            break;
          }
        }
      });
      byCounter.set(counter, got);
    }
    expect(byCounter.get(1)).toHaveLength(5000);
    expect(byCounter.get(2)).toHaveLength(4999);
    expect(byCounter.get(1)!.every((n) => counterOfSequence(n, 2) === 1)).toBe(true);
    expect(byCounter.get(2)!.every((n) => counterOfSequence(n, 2) === 2)).toBe(true);
    const all = [...byCounter.get(1)!, ...byCounter.get(2)!].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 9999 }, (_, i) => i + 1));
  });

  it('refuses past 9999 with a message that says which counter, which day, how many, and what to do; never wraps', () => {
    sqlite.prepare('INSERT INTO code_sequences (unit_code, date_key, counter_number, last_sequence) VALUES (?, ?, ?, ?)').run(UNIT, '2026-11-23', 2, 9996);
    expect(issue(2, 2, '2026-11-23T16:00')).toBe('000.00.06.H56-261123-9998');
    let error: unknown;
    try {
      issue(2, 2, '2026-11-23T16:01');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DOSSIER_CODES_EXHAUSTED');
    expect((error as AppError).message).toBe(
      'Quầy số 2 đã dùng hết 4.999 số hồ sơ của ngày 23/11/2026 (đơn vị có 2 quầy dùng chung dãy số 0001–9999 mỗi ngày). Hồ sơ này chưa được lưu. Hãy tiếp nhận ở quầy khác của đơn vị và báo quản trị viên; số đã cấp không bao giờ được dùng lại.',
    );
    expect(lastOf('2026-11-23', 2)).toBe(9998); // the refused save changed nothing
    expect(() => issue(2, 2, '2026-11-23T16:02')).toThrow(AppError); // and stays refused
    // Counter 1 still has its 9999; the next day is a fresh day.
    sqlite.prepare('INSERT INTO code_sequences (unit_code, date_key, counter_number, last_sequence) VALUES (?, ?, ?, ?)').run(UNIT, '2026-11-23', 1, 9997);
    expect(issue(1, 2, '2026-11-23T16:03')).toBe('000.00.06.H56-261123-9999');
    expect(() => issue(1, 2, '2026-11-23T16:04')).toThrow(/Quầy số 1 đã dùng hết 5\.000 số hồ sơ/);
    expect(issue(2, 2, '2026-11-24T07:30')).toBe('000.00.06.H56-261124-0002');
  });

  it('refuses when the last free numbers are all taken', () => {
    const db = drizzle({ client: sqlite });
    db.transaction((tx) => insertDossier(tx, `${UNIT}-261123-9999`));
    sqlite.prepare('INSERT INTO code_sequences (unit_code, date_key, counter_number, last_sequence) VALUES (?, ?, ?, ?)').run(UNIT, '2026-11-23', 1, 9997);
    expect(() => issue(1, 2, '2026-11-23T16:00')).toThrow(expect.objectContaining({ code: 'DOSSIER_CODES_EXHAUSTED' }));
  });

  it.each([
    [{ counterNumber: 3, countersInUnit: 2 }, 'số quầy phải từ 1 đến 2 (đang là 3)'],
    [{ counterNumber: 0, countersInUnit: 2 }, 'số quầy phải từ 1 đến 2'],
    [{ counterNumber: 1.5, countersInUnit: 2 }, 'số quầy phải từ 1 đến 2'],
    [{ countersInUnit: 0 }, 'số quầy của đơn vị phải từ 1 đến 99'],
    [{ countersInUnit: 100 }, 'số quầy của đơn vị phải từ 1 đến 99'],
    [{ unitCode: '000.00.06.h56' }, 'không đúng dạng 000.00.06.H56'],
    [{ unitCode: '000.00.06.H56-261123' }, 'không đúng dạng'],
    [{ unitCode: "x'; DROP TABLE dossiers; --" }, 'không đúng dạng'],
    [{ at: new Date('not a date') }, 'thời điểm tiếp nhận không hợp lệ'],
  ] as [Partial<CodeRequest>, string][])('refuses a bad request %j with a Vietnamese message', (bad, text) => {
    const db = drizzle({ client: sqlite });
    const request = { ...req(1, 2, '2026-11-23T08:00'), ...bad };
    try {
      db.transaction((tx) => allocateDossierCode(tx, request), { behavior: 'immediate' });
      expect.unreachable('must refuse');
    } catch (e) {
      expect((e as AppError).code).toBe('DOSSIER_CODE_SETUP_INVALID');
      expect((e as AppError).message).toContain(text);
      expect((e as AppError).message).toContain('quản trị viên');
    }
    expect(db.select().from(codeSequences).all()).toEqual([]);
  });

  it('writes codes the DOSSIER_CODE pattern accepts', () => {
    for (let i = 0; i < 20; i++) expect(issue(1, 3, `2026-11-23T08:${String(i).padStart(2, '0')}`)).toMatch(DOSSIER_CODE);
  });
});

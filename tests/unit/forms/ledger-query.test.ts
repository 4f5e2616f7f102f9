import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/core';
import type { DossierDetail } from '../../../src/shared/api/calls/dossiers';
import { createFormRenderer } from '../../../src/main/core/forms/form-renderer';
import { ledgerRows } from '../../../src/main/core/forms/ledger-query';
import { frozenClock, openTestCore, systemContext } from '../../support/core-fixture';
import { receiveSample } from '../../support/dossier-fixture';
import { projectRoot } from '../../support/host-process';
import { sampleOffice } from '../../support/office-fixture';
import { flat, pdfText, savePdf } from '../../support/pdf-tools';
import { makeTempDir } from '../../support/temp-dir';
import { ctx } from './form-fixtures';

// The ledger's rows come from the real database: received in [from, to) by Vietnamese days,
// in order, with the holder's address and how the result went back; read in pages.

const clerk = systemContext('clerk', 'lan.nt');
const NOV23 = { from: '2026-11-23', to: '2026-11-24' };

describe('ledger rows', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  const clock = frozenClock('2026-11-23T02:00:00Z');
  const call = async (m: string, input: unknown): Promise<DossierDetail> => {
    const r = await core.dispatch(m, input, clerk);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as DossierDetail;
  };
  const receiveAt = async (iso: string, overrides = {}) => {
    clock.set(iso);
    return receiveSample(core, clerk, overrides);
  };

  beforeEach(async () => {
    temp = makeTempDir();
    core = openTestCore(temp.dir, { clock });
    const setup = await core.dispatch('auth.setup', { admin: { username: 'quantri', fullName: 'Quản Trị', password: 'matkhau123' }, office: sampleOffice }, systemContext());
    expect(setup.ok).toBe(true);
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('reads the dossiers of the period in order, with address, deciding agency and return', async () => {
    await receiveAt('2026-11-22T16:59:59Z'); // 23:59:59 on the 22nd in Vietnam: before the period
    const morning = await receiveAt('2026-11-23T02:00:00Z');
    const afternoon = await receiveAt('2026-11-23T09:00:00Z', {
      applicant: { kind: 'person', fullName: 'Lê Văn Bình', idNumber: '001090099999', address: 'Số 3 phố Kim Mã, Hà Nội', phone: '0987 111 222' },
      role: 'representative',
      owner: { kind: 'person', fullName: 'Lê Thị Hoà', idNumber: '001190088888', address: 'Xóm Chùa, xã Tam Hưng, Hà Nội' },
    });
    await receiveAt('2026-11-23T17:00:00Z'); // 00:00 on the 24th: the end is exclusive
    clock.set('2026-11-23T09:30:00Z');
    const ready = await call('dossiers.transition', { id: morning.id, revision: morning.revision, action: 'resultReady' });
    await call('dossiers.transition', { id: morning.id, revision: ready.revision, action: 'returnResult', returnedTo: 'Nguyễn Văn An', returnMethod: 'post' });

    const db = new Database(core.databaseFile, { readonly: true });
    const rows = [...ledgerRows(db, NOV23)];
    db.close();
    expect(rows.map((r) => r.code)).toEqual([morning.code, afternoon.code]);
    expect(rows[0]).toMatchObject({
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      applicantName: 'Nguyễn Văn An',
      address: 'Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội',
      phone: '0912345678',
      receivedAt: '2026-11-23T02:00:00.000Z',
      returnedAt: '2026-11-23T09:30:00.000Z',
      returnedTo: 'Nguyễn Văn An',
      returnMethod: 'post',
      status: 10,
    });
    expect(rows[0]!.decidingAuthority).toBeTruthy();
    // A representative submitted: the ledger names the holder, at the holder's address.
    expect(rows[1]).toMatchObject({ applicantName: 'Lê Thị Hoà', address: 'Xóm Chùa, xã Tam Hưng, Hà Nội', returnedAt: null, status: 2 });

    const renderer = createFormRenderer({ resourcesDir: join(projectRoot, 'resources') });
    const db2 = new Database(core.databaseFile, { readonly: true });
    const pdf = await renderer.renderLedger(ledgerRows(db2, NOV23), NOV23, { paper: 'A4' }, ctx);
    db2.close();
    const text = flat(await pdfText(savePdf(temp.dir, 'ledger.pdf', pdf))).replace(/- /g, '-');
    expect(text).toContain('Ngày 23/11/2026');
    expect(text).toContain(`1 ${morning.code} Đăng ký khai sinh Nguyễn Văn An Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội; 0912345678`);
    expect(text).toContain('23/11/2026 09:00');
    expect(text).toContain('23/11/2026 16:30 Bưu chính');
    expect(text).toContain(`2 ${afternoon.code} Đăng ký khai sinh Lê Thị Hoà Xóm Chùa, xã Tam Hưng, Hà Nội`);
    expect(text).not.toContain('3 000.00.06.H56');
  });

  it('pages through thousands of rows by time and row, ties included, each once', async () => {
    core.close();
    const db = new Database(join(temp.dir, 'motcua.sqlite'));
    const insert = db.prepare(
      'INSERT INTO dossiers (id, code, applicant_name, procedure_name, received_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const base = Date.parse('2026-11-23T01:00:00Z');
    db.transaction(() => {
      // 1,234 rows, four to each millisecond (ties across the 500-row page boundaries), inserted out of order.
      for (let i = 1233; i >= 0; i--) {
        const at = base + Math.floor(i / 4);
        insert.run(`id-${i}`, `C-${String(i).padStart(4, '0')}`, `Người ${i}`, 'Thủ tục', at, at, at);
      }
    })();
    const codes = [...ledgerRows(db, NOV23)].map((r) => r.code);
    db.close();
    expect(codes).toHaveLength(1234);
    expect(new Set(codes).size).toBe(1234);
    // In time order; within one millisecond, in the order they were written (here: descending numbers).
    const numbers = codes.map((c) => Number(c!.slice(2)));
    const times = numbers.map((n) => Math.floor(n / 4));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (let k = 1; k < numbers.length; k++) if (times[k] === times[k - 1]) expect(numbers[k]).toBeLessThan(numbers[k - 1]!);
    core = openTestCore(temp.dir, { clock });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail, DossierSummary } from '../../src/shared/api/calls/dossiers';
import { DOSSIER_CODE } from '../../src/shared/dossier/status';
import type { DemoSeedSummary } from '../../src/main/cli/demo-seed';
import { systemClock } from '../../src/main/core/config';
import { openTestCore, systemContext } from '../support/core-fixture';
import { motcua } from '../support/motcua-cli';
import { makeTempDir } from '../support/temp-dir';

// `motcua demo seed` fills a training data dir through the app: set-up, accounts, dossiers
// received on several working days, some moved through the lifecycle, all audited.

const json = <T>(r: { status: number | null; stdout: string; stderr: string }): T => {
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as T;
};

describe('motcua demo seed', () => {
  const temp = makeTempDir('motcua-demo-');
  let summary: DemoSeedSummary;
  let list: DossierSummary[];
  beforeAll(() => {
    summary = json<DemoSeedSummary>(motcua(['--data-dir', temp.dir, '--json', 'demo', 'seed', '--dossiers', '30']));
    list = json<DossierSummary[]>(motcua(['--data-dir', temp.dir, '--json', 'dossier', 'list', '--limit', '200']));
  }, 60_000);
  afterAll(() => temp.cleanup());

  it('sets up the office, the admin and two clerks, with temporary passwords it prints', () => {
    expect(summary.setUp).toBe(true);
    expect(summary.office).toMatchObject({ unitCode: '000.00.06.H56', counterNumber: 1, countersInUnit: 2 });
    expect(summary.accounts.map((a) => [a.username, a.role])).toEqual([
      ['quantri', 'admin'],
      ['lan.nt', 'clerk'],
      ['hung.pv', 'clerk'],
    ]);
    for (const a of summary.accounts) expect(a.temporaryPassword).toMatch(/^(?=.*\p{L})(?=.*\d).{8,}$/u);
    expect(new Set(summary.accounts.map((a) => a.temporaryPassword)).size).toBe(3);
  });

  it('receives N dossiers over several recent working days, with codes of counter 1', () => {
    expect(summary.dossiers).toBe(30);
    expect(list).toHaveLength(30);
    expect(new Set(list.map((d) => d.code)).size).toBe(30);
    for (const d of list) {
      expect(d.code).toMatch(DOSSIER_CODE);
      expect(Number(d.code!.slice(-4)) % 2).toBe(1); // counter 1 of 2 takes the odd numbers
    }
    expect(summary.days.length).toBeGreaterThanOrEqual(3);
    expect(new Set(list.map((d) => d.code!.split('-')[1])).size).toBe(summary.days.length);
    // Newest first.
    expect(list.map((d) => d.code)).toEqual([...list.map((d) => d.code)].sort().reverse());
  });

  it('spreads the dossiers over the lifecycle', () => {
    const statuses = new Set(list.map((d) => d.status));
    for (const s of [2, 3, 5, 7, 9, 10]) expect(statuses).toContain(s);
    expect(Object.values(summary.byStatus).reduce((a, b) => a + b, 0)).toBe(30);
    expect(summary.transitions).toBeGreaterThan(10);
  });

  it('opens every dossier, with its history in the audit log attributed to the clerks', async () => {
    const core = openTestCore(temp.dir, { clock: systemClock });
    const actions = new Set<string>();
    try {
      for (const s of list) {
        const r = await core.dispatch('dossiers.get', { idOrCode: s.code }, systemContext());
        if (!r.ok) throw new Error(r.error.message);
        const d = r.value as DossierDetail;
        expect(d).toMatchObject({ id: s.id, code: s.code, status: s.status });
        expect(d.applicant?.fullName).toBeTruthy();
        expect(d.checklist.length).toBeGreaterThan(0);
        expect(d.history[0]).toMatchObject({ action: 'dossier.receive', toStatus: 2 });
        expect(d.history).toHaveLength(d.revision);
        expect(d.history.at(-1)!.toStatus).toBe(d.status);
        for (const h of d.history) {
          expect(['lan.nt', 'hung.pv']).toContain(h.actor);
          actions.add(h.action);
        }
        // Steps in time order, after the receipt, never in the future, in counter hours.
        const times = d.history.map((h) => Date.parse(h.at));
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(times.at(-1)!).toBeLessThanOrEqual(Date.now());
        for (const t of times) {
          const minutes = ((t + 7 * 3_600_000) % 86_400_000) / 60_000;
          expect(minutes >= 7 * 60 && minutes <= 17 * 60).toBe(true);
        }
        if (d.status === 10) expect(d.history.at(-1)!.note).toBeTruthy(); // handed to whom
        if (d.status === 5) expect(d.pausedAt).not.toBeNull();
      }
    } finally {
      core.close();
    }
    for (const a of ['dossier.receive', 'dossier.refuse', 'dossier.requestSupplement', 'dossier.supplementReceived', 'dossier.withdraw', 'dossier.resultReady', 'dossier.returnResult']) {
      expect(actions).toContain(a);
    }
    const verify = motcua(['--data-dir', temp.dir, '--json', 'audit', 'verify']);
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    expect(JSON.parse(verify.stdout).entries).toBeGreaterThan(30 + summary.transitions);
  });

  it('refuses to seed a data dir that already has dossiers, unless --force', () => {
    const again = motcua(['--data-dir', temp.dir, 'demo', 'seed', '--dossiers', '5']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('đã có hồ sơ');
    const asJson = motcua(['--data-dir', temp.dir, '--json', 'demo', 'seed', '--dossiers', '5']);
    expect(asJson.status).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, error: { code: 'DEMO_SEED_REFUSED' } });
    expect(json<DossierSummary[]>(motcua(['--data-dir', temp.dir, '--json', 'dossier', 'list', '--limit', '200']))).toHaveLength(30);

    const forced = json<DemoSeedSummary>(motcua(['--data-dir', temp.dir, '--json', 'demo', 'seed', '--dossiers', '5', '--force']));
    expect(forced).toMatchObject({ setUp: false, accounts: [], dossiers: 5 });
    const after = json<DossierSummary[]>(motcua(['--data-dir', temp.dir, '--json', 'dossier', 'list', '--limit', '200']));
    expect(after).toHaveLength(35);
    expect(new Set(after.map((d) => d.code)).size).toBe(35);
  });

  it('checks its arguments', () => {
    const bad = motcua(['--data-dir', temp.dir, 'demo', 'seed', '--dossiers', 'nhiều']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--dossiers');
  });
});

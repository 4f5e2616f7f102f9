import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSeedSummary } from '../../src/main/cli/demo-seed';
import type { DossierDetail, DossierSummary } from '../../src/shared/api/calls/dossiers';
import { vnDateKey } from '../../src/shared/time/vn-time';
import { motcua } from '../support/motcua-cli';
import { makeTempDir } from '../support/temp-dir';

// `motcua dossier list|show` for admins' scripts: JSON with --json, Vietnamese text without.

const run = (dir: string, args: string[]) => motcua(['--data-dir', dir, ...args]);
const json = <T>(r: { status: number | null; stdout: string; stderr: string }): T => {
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as T;
};

describe('motcua dossier list / show', () => {
  const temp = makeTempDir('motcua-dossier-cli-');
  let seeded: DemoSeedSummary;
  let all: DossierSummary[];
  beforeAll(() => {
    seeded = json<DemoSeedSummary>(run(temp.dir, ['--json', 'demo', 'seed', '--dossiers', '12', '--days', '3']));
    all = json<DossierSummary[]>(run(temp.dir, ['--json', 'dossier', 'list']));
  }, 60_000);
  afterAll(() => temp.cleanup());

  it('lists the unit’s dossiers as JSON summaries, newest first', () => {
    expect(all).toHaveLength(12);
    for (const d of all) {
      expect(Object.keys(d).sort()).toEqual(['applicantName', 'code', 'dueAt', 'id', 'procedureName', 'receivedAt', 'status']);
      expect(d.code).toMatch(/^000\.00\.06\.H56-\d{6}-\d{4}$/);
    }
    expect(all.map((d) => d.code)).toEqual([...all.map((d) => d.code)].sort().reverse());
    expect(all[0]!.code).toBe(seeded.lastCode);
    expect(all.at(-1)!.code).toBe(seeded.firstCode);
    expect(json<DossierSummary[]>(run(temp.dir, ['--json', 'dossier', 'list', '--limit', '3']))).toEqual(all.slice(0, 3));
  });

  it('filters by status and lists today’s intake', () => {
    for (const [status, n] of Object.entries(seeded.byStatus)) {
      const rows = json<DossierSummary[]>(run(temp.dir, ['--json', 'dossier', 'list', '--status', status]));
      expect(rows).toHaveLength(n);
      expect(rows.every((d) => d.status === Number(status))).toBe(true);
    }
    const today = json<DossierSummary[]>(run(temp.dir, ['--json', 'dossier', 'list', '--today']));
    const todayKey = vnDateKey(new Date());
    expect(today).toEqual(all.filter((d) => vnDateKey(new Date(d.receivedAt)) === todayKey));
  });

  it('shows one dossier by code as JSON, and as text', () => {
    const first = all.at(-1)!;
    const d = json<DossierDetail>(run(temp.dir, ['--json', 'dossier', 'show', first.code!]));
    expect(d).toMatchObject({ ...first, procedure: { name: first.procedureName }, receivingUnit: { code: '000.00.06.H56' } });
    expect(d.history[0]).toMatchObject({ action: 'dossier.receive' });
    // Lower case and stray spaces, as typed or scanned.
    expect(json<DossierDetail>(run(temp.dir, ['--json', 'dossier', 'show', ` ${first.code!.toLowerCase()} `])).id).toBe(d.id);

    const text = run(temp.dir, ['dossier', 'show', first.code!]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`Mã hồ sơ: ${first.code}`);
    expect(text.stdout).toContain('Quá trình:');
    expect(text.stdout).toContain('Tiếp nhận hồ sơ');
    const list = run(temp.dir, ['dossier', 'list', '--limit', '2']);
    expect(list.stdout).toContain(all[0]!.code!);
    expect(list.stdout).toContain('2 hồ sơ');
  });

  it('says clearly what is wrong, as JSON with --json', () => {
    const missing = run(temp.dir, ['--json', 'dossier', 'show', '000.00.06.H56-991231-0001']);
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'DOSSIER_NOT_FOUND' } });
    expect(missing.stderr).toContain('Không tìm thấy hồ sơ');

    const badStatus = run(temp.dir, ['dossier', 'list', '--status', '11']);
    expect(badStatus.status).toBe(2);
    expect(badStatus.stderr).toContain('Mã trạng thái "11" không hợp lệ');
    expect(run(temp.dir, ['dossier', 'list', '--limit', '0']).status).toBe(2);
    expect(run(temp.dir, ['dossier', 'list', '--limit', '201']).status).toBe(2);

    const empty = makeTempDir('motcua-dossier-cli-empty-');
    try {
      const r = run(empty.dir, ['dossier', 'list']);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('chưa được thiết lập');
    } finally {
      empty.cleanup();
    }
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/host-process';
import { CARD, VIETNAMESE } from './fixtures';
import { simulateIme } from './ime-sim';
import { motcua as runMotcua } from '../../support/motcua-cli';

// No data dir is needed (nor touched): point it somewhere that does not exist.
const noDataDir = { MOTCUA_DATA_DIR: join(projectRoot, 'node_modules/.cache/motcua-no-data-dir') };
const motcua = (args: string[], input?: string) => runMotcua(args, { input, env: noDataDir });
describe('motcua id parse', () => {
  it('prints the parsed fields as JSON and exits 0', () => {
    const r = motcua(['id', 'parse', CARD.qr, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, record: CARD.record, warnings: [] });
  });

  it('prints JSON without --json too (an admin testing a scanner), and takes --json before the command', () => {
    expect(JSON.parse(motcua(['id', 'parse', CARD.qr]).stdout)).toMatchObject({ record: CARD.record });
    expect(JSON.parse(motcua(['--json', 'id', 'parse', CARD.qr]).stdout)).toMatchObject({ record: CARD.record });
  });

  it('reads the text from stdin with "-" (a scanner typing into the terminal ends with Enter)', () => {
    const r = motcua(['id', 'parse', '-', '--json'], `${CARD.qr}\n`);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, record: CARD.record });
  });

  it('prints the errors and exits 1: JSON on stdout with --json, Vietnamese on stderr', () => {
    const r = motcua(['id', 'parse', "<script>x</script>|'; DROP TABLE x;--|a|b|c|d|e", '--json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; errors: { code: string; message: string }[] };
    expect(out.ok).toBe(false);
    expect(out.errors.map((e) => e.code)).toContain('ID_NOT_DIGITS');
    expect(r.stdout).not.toMatch(/script|DROP/);
    expect(r.stderr).toMatch(VIETNAMESE);
    const human = motcua(['id', 'parse', simulateIme(CARD.qr, 'vni')]);
    expect(human.status).toBe(1);
    expect(human.stdout).toBe('');
    expect(human.stderr).toContain('bộ gõ tiếng Việt');
  });
});

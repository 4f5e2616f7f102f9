import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_LIMITS } from '../../src/main/core/sync/protocol';
import { startProvince, type Province } from '../doubles/province/province-server';
import { makeTempDir } from '../support/temp-dir';

// The plain-HTTP baseline route of the provincial double (PUT /_bench/plain/{name}), which the
// sync-upload benchmark compares the resumable upload with: it must really store what it is
// sent, and refuse what it cannot take, or the comparison would be with nothing.

const opened: { province: Province; cleanup(): void }[] = [];

afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.province.stop();
    o.cleanup();
  }
});

async function province() {
  const temp = makeTempDir('motcua-province-');
  const p = await startProvince({ dataDir: temp.dir });
  opened.push({ province: p, cleanup: temp.cleanup });
  return { p, dir: temp.dir, origin: new URL(p.url).origin };
}

describe('the double’s plain upload route', () => {
  it('stores the body whole under its name, and a second PUT replaces it', async () => {
    const { dir, origin } = await province();
    const first = randomBytes(300 * 1024);
    const res = await fetch(`${origin}/_bench/plain/file-1`, { method: 'PUT', body: first });
    expect(res.status).toBe(204);
    expect(readFileSync(join(dir, 'bench-plain', 'file-1')).equals(first)).toBe(true);

    const second = randomBytes(1000);
    expect((await fetch(`${origin}/_bench/plain/file-1`, { method: 'PUT', body: second })).status).toBe(204);
    expect(readFileSync(join(dir, 'bench-plain', 'file-1')).equals(second)).toBe(true);
    // No temporary file is left beside it.
    expect(readdirSync(join(dir, 'bench-plain'))).toEqual(['file-1']);
  });

  it('refuses names that could leave its folder, other methods and bodies over the file limit', async () => {
    const { p, dir, origin } = await province();
    const refused = async (path: string, init: RequestInit) => {
      const res = await fetch(`${origin}${path}`, init);
      return { status: res.status, body: (await res.json()) as { error: string } };
    };
    expect((await refused('/_bench/plain/..%2Fprovince.sqlite', { method: 'PUT', body: 'x' })).status).toBe(400);
    expect((await refused('/_bench/plain/a.b', { method: 'PUT', body: 'x' })).body.error).toBe('bad_name');
    expect((await refused('/_bench/plain/ok', { method: 'GET' })).status).toBe(405);
    // Announced too big: answered before a byte of the body is read.
    const tooBig = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${origin}/_bench/plain/big`, { method: 'PUT', headers: { 'content-length': String(SYNC_LIMITS.fileMax + 1) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('x');
    });
    expect(tooBig).toBe(413);
    expect(existsSync(join(dir, 'bench-plain', 'ok'))).toBe(false);
    expect(p.stats().byRoute['PUT /_bench/plain']).toBeGreaterThanOrEqual(3);
  });
});

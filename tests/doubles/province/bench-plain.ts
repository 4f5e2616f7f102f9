import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SYNC_LIMITS } from '../../../src/main/core/sync/protocol';
import { HttpError, sendEmpty, type Exchange } from './http-util';
import { fsyncDir } from './fsync-dir';

// PUT /_bench/plain/{name}: the request body written to a file, and nothing else. The baseline
// the sync-upload benchmark (bench/suites/sync-upload.ts) sets beside the protocol's resumable
// upload, on the same server and disk. Durability is the same as PATCH /files/{sha256}
// (motcua-routes.ts): the bytes are fsynced under a temporary name, renamed into place and the
// directory fsynced. What it leaves out is the protocol: no token, no offer, no offsets, no
// hash check, no SQLite bookkeeping. Not part of motcua-sync/1 and never offered to counters.

export const BENCH_PLAIN_BASE = '/_bench/plain/';

const NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** Handles a path under BENCH_PLAIN_BASE; files go to DATA/bench-plain/. */
export async function handleBenchPlain(ex: Exchange, dataDir: string, method: string, name: string): Promise<void> {
  if (method !== 'PUT') throw new HttpError(405, 'method_not_allowed', 'only PUT', { Allow: 'PUT' });
  if (!NAME.test(name)) throw new HttpError(400, 'bad_name', 'the name must be 1–128 of A–Z a–z 0–9 _ -');
  const announced = Number(ex.req.headers['content-length'] ?? NaN);
  if (Number.isFinite(announced) && announced > SYNC_LIMITS.fileMax) throw new HttpError(413, 'too_large', `files are limited to ${SYNC_LIMITS.fileMax} bytes`);
  const dir = join(dataDir, 'bench-plain');
  await mkdir(dir, { recursive: true });
  const target = join(dir, name);
  const part = `${target}.part`;
  let written = 0;
  const fh = await open(part, 'w');
  try {
    for await (const chunk of ex.req as AsyncIterable<Buffer>) {
      written += chunk.length;
      if (written > SYNC_LIMITS.fileMax) throw new HttpError(413, 'too_large', `files are limited to ${SYNC_LIMITS.fileMax} bytes`);
      await fh.write(chunk);
    }
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(part, { force: true });
    // The client went away mid-body: nothing to answer.
    if (e instanceof HttpError) throw e;
    return;
  }
  await fh.close();
  await rename(part, target);
  await fsyncDir(dir);
  sendEmpty(ex, 204, { 'X-Bytes-Written': String(written) });
}

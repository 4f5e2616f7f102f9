import { readFile } from 'node:fs/promises';

// The baseline of the sync-upload suite: the same files sent to the same server as plain HTTP
// PUTs (PUT /_bench/plain/{sha256}, tests/doubles/province/bench-plain.ts: body to a file,
// fsync, rename, directory fsync), with Node's fetch like the sync's adapter and the same number
// of uploads in flight as the engine's uploadConcurrency. No protocol: no token, no offer, no
// offsets, no hash check; each file read whole and sent in one request.

export interface PlainUploadResult {
  files: number;
  bytes: number;
  ms: number;
}

export async function plainUpload(origin: string, files: readonly { sha256: string; path: string }[], concurrency: number): Promise<PlainUploadResult> {
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!;
      const body = await readFile(f.path);
      const res = await fetch(`${origin}/_bench/plain/${f.sha256}`, { method: 'PUT', body, headers: { 'content-type': 'application/octet-stream' } });
      await res.arrayBuffer();
      if (res.status !== 204) throw new Error(`PUT /_bench/plain/${f.sha256}: ${res.status}`);
      bytes += body.byteLength;
    }
  };
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, worker));
  return { files: files.length, bytes, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

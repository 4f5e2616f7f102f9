import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../src/main/core/doctor/doctor';
import { projectRoot } from '../support/host-process';
import { makeTempDir } from '../support/temp-dir';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// `npm start` without Electron's binary (as on these machines): one line saying so, then browser
// mode on the port PORT names, opening no window with BROWSER=none.
describe('npm start', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it.runIf(electronBinary(projectRoot) === null)('falls back to browser mode on PORT, says so, and serves the app', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts/start.ts')], {
      cwd: projectRoot,
      env: { ...process.env, PORT: String(port), BROWSER: 'none', MOTCUA_DATA_DIR: temp.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const lines: string[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line: ${lines.join('\n')}`)), 110_000);
        createInterface({ input: child.stdout! }).on('line', (line) => {
          lines.push(line);
          if (line.includes('đang chạy ở chế độ trình duyệt')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${lines.join('\n')}`)));
      });
      expect(lines).toContain('Không tìm thấy Electron trên máy này; chạy ở chế độ trình duyệt.');
      expect(lines.at(-1)).toBe(`Một Cửa Desk đang chạy ở chế độ trình duyệt: http://127.0.0.1:${port}`);
      // BROWSER=none: the address is not printed for opening by hand either.
      expect(lines.join('\n')).not.toContain('/auth?token=');
      // Served, and guarded: the page without the secret is refused.
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './host-process';

/** Runs `motcua ARGS` as an admin would (`npm run motcua -- ARGS`), on the test runner's Node. */
export function motcua(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/main/cli/index.ts'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    input: opts.input,
    env: { ...process.env, BROWSER: 'none', ...opts.env },
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The same, without blocking this process's event loop: for commands that talk to a server the
 * test itself runs (the provincial double).
 */
export function motcuaAsync(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/main/cli/index.ts'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, BROWSER: 'none', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

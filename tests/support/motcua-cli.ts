import { spawnSync } from 'node:child_process';
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

// `npm start` / `npm run dev`: the desktop app where Electron's binary is installed, otherwise
// browser mode (saying so in one line). Extra arguments go to the host, e.g. `-- --data-dir D`.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary } from '../src/main/core/doctor/doctor';
import { findProjectRoot } from '../src/main/core/runtime/paths';
import { vi } from '../src/shared/i18n/vi';

const root = findProjectRoot(__dirname);
const dev = process.argv.includes('--dev');
const passThrough = process.argv.slice(2).filter((a) => a !== '--dev');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

function run(cmd: string, args: string[]): never {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return undefined as never;
}

if (electronBinary(root)) {
  run(bin('electron-vite'), [dev ? 'dev' : 'preview', ...(passThrough.length ? ['--', ...passThrough] : [])]);
} else {
  console.log(vi.host.noElectron);
  if (!dev) {
    // Browser mode serves the same renderer build the desktop app loads.
    const build = spawnSync(bin('electron-vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  run(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/index.ts'), 'serve', ...(dev ? ['--dev'] : []), ...passThrough]);
}

import { join } from 'node:path';
import type { Command } from 'commander';
import { runDoctor } from '../../core/doctor/doctor';
import { findProjectRoot } from '../../core/runtime/paths';
import { printResult } from '../output';
import type { GlobalOptions } from '../global-options';

const MARK = { ok: '✔', warn: '!', missing: '✘', error: '✘' } as const;

export function registerDoctor(program: Command, globals: () => GlobalOptions): void {
  program
    .command('doctor')
    .description('Kiểm tra máy này: Electron, trình duyệt, máy in, máy quét, phông chữ, dữ liệu')
    .action(() => {
      const { dataDir, json } = globals();
      const projectRoot = findProjectRoot();
      const checks = runDoctor({ projectRoot, dataDir, migrationsDir: join(projectRoot, 'migrations') });
      printResult(json, { checks }, () => checks.map((c) => `${MARK[c.status]} ${c.label}: ${c.detail}`).join('\n'));
      if (checks.some((c) => c.status === 'error')) process.exitCode = 1;
    });
}

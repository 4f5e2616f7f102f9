import type { Command } from 'commander';
import { createCore } from '../../core/core';
import { nodeHostConfig } from '../../core/runtime/node-config';
import { printResult } from '../output';
import type { GlobalOptions } from '../global-options';

export function registerMigrate(program: Command, globals: () => GlobalOptions): void {
  program
    .command('migrate')
    .description('Tạo hoặc nâng cấp cơ sở dữ liệu lên phiên bản của ứng dụng (sao lưu trước khi nâng cấp)')
    .action(() => {
      const { dataDir, json } = globals();
      const core = createCore(nodeHostConfig('cli', dataDir));
      try {
        const { from, to, backupFile } = core.migration;
        printResult(json, { databaseFile: core.databaseFile, from, to, backupFile }, () =>
          from === to
            ? `CSDL ${core.databaseFile} đã ở phiên bản ${to}.`
            : `Đã nâng cấp CSDL ${core.databaseFile} từ phiên bản ${from} lên ${to}.${backupFile ? ` Bản sao lưu: ${backupFile}` : ''}`,
        );
      } finally {
        core.close();
      }
    });
}

import type { Command } from 'commander';
import { contract } from '../../../shared/api/contract';
import { callCore } from '../call-core';
import { fail, printResult } from '../output';
import type { GlobalOptions } from '../global-options';

/**
 * The CLI's transport: any call of the contract, in-process, through the same dispatcher as the
 * UI (validation, errors, audit attribution). Adding a call to the contract needs nothing here.
 */
export function registerCall(program: Command, globals: () => GlobalOptions): void {
  program
    .command('call')
    .description(`Gọi một thao tác của ứng dụng với dữ liệu JSON (${Object.keys(contract).join(', ')})`)
    .argument('<method>', 'tên thao tác, ví dụ dossiers.today')
    .argument('[input]', 'dữ liệu vào dạng JSON', '{}')
    .action(async (method: string, inputText: string) => {
      const { dataDir, json } = globals();
      let input: unknown;
      try {
        input = JSON.parse(inputText);
      } catch {
        fail(`Dữ liệu vào không phải JSON hợp lệ: ${inputText.slice(0, 80)}`);
      }
      const value = await callCore({ dataDir, json }, method, input);
      printResult(json, value, () => JSON.stringify(value, null, 2));
    });
}

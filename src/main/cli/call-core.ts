import type { Method, Output } from '../../shared/api/contract';
import { createCore } from '../core/core';
import { nodeHostConfig } from '../core/runtime/node-config';
import { cliContext } from './cli-context';
import { fail, printResult } from './output';
import type { GlobalOptions } from './global-options';

/**
 * Runs one call through the core's dispatcher as the CLI's admin, exactly as the UI's calls run
 * (validation, audit). On an error: the error body as JSON with --json, the Vietnamese message
 * on stderr, exit code 1.
 */
export async function callCore<M extends Method>(globals: GlobalOptions, method: M | string, input: unknown): Promise<Output<M>> {
  const core = createCore(nodeHostConfig('cli', globals.dataDir));
  try {
    const result = await core.dispatch(method, input, cliContext());
    if (!result.ok) {
      if (globals.json) printResult(true, result, () => '');
      fail(result.error.message);
    }
    return result.value as Output<M>;
  } finally {
    core.close();
  }
}

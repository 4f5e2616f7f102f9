import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecFile } from '../../../src/main/core/printing/cups-driver';

// A stand-in for execFile that answers from captured output, so the drivers' parsing and their
// decisions can be checked without the real tools (the CUPS driver also has an integration test
// against a real cupsd; the Windows driver cannot run here at all).

export interface Reply {
  stdout?: string;
  stderr?: string;
  /** Non-zero exit code, or 'ENOENT' for a program that is not installed. */
  code?: number | 'ENOENT';
}

export interface Call {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export function fakeExecFile(answer: (file: string, args: string[], env: NodeJS.ProcessEnv) => Reply): ExecFile & { calls: Call[] } {
  const calls: Call[] = [];
  const fn: ExecFile = (file, args, options) => {
    calls.push({ file, args: [...args], env: options.env });
    const reply = answer(file, [...args], options.env);
    if (reply.code === undefined || reply.code === 0) return Promise.resolve({ stdout: reply.stdout ?? '', stderr: reply.stderr ?? '' });
    const error = Object.assign(new Error(reply.code === 'ENOENT' ? `spawn ${file} ENOENT` : `Command failed: ${file}`), {
      code: reply.code,
      stdout: reply.stdout ?? '',
      stderr: reply.stderr ?? '',
    });
    return Promise.reject(error);
  };
  return Object.assign(fn, { calls });
}

/** A file captured by capture-cups.ts: stdout, then optionally "--- stderr ---" and "--- exit N ---". */
export function cupsFixture(name: string): Reply {
  const text = readFileSync(join(__dirname, 'fixtures', 'cups', name), 'utf8');
  const exit = /--- exit (\d+) ---\n?$/.exec(text);
  const body = exit ? text.slice(0, exit.index) : text;
  const [stdout = '', stderr = ''] = body.split('--- stderr ---\n');
  return { stdout, stderr, code: exit ? Number(exit[1]) : 0 };
}

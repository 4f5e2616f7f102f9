import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counterOfSequence, parseDossierCode } from '../../../src/shared/dossier/code';
import { DOSSIER_CODE } from '../../../src/shared/dossier/status';
import { projectRoot } from '../../support/host-process';
import { makeTempDir } from '../../support/temp-dir';
import { UNIT, workingDays } from './fixtures';

// The must-show of issue 3: "Two counters of one unit, both offline, issue 5,000 codes each at
// the same time: no duplicate." Each counter is a real process with its own data dir — its own
// machine, its own database, no network, nothing shared — created by the real core so the schema
// is the app's. Both start receiving at the same moment (a barrier: each says "ready", then both
// get "go") and save one dossier per immediate transaction, as the dossier save does.
//
// Why 1,000 a day over five working days rather than 5,000 in one day: a unit and day have only
// the numbers 0001–9999, so with two counters (interleaved, see docs/dossier-codes.md) counter 1
// can issue 5,000 codes a day and counter 2 only 4,999 — 5,000 each cannot fit in one day for
// the unit. Spreading over several days also checks that each day restarts each counter's class.
// (allocator.test.ts fills one whole day: 5,000 + 4,999 = every number once, then a refusal.)

const COUNTERS_IN_UNIT = 2;
const DAYS = 5;
const PER_DAY = 1000;

interface Machine {
  child: ChildProcess;
  ready: Promise<string>;
  /** "START END" of the receiving loop, in epoch ms. */
  done: Promise<string>;
  outFile: string;
}

function startMachine(dir: string, counter: number): Machine {
  const outFile = join(dir, `codes-counter-${counter}.txt`);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(projectRoot, 'tests/unit/dossier-codes/counter-machine.ts'),
      join(dir, `counter-${counter}`),
      String(counter),
      String(COUNTERS_IN_UNIT),
      outFile,
      String(DAYS),
      String(PER_DAY),
    ],
    { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout! });
  const said = (word: string) =>
    new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        const [first, ...rest] = line.trim().split(' ');
        if (first === word) resolve(rest.join(' '));
      });
      child.once('exit', (code) => reject(new Error(`counter ${counter} exited ${code} before "${word}": ${stderr}`)));
    });
  return { child, ready: said('ready'), done: said('done'), outFile };
}

describe('two counters of one unit, both offline, at the same time', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const machines: Machine[] = [];
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => {
    for (const m of machines.splice(0)) if (m.child.exitCode === null && m.child.signalCode === null) m.child.kill('SIGKILL');
    temp.cleanup();
  });

  it(
    'issue 5,000 codes each: no duplicate, all well-formed, each counter in its own class',
    async () => {
      machines.push(startMachine(temp.dir, 1), startMachine(temp.dir, 2));
      await Promise.all(machines.map((m) => m.ready));
      for (const m of machines) m.child.stdin!.write('go\n');
      const spans = (await Promise.all(machines.map((m) => m.done))).map((s) => s.split(' ').map(Number));
      // They really ran at the same time: each started before the other finished.
      expect(Math.max(...spans.map(([start]) => start!))).toBeLessThan(Math.min(...spans.map(([, end]) => end!)));

      const issued = machines.map((m) => readFileSync(m.outFile, 'utf8').trim().split('\n'));
      expect(issued.map((codes) => codes.length)).toEqual([5000, 5000]);
      const all = issued.flat();
      expect(all).toHaveLength(10_000);
      expect(new Set(all).size).toBe(10_000);
      for (const code of all) expect(code).toMatch(DOSSIER_CODE);

      issued.forEach((codes, i) => {
        const counter = i + 1;
        const parsed = codes.map((c) => parseDossierCode(c)!);
        expect(parsed.every((p) => p.unitCode === UNIT)).toBe(true);
        expect(parsed.every((p) => counterOfSequence(p.sequence, COUNTERS_IN_UNIT) === counter)).toBe(true);
        for (const day of workingDays) {
          // Each day, the counter's k-th code is number counter + 2(k − 1): 1, 3, …, 1999 / 2, 4, …, 2000.
          const seqs = parsed.filter((p) => p.dateKey === day).map((p) => p.sequence);
          expect(seqs).toEqual(Array.from({ length: PER_DAY }, (_, k) => counter + COUNTERS_IN_UNIT * k));
        }
      });
    },
    180_000,
  );
});

// One counter machine of the two-counter test (two-counters.test.ts), run as its own process:
//   node --import tsx counter-machine.ts DATA_DIR COUNTER COUNTERS_IN_UNIT OUT_FILE DAYS PER_DAY
// It creates its own data dir with the real core (schema migrated exactly as the app does),
// says "ready", waits for "go" on stdin so both machines start together, then receives
// DAYS × PER_DAY dossiers — one immediate transaction each, as the dossier save does: the code
// allocation and the dossier row commit together — writes the codes it issued, one a line, and
// says "done START END" (epoch ms) so the test can check that the two machines overlapped.
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createCore, databaseFileIn } from '../../../src/main/core/core';
import { openDatabase } from '../../../src/main/core/db/open';
import { dossiers } from '../../../src/main/core/db/schema';
import { allocateDossierCode } from '../../../src/main/core/dossiers/code-allocator';
import { testConfig } from '../../support/core-fixture';
import { UNIT, workingDays } from './fixtures';

const [dataDir, counterArg, countersArg, outFile, daysArg, perDayArg] = process.argv.slice(2) as [string, string, string, string, string, string];
const counterNumber = Number(counterArg);
const countersInUnit = Number(countersArg);
const days = workingDays.slice(0, Number(daysArg));
const perDay = Number(perDayArg);

createCore(testConfig(dataDir)).close(); // a fresh counter: its data dir, lock, migrated schema
const sqlite = openDatabase(databaseFileIn(dataDir));
const db = drizzle({ client: sqlite });

function receive(at: Date, i: number): string {
  return db.transaction(
    (tx) => {
      const { code, sequence } = allocateDossierCode(tx, { unitCode: UNIT, counterNumber, countersInUnit, at });
      tx.insert(dossiers)
        .values({
          id: `c${counterNumber}-${at.getTime()}-${i}`,
          applicantName: 'Nguyễn Văn An',
          procedureName: 'Chứng thực bản sao từ bản chính',
          receivedAt: at,
          createdAt: at,
          updatedAt: at,
          code,
          unitCode: UNIT,
          counterNumber,
          sequence,
        })
        .run();
      return code;
    },
    { behavior: 'immediate' },
  );
}

console.log('ready');
createInterface({ input: process.stdin }).once('line', () => {
  const started = Date.now();
  const codes: string[] = [];
  for (const day of days) {
    // From 08:00 in Vietnam (01:00 UTC), one dossier every 20 seconds.
    const start = Date.parse(`${day}T01:00:00Z`);
    for (let i = 0; i < perDay; i++) codes.push(receive(new Date(start + i * 20_000), codes.length));
  }
  sqlite.close();
  writeFileSync(outFile, codes.join('\n') + '\n');
  console.log(`done ${started} ${Date.now()}`);
  process.exit(0);
});

// npm run bench:generate -- --data-dir DIR --dossiers N [--days D] [--seed S] [--now ISO]
// Creates a data dir with the app's real schema and N generated dossiers (see
// bench/lib/generate-dossiers.ts). --now fixes "today" for a fully reproducible database.

import { parseOrExit } from './lib/cli';
import { generateDataset } from './lib/generate-dossiers';
import { intOption, stringOption } from './lib/suite';

const usage = 'usage: npm run bench:generate -- --data-dir DIR --dossiers N [--days 365] [--seed 1] [--now ISO-INSTANT]';
const values = parseOrExit(
  { 'data-dir': { type: 'string' }, dossiers: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, now: { type: 'string' } },
  usage,
);
const dataDir = stringOption(values, 'data-dir');
const nowText = stringOption(values, 'now');
const now = nowText ? new Date(nowText) : new Date();
if (!dataDir || values.dossiers === undefined || Number.isNaN(now.getTime())) {
  console.error(usage);
  process.exit(2);
}

async function main(dataDir: string): Promise<void> {
  const total = intOption(values, 'dossiers', 0);
  let lastReport = 0;
  const result = await generateDataset({
    dataDir,
    dossiers: total,
    days: intOption(values, 'days', 365),
    seed: intOption(values, 'seed', 1),
    now,
    onProgress(done) {
      // A line every ~10 %, not per batch.
      if (done === total || done - lastReport >= total / 10) {
        lastReport = done;
        process.stdout.write(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')}\n`);
      }
    },
  });
  console.log(
    [
      `database     ${result.databaseFile}`,
      `dossiers     ${result.rows.toLocaleString('en')} (${result.todayCount.toLocaleString('en')} today, ${result.manifest.vnDate})`,
      `applicants   ${result.applicants.toLocaleString('en')}`,
      `setup        ${result.migrateMs.toFixed(0)} ms (migrate, catalogue, office, calendar)`,
      `insert       ${(result.insertMs / 1000).toFixed(2)} s (${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s; SQLite ${(result.writeMs / 1000).toFixed(2)} s, generating ${((result.insertMs - result.writeMs) / 1000).toFixed(2)} s)`,
      `indexes      ${(result.indexMs / 1000).toFixed(2)} s (secondary indexes + name search rebuilt)`,
      `total        ${(result.totalMs / 1000).toFixed(2)} s`,
      `size         ${(result.databaseBytes / 2 ** 20).toFixed(0)} MiB`,
      `peak RSS     ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    ].join('\n'),
  );
}

main(dataDir).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});

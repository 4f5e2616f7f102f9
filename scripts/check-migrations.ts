// Fails when src/main/core/db/schema.ts has changes that no committed migration carries:
// drizzle-kit generates against a copy of migrations/ and must find nothing to write.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'motcua-migrations-'));
try {
  cpSync(join(root, 'migrations'), join(work, 'migrations'), { recursive: true });
  const config = join(work, 'drizzle.config.json');
  writeFileSync(config, JSON.stringify({ dialect: 'sqlite', schema: join(root, 'src/main/core/db/schema.ts'), out: join(work, 'migrations') }));
  const before = readdirSync(join(work, 'migrations')).length;
  const r = spawnSync(join(root, 'node_modules/.bin/drizzle-kit'), ['generate', '--config', config], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    process.exit(1);
  }
  const after = readdirSync(join(work, 'migrations')).length;
  if (after !== before) {
    console.error('The schema has changes without a migration: run `npm run db:generate` and commit migrations/.');
    process.exit(1);
  }
  console.log('migrations: schema and committed migrations agree');
} finally {
  rmSync(work, { recursive: true, force: true });
}

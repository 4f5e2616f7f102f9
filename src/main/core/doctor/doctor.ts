import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { databaseFileIn } from '../core';
import { schemaVersionOf } from '../db/migrate';
import { latestVersion, readMigrations } from '../db/migrations';
import { openDatabase } from '../db/open';
import { findAppBrowser } from '../runtime/browsers';

export type CheckStatus = 'ok' | 'warn' | 'missing' | 'error';

export interface DoctorCheck {
  id: string;
  label: string;
  status: CheckStatus;
  detail: string;
}

function run(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5000 }).trim();
  } catch (e) {
    const out = (e as { stdout?: string }).stdout?.trim();
    return out ? out : null;
  }
}

/** Where the Electron binary would be, read from the package's own path.txt without requiring it. */
export function electronBinary(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pkg = join(projectRoot, 'node_modules', 'electron');
  let rel = 'electron';
  try {
    rel = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    if (!env.ELECTRON_OVERRIDE_DIST_PATH) return null;
  }
  const file = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, rel) : join(pkg, 'dist', rel);
  return existsSync(file) ? file : null;
}

/** What this machine has for the counter's work; read-only, safe beside a running app. */
export function runDoctor(opts: { projectRoot: string; dataDir: string; migrationsDir: string }): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const add = (id: string, label: string, status: CheckStatus, detail: string) => checks.push({ id, label, status, detail });

  const electron = electronBinary(opts.projectRoot);
  add('electron', 'Electron', electron ? 'ok' : 'missing', electron ?? 'chưa cài: ứng dụng sẽ chạy ở chế độ trình duyệt');

  const browser = findAppBrowser();
  add('browser', 'Trình duyệt Chromium/Chrome/Edge', browser ? 'ok' : 'missing', browser ?? 'không tìm thấy: chế độ trình duyệt sẽ chỉ in địa chỉ');

  const lp = run('lpstat', ['-r']);
  add('cups', 'Máy in (CUPS)', lp?.includes('is running') ? 'ok' : lp ? 'warn' : 'missing', lp ?? 'không có lpstat/CUPS');

  const sane = run('scanimage', ['--version']);
  add('sane', 'Máy quét (SANE)', sane ? 'ok' : 'missing', sane ?? 'không có scanimage');

  const fontDir = join(opts.projectRoot, 'resources', 'fonts');
  const bundled = existsSync(fontDir) ? readdirSync(fontDir).filter((f) => /\.(ttf|otf)$/i.test(f)) : [];
  const system = run('fc-list', [':lang=vi', 'family']);
  add(
    'fonts',
    'Phông chữ tiếng Việt',
    bundled.length > 0 || system ? 'ok' : 'warn',
    `${bundled.length} phông kèm ứng dụng; ${system ? system.split('\n').length : 0} phông hệ thống có tiếng Việt`,
  );

  let writable = false;
  try {
    accessSync(opts.dataDir, constants.W_OK);
    writable = true;
  } catch {
    /* reported below */
  }
  if (writable) {
    const fs = statfsSync(opts.dataDir);
    const freeMb = Math.floor((fs.bavail * fs.bsize) / 1024 / 1024);
    add('dataDir', 'Thư mục dữ liệu', freeMb < 500 ? 'warn' : 'ok', `${opts.dataDir} (còn trống ${freeMb} MB)`);
  } else {
    add('dataDir', 'Thư mục dữ liệu', existsSync(opts.dataDir) ? 'error' : 'missing', `${opts.dataDir} ${existsSync(opts.dataDir) ? 'không ghi được' : 'chưa có (sẽ được tạo khi mở ứng dụng)'}`);
  }

  const appVersion = latestVersion(readMigrations(opts.migrationsDir));
  const dbFile = databaseFileIn(opts.dataDir);
  if (!existsSync(dbFile)) {
    add('schema', 'Phiên bản CSDL', 'missing', `chưa có CSDL; ứng dụng dùng phiên bản ${appVersion}`);
  } else {
    const db = openDatabase(dbFile, { readonly: true });
    try {
      const v = schemaVersionOf(db);
      const status = v === appVersion ? 'ok' : v > appVersion ? 'error' : 'warn';
      add('schema', 'Phiên bản CSDL', status, `CSDL ${v}, ứng dụng ${appVersion}`);
    } finally {
      db.close();
    }
  }
  return checks;
}

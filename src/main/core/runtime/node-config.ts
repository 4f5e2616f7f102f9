import { join } from 'node:path';
import { systemClock, uuidV7Ids, type Clock, type CoreConfig } from '../config';
import { createRotatingLogger } from '../logging/logger';
import { findProjectRoot, readAppVersion } from './paths';
import { syncTuningFromEnv } from '../sync/sync-tuning-env';

/** The production config for hosts that run from the project folder (browser mode, CLI). */
/**
 * MOTCUA_CLOCK_START=ISO starts the clock at that instant and lets it run from there: for
 * end-to-end tests ("the day before Tết at 16:59") and for training sessions on a fixed date.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const start = env.MOTCUA_CLOCK_START ? Date.parse(env.MOTCUA_CLOCK_START) : NaN;
  if (Number.isNaN(start)) return systemClock;
  const launched = Date.now();
  return { now: () => new Date(start + (Date.now() - launched)) };
}

export function nodeHostConfig(host: CoreConfig['host'], dataDir: string, opts: { echoLogs?: boolean } = {}): CoreConfig {
  const root = findProjectRoot();
  return {
    dataDir,
    clock: clockFromEnv(),
    ids: uuidV7Ids,
    adapters: {},
    host,
    appVersion: readAppVersion(root),
    migrationsDir: join(root, 'migrations'),
    resourcesDir: join(root, 'resources'),
    logger: createRotatingLogger({ dir: join(dataDir, 'logs'), name: host, echo: opts.echoLogs }),
    syncTuning: syncTuningFromEnv(),
  };
}

import { join } from 'node:path';
import { systemClock, uuidV7Ids, type CoreConfig } from '../config';
import { createRotatingLogger } from '../logging/logger';
import { findProjectRoot, readAppVersion } from './paths';

/** The production config for hosts that run from the project folder (browser mode, CLI). */
export function nodeHostConfig(host: CoreConfig['host'], dataDir: string, opts: { echoLogs?: boolean } = {}): CoreConfig {
  const root = findProjectRoot();
  return {
    dataDir,
    clock: systemClock,
    ids: uuidV7Ids,
    adapters: {},
    host,
    appVersion: readAppVersion(root),
    migrationsDir: join(root, 'migrations'),
    resourcesDir: join(root, 'resources'),
    logger: createRotatingLogger({ dir: join(dataDir, 'logs'), name: host, echo: opts.echoLogs }),
  };
}

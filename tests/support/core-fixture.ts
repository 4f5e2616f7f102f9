import { join } from 'node:path';
import type { Clock, CoreConfig, IdSource } from '../../src/main/core/config';
import { createCore, type Core } from '../../src/main/core/core';
import type { CallContext } from '../../src/main/core/dispatcher';
import { readMigrations } from '../../src/main/core/db/migrations';
import { silentLogger, type Logger } from '../../src/main/core/logging/logger';
import { projectRoot } from './host-process';

export const migrationsDir = join(projectRoot, 'migrations');

/** A clock the test moves by hand. */
export function frozenClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set(next) {
      now = new Date(next);
    },
  };
}

/** Ids 00000000-…-000000000001, …2, …: readable in assertions. */
export function sequentialIds(): IdSource {
  let n = 0;
  return { uuid: () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}` };
}

export function testConfig(dataDir: string, overrides: Partial<CoreConfig> = {}): CoreConfig {
  return {
    dataDir,
    clock: frozenClock('2026-11-23T03:00:00Z'),
    ids: sequentialIds(),
    adapters: {},
    host: 'cli',
    appVersion: '0.0.0-test',
    migrationsDir,
    resourcesDir: join(projectRoot, 'resources'),
    logger: silentLogger as Logger,
    ...overrides,
  };
}

export function openTestCore(dataDir: string, overrides: Partial<CoreConfig> = {}): Core {
  return createCore(testConfig(dataDir, overrides));
}

/** The schema version this build of the app migrates to: the number of committed migrations. */
export const latestSchema = readMigrations(migrationsDir).length;

/** A trusted caller for tests of the core: an admin principal, like the CLI's. */
export function systemContext(role: 'clerk' | 'supervisor' | 'admin' = 'admin', username = 'tester'): CallContext {
  return { kind: 'system', principal: { userId: `u-${username}`, username, fullName: username, role } };
}

import { v7 as uuidv7 } from 'uuid';
import type { Logger } from './logging/logger';
import type { PrinterDriver } from './printing/printer-driver';
import type { SlipRenderer } from './slip/slip-renderer';
import type { ScannerDevice, ScanningSettings } from '../../shared/api/calls/scanning';
import type { ScanSource } from './scanning/scan-source';
import type { AdapterFactory, SyncTuning } from './sync/sync-types';

/** Time comes from here, never from `new Date()` in a service, so tests can freeze it. */
export interface Clock {
  now(): Date;
}

/** Ids come from here, so tests can make them predictable. */
export interface IdSource {
  /** A UUIDv7: time-ordered, unique across counters without coordination. */
  uuid(): string;
}

/**
 * Platform-specific parts plug in here, one interface each. Absent ones get the default for the
 * platform (CUPS on Linux and macOS, Windows printing on Windows, a warm Chromium for the slip).
 */
export interface Adapters {
  printer?: PrinterDriver;
  slipRenderer?: SlipRenderer;
  /** Where scans come from for a configured device; default: eSCL, SANE or a watched folder by kind. */
  scannerSource?: (device: ScannerDevice, limits?: ScanningSettings['limits']) => ScanSource;
  /** How to reach the provincial system; default: our protocol or the national one, by the settings. */
  syncAdapter?: AdapterFactory;
}

export interface CoreConfig {
  dataDir: string;
  clock: Clock;
  ids: IdSource;
  adapters: Adapters;
  host: 'electron' | 'web' | 'cli';
  appVersion: string;
  /** Where drizzle-kit's SQL migrations are: the repo's migrations/ or the packaged copy. */
  migrationsDir: string;
  /** The bundled resources/ (sample catalogue, …): the repo's folder or process.resourcesPath/resources. Absent: nothing is seeded. */
  resourcesDir: string;
  logger: Logger;
  /** Sync timings (tests and the chaos run shorten them); absent fields keep the defaults. */
  syncTuning?: Partial<SyncTuning>;
  /** `motcua sync --once --endpoint URL`: this endpoint for this process, settings unchanged. */
  syncEndpoint?: string;
}

export const systemClock: Clock = { now: () => new Date() };
export const uuidV7Ids: IdSource = { uuid: () => uuidv7() };

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { scanningText } from '../../../shared/i18n/vi-scanning';
import { createEsclSource } from '../../core/scanning/escl/escl-client';
import { discoverEscl, esclDeviceFromAddress } from '../../core/scanning/escl/escl-discovery';
import { megabytesText } from '../../../shared/scanning/scan-units';
import type { ColorMode, ScanSettings } from '../../core/scanning/scan-source';
import { callCore } from '../call-core';
import { fail, printResult } from '../output';
import type { GlobalOptions } from '../global-options';

// `motcua scan`: lets an admin check a network scanner without the app: pages go straight from
// the scanner into a folder, page-001.jpg, page-002.jpg, … (nothing enters a dossier). Needs no
// data dir, so it works while the app runs. Ctrl+C cancels the job on the scanner too.
// `motcua scan prune [--json]` removes scanned pages past their retention now (the app does it at
// start and daily); it opens the data dir, so it runs while the app is closed.

const t = scanningText.cli;

interface ScanOptions {
  device?: string;
  source: string;
  duplex?: boolean;
  color: string;
  resolution: string;
  format: string;
  out?: string;
  pin?: string;
  discover?: boolean;
  timeout: string;
  json?: boolean;
}

function choice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) fail(t.badChoice(option, value, allowed.join(', ')), 2);
  return value as T;
}

/** From the command line to ScanSettings; usage errors exit 2. */
export function settingsFrom(o: Pick<ScanOptions, 'source' | 'duplex' | 'color' | 'resolution' | 'format'>): ScanSettings {
  const resolution = Number(o.resolution);
  if (!/^\d{2,4}$/.test(o.resolution) || resolution < 50 || resolution > 1200) fail(t.badResolution(o.resolution), 2);
  return {
    source: choice('--source', o.source, ['platen', 'adf'] as const),
    duplex: o.duplex ?? false,
    colorMode: choice<ColorMode>('--color', o.color, ['color', 'grayscale', 'bw']),
    resolution,
    format: choice('--format', o.format, ['jpeg', 'pdf'] as const),
  };
}

export function registerScan(program: Command, globals: () => GlobalOptions): void {
  const scan = program
    .command('scan')
    .description(t.scanDescription)
    .option('--device <address>', t.deviceOption)
    .option('--source <source>', t.sourceOption, 'adf')
    .option('--duplex', t.duplexOption)
    .option('--color <mode>', t.colorOption, 'grayscale')
    .option('--resolution <dpi>', t.resolutionOption, '200')
    .option('--format <format>', t.formatOption, 'jpeg')
    .option('--out <dir>', t.outOption)
    .option('--pin <sha256>', t.pinOption)
    .option('--discover', t.discoverOption)
    .option('--timeout <seconds>', t.timeoutOption, '3')
    .option('--json', t.jsonOption)
    .action(async (o: ScanOptions) => {
      const json = o.json || globals().json;
      if (o.discover) {
        const seconds = Number(o.timeout);
        if (!/^\d+(\.\d+)?$/.test(o.timeout) || seconds < 1 || seconds > 60) fail(t.badTimeout(o.timeout), 2);
        const devices = await discoverEscl({ timeoutMs: seconds * 1000 });
        printResult(json, { devices }, () =>
          devices.length === 0
            ? t.noDevices
            : [t.devicesTitle(devices.length), ...devices.map((d) => `  ${d.name}${d.model ? ` (${d.model})` : ''}  ${d.url}`)].join('\n'),
        );
        return;
      }
      if (!o.device) fail(t.needDevice, 2);
      if (!o.out) fail(t.needOut, 2);
      const settings = settingsFrom(o);
      const device = esclDeviceFromAddress(o.device);
      const dir = resolve(o.out);
      mkdirSync(dir, { recursive: true });
      const source = createEsclSource({ baseUrl: device.url, pinnedCertSha256: o.pin ?? null });
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      const files: { file: string; mediaType: string; size: number; sha256: string }[] = [];
      try {
        const result = await source.scan(settings, {
          signal: controller.signal,
          onPage: async (page, index) => {
            const file = join(dir, `page-${String(index + 1).padStart(3, '0')}.${page.mediaType === 'application/pdf' ? 'pdf' : 'jpg'}`);
            writeFileSync(file, page.bytes);
            files.push({ file, mediaType: page.mediaType, size: page.bytes.length, sha256: createHash('sha256').update(page.bytes).digest('hex') });
            if (!json) process.stderr.write(`${t.page(index + 1, file)}\n`);
          },
        });
        printResult(json, { device: device.url, dir, pages: result.pages, settings, files }, () => t.summary(result.pages, dir));
      } finally {
        process.removeListener('SIGINT', onSigint);
        source.close();
      }
    });
  scan
    .command('prune')
    .description(t.pruneDescription)
    .option('--json', t.jsonOption)
    .action(async (o: { json?: boolean }) => {
      const g = globals();
      const freed = await callCore(g, 'scans.prune', {});
      printResult(o.json || g.json, freed, () => t.pruned(freed.sessions, freed.pages, freed.files, megabytesText(freed.bytes)));
    });
}

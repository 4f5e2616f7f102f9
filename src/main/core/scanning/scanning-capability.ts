import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { scanningSettings, type ScannerDevice, type ScanningSettings } from '../../../shared/api/calls/scanning';
import { AppError } from '../../../shared/api/errors';
import type { Clock, IdSource } from '../config';
import type { Db, UnitOfWork } from '../db/unit-of-work';
import { actorOf, type HandlerGroup } from '../dispatcher';
import type { DossierService } from '../dossiers/dossier-service';
import type { EventBus } from '../events';
import type { FileStore } from '../files/file-store';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settings-store';
import { assemblePdf } from './assemble-pdf';
import { isBlankPage } from './blank-page';
import { discoverEscl, esclDeviceFromAddress } from './escl/escl-discovery';
import { createEsclSource } from './escl/escl-client';
import { normalizeFingerprint } from './escl/escl-http';
import { importFiles } from './file-import-source';
import { createFolderSource } from './folder-source';
import { createSaneSource } from './sane-source';
import { createScanRetention } from './scan-retention';
import { createScanService } from './scan-service';
import type { ScanSource } from './scan-source';

const SETTINGS_KEY = 'scanning';
const THUMBNAIL_WIDTH = 240;

type ScanningMethods =
  | 'scanning.settings'
  | 'scanning.updateSettings'
  | 'scanning.discover'
  | 'scans.start'
  | 'scans.cancel'
  | 'scans.session'
  | 'scans.import'
  | 'scans.arrange'
  | 'scans.thumbnail'
  | 'scans.unfinished'
  | 'scans.adopt'
  | 'scans.discard'
  | 'scans.prune'
  | 'dossiers.attachments'
  | 'dossiers.attachmentFile';

/** The admin's pasted fingerprint ("AB:CD:…") as 64 hex digits, or a clear refusal. */
function pinOf(text: string | null): string | null {
  if (!text) return null;
  const pin = normalizeFingerprint(text);
  if (!pin) throw new AppError('SCANNER_PIN_INVALID', { text: text.slice(0, 120) });
  return pin;
}

export function sourceFor(device: ScannerDevice, limits?: ScanningSettings['limits']): ScanSource {
  switch (device.kind) {
    case 'escl':
      return createEsclSource({ baseUrl: device.url, pinnedCertSha256: device.pinnedCertSha256, maxPageBytes: limits?.maxFileBytes });
    case 'sane':
      return createSaneSource({ device: device.device, label: device.name, limits });
    case 'folder':
      return createFolderSource(device.dir, { limits });
  }
}

/** Scanning in intake: the scan service, its calls, and the recovery of what a crash interrupted. */
export function createScanning(deps: {
  db: Db;
  commit: UnitOfWork;
  clock: Clock;
  ids: IdSource;
  files: FileStore;
  settings: SettingsStore;
  dossiers: Pick<DossierService, 'get'>;
  events: EventBus;
  logger: Logger;
  /** Replaces the device settings' sources (tests, other hosts). */
  sourceFor?: (device: ScannerDevice, limits?: ScanningSettings['limits']) => ScanSource;
}) {
  const { clock, logger } = deps;
  const makeSource = deps.sourceFor ?? sourceFor;
  const current = (): ScanningSettings => scanningSettings.parse(deps.settings.get(SETTINGS_KEY) ?? {});

  const service = createScanService({
    db: deps.db,
    commit: deps.commit,
    ids: deps.ids,
    files: deps.files,
    logger,
    isBlank: (page) => (page.mediaType === 'application/pdf' ? Promise.resolve(false) : isBlankPage(page.bytes, page.mediaType)),
    assemble: (pages, now) => assemblePdf(pages.map((p) => ({ bytes: p.bytes, mediaType: p.mediaType as 'image/jpeg', rotation: p.rotation as 0 })), { now }),
    pageCount: async (pdf) => (await PDFDocument.load(pdf)).getPageCount(),
    onChange: ({ requestId }) => deps.events.emit('scans.changed', { requestId }),
  });

  const retention = createScanRetention({
    db: deps.db,
    commit: deps.commit,
    files: deps.files,
    clock,
    logger,
    days: () => current().retention,
    inUse: (sessionId) => service.inUse(sessionId),
  });

  /** Attaches the scans of a saved dossier; a failure leaves the pages for the next start. */
  async function attachFor(dossierId: string): Promise<void> {
    try {
      const d = deps.dossiers.get(dossierId);
      await service.attach(d.id, d.checklist, d.receivedBy ?? 'system', clock.now());
    } catch (e) {
      logger.error('attaching scans failed; retried at the next start', { dossierId, error: String(e) });
    }
  }

  return {
    service,
    attachFor,
    /** Pages past their retention: pruned at start (after recover) and daily by the app's hosts. */
    retention,
    /** At start: dossiers saved just before a crash get their scans now. */
    async recover(): Promise<void> {
      for (const id of service.pendingAttachments()) await attachFor(id);
    },
    handlers: {
      'scanning.settings': () => current(),
      'scanning.updateSettings': (input, ctx) => {
        // What the admin typed ("192.168.1.20:8080") becomes the scanner's eSCL URL, or a clear refusal.
        const devices = input.devices.map((d) => (d.kind === 'escl' ? { ...d, url: esclDeviceFromAddress(d.url).url, pinnedCertSha256: pinOf(d.pinnedCertSha256) } : d));
        deps.settings.set(SETTINGS_KEY, { ...input, devices }, actorOf(ctx));
        return current();
      },
      'scanning.discover': async (input) => (await discoverEscl({ timeoutMs: input.timeoutMs })).map((d) => ({ name: d.name, url: d.url })),
      'scans.start': (input, ctx) => {
        const s = current();
        const deviceId = input.deviceId ?? s.defaultDeviceId ?? s.devices[0]?.id;
        const device = s.devices.find((d) => d.id === deviceId);
        if (!device) throw new AppError('SCANNER_NOT_CONFIGURED');
        const profile = (input.documentCode && s.profiles.byDocument[input.documentCode]) || s.profiles.default;
        if (service.session(input.requestId)?.running) throw new AppError('SCAN_ALREADY_RUNNING');
        // In the background: the clerk keeps typing while the feeder runs; pages arrive as events.
        void service.scan(input.requestId, makeSource(device, s.limits), { ...profile, ...input.settings }, input.documentCode, ctx.principal, input.replacePageId).catch((e: unknown) => {
          logger.warn('scan ended with an error', { error: String(e) });
        });
        return { started: true as const };
      },
      'scans.cancel': (input) => (service.cancel(input.requestId), { ok: true as const }),
      'scans.session': (input) => service.session(input.requestId),
      'scans.import': async (input, ctx) => {
        const { pages, rejected } = await importFiles(
          input.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') })),
          current().limits,
        );
        await service.addPages(input.requestId, pages, input.documentCode, ctx.principal);
        return { added: pages.length, rejected };
      },
      'scans.arrange': (input, ctx) => service.arrange(input.requestId, input.pages, ctx.principal),
      'scans.thumbnail': async (input) => {
        const page = service.pageBytes(input.pageId);
        if (page.mediaType === 'application/pdf') return { dataBase64: null };
        const jpeg = await sharp(page.bytes, { limitInputPixels: current().limits.maxPixels })
          .rotate(page.rotation)
          .resize({ width: THUMBNAIL_WIDTH })
          .jpeg({ quality: 70 })
          .toBuffer();
        return { dataBase64: jpeg.toString('base64') };
      },
      'scans.unfinished': () => service.unfinished(),
      'scans.adopt': (input, ctx) => (service.adopt(input.fromRequestId, input.toRequestId, ctx.principal), { ok: true as const }),
      'scans.discard': (input, ctx) => (service.discard(input.requestId, ctx.principal), { ok: true as const }),
      'scans.prune': (_input, ctx) => retention.prune(actorOf(ctx), true),
      'dossiers.attachments': (input) =>
        service.attachments(deps.dossiers.get(input.dossier).id).map((a) => ({
          id: a.id,
          documentCode: a.documentCode,
          documentName: a.documentName,
          sha256: a.sha256,
          pages: a.pages,
          size: a.size,
          createdAt: a.createdAt.toISOString(),
        })),
      'dossiers.attachmentFile': (input) => service.attachmentFile(input.id),
    } satisfies HandlerGroup<ScanningMethods>,
  };
}

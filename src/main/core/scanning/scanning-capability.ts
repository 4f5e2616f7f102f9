import sharp from 'sharp';
import { scanningSettings, type ScannerDevice, type ScanningSettings } from '../../../shared/api/calls/scanning';
import { AppError } from '../../../shared/api/errors';
import { vi } from '../../../shared/i18n/vi';
import type { Clock, IdSource } from '../config';
import type { Db, UnitOfWork } from '../db/unit-of-work';
import { actorOf, type HandlerGroup } from '../dispatcher';
import type { DossierService } from '../dossiers/dossier-service';
import type { EventBus } from '../events';
import type { FileStore } from '../files/file-store';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settings-store';
import { assemblePdfIntoStore } from './assemble-pdf';
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
import { createThumbnailCache } from './thumbnail-cache';

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
  | 'scans.restore'
  | 'scans.prune'
  | 'scans.retryAttach'
  | 'scans.unattached'
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
      return createEsclSource({ baseUrl: device.url, pinnedCertSha256: device.pinnedCertSha256, maxPageBytes: limits?.maxFileBytes, maxPages: limits?.maxPages });
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
    assemble: (pages, now) => assemblePdfIntoStore(pages.map((p) => ({ bytes: p.bytes, mediaType: p.mediaType as 'image/jpeg', rotation: p.rotation as 0 })), deps.files, { now }),
    onChange: ({ requestId }) => deps.events.emit('scans.changed', { requestId }),
    maxPages: () => current().limits.maxPages,
  });

  const thumbnails = createThumbnailCache();

  const retention = createScanRetention({
    db: deps.db,
    commit: deps.commit,
    files: deps.files,
    clock,
    logger,
    days: () => current().retention,
    inUse: (sessionId) => service.inUse(sessionId),
  });

  /** Why a saved dossier's pages could not be assembled (last attempt), until one succeeds. */
  const attachFailures = new Map<string, string>();

  /** Assembles the scans of a saved dossier; throws what went wrong (the pages stay for a retry). */
  async function attachOrThrow(dossierId: string): Promise<number> {
    const d = deps.dossiers.get(dossierId);
    try {
      const n = await service.attach(d.id, d.checklist, d.receivedBy ?? 'system', clock.now());
      attachFailures.delete(d.id);
      return n;
    } catch (e) {
      const reason = e instanceof AppError ? e.message : vi.errors.SCAN_ATTACH_FAILED;
      attachFailures.set(d.id, reason);
      logger.error('attaching scans failed; the pages are kept for a retry', { dossierId, error: String(e) });
      throw e instanceof AppError ? e : new AppError('SCAN_ATTACH_FAILED');
    }
  }

  /** Attaches the scans of a saved dossier; a failure is returned (never thrown: the dossier is saved). */
  async function attachFor(dossierId: string): Promise<{ attachWarning?: string }> {
    try {
      await attachOrThrow(dossierId);
      return {};
    } catch (e) {
      return { attachWarning: e instanceof Error ? e.message : String(e) };
    }
  }

  return {
    service,
    attachFor,
    /** Hooked into dossiers.receive: the check runs before anything is written, the assembly after. */
    receiveHooks: {
      beforeReceive: (input: { requestId: string; checklist: { code: string }[] }) => service.checkBeforeReceive(input.requestId, input.checklist),
      received: attachFor,
    },
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
        const page = service.pageInfo(input.pageId);
        if (page.mediaType === 'application/pdf') return { dataBase64: null };
        // Read and decoded only on a miss; a hit costs one indexed row lookup.
        const jpeg = await thumbnails.get({ sha256: page.sha256, rotation: page.rotation, width: THUMBNAIL_WIDTH }, () =>
          sharp(deps.files.read(page.sha256), { limitInputPixels: current().limits.maxPixels })
            .rotate(page.rotation)
            .resize({ width: THUMBNAIL_WIDTH })
            .jpeg({ quality: 70 })
            .toBuffer(),
        );
        return { dataBase64: jpeg.toString('base64') };
      },
      'scans.unfinished': () => service.unfinished(),
      'scans.adopt': (input, ctx) => (service.adopt(input.fromRequestId, input.toRequestId, ctx.principal), { ok: true as const }),
      'scans.discard': (input, ctx) => (service.discard(input.requestId, ctx.principal), { ok: true as const }),
      'scans.restore': (input, ctx) => ({ pages: service.restore(input.requestId, ctx.principal) }),
      'scans.prune': (_input, ctx) => retention.prune(actorOf(ctx), true),
      'scans.retryAttach': async (input) => {
        const id = deps.dossiers.get(input.dossierId).id;
        if (!service.pendingAttachments().includes(id)) throw new AppError('SCAN_ATTACH_NOTHING_PENDING');
        const attachments = await attachOrThrow(id);
        deps.events.emit('scans.changed', { requestId: id });
        return { attachments };
      },
      'scans.unattached': (input) => {
        const id = deps.dossiers.get(input.dossierId).id;
        return { pages: service.unattachedPages(id), error: attachFailures.get(id) ?? null };
      },
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

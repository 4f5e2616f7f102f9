import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseMode,
  chooseResolution,
  chooseSource,
  createSaneSource,
  errorLine,
  listSaneDevices,
  parseScanimageHelp,
  scanimageArgs,
  type SaneSourceOptions,
} from '../../src/main/core/scanning/sane-source';
import type { ScannedPage, ScanSettings } from '../../src/main/core/scanning/scan-source';
import { failure } from '../support/app-error';
import { makeTempDir } from '../support/temp-dir';

// SANE's own fake scanner (the `test` backend of sane-backends) driven through the real
// scanimage, with a private SANE_CONFIG_DIR so no real scanner on the machine is touched. The
// fake's faults (--read-return-value SANE_STATUS_JAMMED…) come in as extra device options.

const tmp = makeTempDir('motcua-sane-');
const configDir = join(tmp.dir, 'sane.d');
const env = { SANE_CONFIG_DIR: configDir };
const PLATEN: ScanSettings = { source: 'platen', duplex: false, colorMode: 'grayscale', resolution: 100, format: 'jpeg' };
const ADF: ScanSettings = { ...PLATEN, source: 'adf', resolution: 50 };

beforeAll(() => {
  execFileSync('mkdir', ['-p', configDir]);
  writeFileSync(join(configDir, 'dll.conf'), 'test\n');
  copyFileSync('/etc/sane.d/test.conf', join(configDir, 'test.conf'));
});
afterAll(() => tmp.cleanup());

// The fake hangs now and then while cancelling after a fault (its reader thread deadlocks in
// sane_cancel, seen under gdb): short grace times keep such a run short, and a test below
// shows that such a hang still ends with the right message.
function source(extra: Partial<SaneSourceOptions> = {}) {
  return createSaneSource({ device: 'test', env, tmpDir: tmp.dir, exitGraceMs: 500, killGraceMs: 500, ...extra });
}

async function scan(settings: ScanSettings, extra: Partial<SaneSourceOptions> = {}) {
  const pages: { page: ScannedPage; index: number }[] = [];
  const progress: string[] = [];
  const result = await source(extra).scan(settings, {
    onPage: async (page, index) => void pages.push({ page, index }),
    onProgress: (p) => progress.push(p.message),
  });
  return { result, pages, progress };
}

/** Each scan's temporary directory is gone afterwards. */
const leftovers = () => readdirSync(tmp.dir).filter((n) => n.startsWith('motcua-sane-'));

describe('SANE through scanimage', () => {
  it('lists the devices SANE sees', async () => {
    const devices = await listSaneDevices({ env });
    expect(devices).toEqual([
      { name: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' },
      { name: 'test:1', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' },
    ]);
  });

  it('scans one page from the platen as a JPEG', async () => {
    const { result, pages, progress } = await scan(PLATEN, { label: 'Máy quét quầy 1' });
    expect(result).toEqual({ pages: 1 });
    expect(pages).toHaveLength(1);
    const [{ page, index } = { page: null, index: -1 }] = pages;
    expect(index).toBe(0);
    expect(page?.mediaType).toBe('image/jpeg');
    expect(page?.origin).toBe('máy quét Máy quét quầy 1');
    // The fake's default area is 80×100 mm; at 100 dpi the fake makes 314×393 pixels (it rounds down), in grey.
    expect(await sharp(page?.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 314, height: 393, channels: 1 });
    expect(progress).toEqual(['Đang khởi động máy quét…', 'Đã nhận 1 trang, đang quét tiếp…']);
    expect(leftovers()).toEqual([]);
  });

  it('scans in colour with extra device options (the fake page at its largest, 200×200 mm)', async () => {
    const { pages } = await scan({ ...PLATEN, colorMode: 'color', resolution: 75 }, { deviceOptions: ['-x', '200', '-y', '200', '--test-picture', 'Color pattern'] });
    expect(await sharp(pages[0]?.page.bytes).metadata()).toMatchObject({ width: 590, height: 590, channels: 3 });
  });

  it('scans a batch from the feeder, handing pages over in order as they are finished', async () => {
    const { result, pages, progress } = await scan(ADF, { deviceOptions: ['--test-picture', 'Grid'] });
    // The fake feeder holds 10 sheets.
    expect(result).toEqual({ pages: 10 });
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const { page } of pages) {
      expect(page.mediaType).toBe('image/jpeg');
      await sharp(page.bytes, { failOn: 'error' }).raw().toBuffer();
    }
    expect(progress.at(-1)).toBe('Đã nhận 10 trang, đang quét tiếp…');
    expect(leftovers()).toEqual([]);
  });

  it('reports a paper jam, an empty feeder and an open cover with their own messages', async () => {
    const jam = await failure(scan(ADF, { deviceOptions: ['--read-return-value', 'SANE_STATUS_JAMMED'] }));
    expect(jam.code).toBe('SCANNER_JAMMED');
    expect(jam.message).toContain('Giấy bị kẹt trong khay nạp của máy quét (đã nhận 0 trang)');

    // The feeder reports "no documents" on the first sheet: scanimage ends the batch with
    // status 0 and no page, which is an empty feeder.
    const empty = await failure(scan(ADF, { deviceOptions: ['--read-return-value', 'SANE_STATUS_NO_DOCS'] }));
    expect(empty.code).toBe('SCANNER_FEEDER_EMPTY');
    expect(empty.message).toContain('Khay nạp giấy của máy quét đang trống');
    // Outside an unlimited batch the same status is scanimage's exit status 7.
    expect((await failure(scan(PLATEN, { deviceOptions: ['--read-return-value', 'SANE_STATUS_NO_DOCS'] }))).code).toBe('SCANNER_FEEDER_EMPTY');

    const cover = await failure(scan(PLATEN, { deviceOptions: ['--read-return-value', 'SANE_STATUS_COVER_OPEN'] }));
    expect(cover.code).toBe('SCANNER_COVER_OPEN');
    expect(leftovers()).toEqual([]);
  });

  it('reports a busy device, a device that is not there, and other failures with scanimage\'s reason', async () => {
    const busy = await failure(scan(PLATEN, { deviceOptions: ['--read-return-value', 'SANE_STATUS_DEVICE_BUSY'] }));
    expect(busy.code).toBe('SCANNER_BUSY');
    expect(busy.message).toContain('Máy quét test đang bận');

    const missing = await failure(scan(PLATEN, { device: 'test:7' }));
    expect(missing.code).toBe('SCANNER_NOT_FOUND');
    expect(missing.message).toContain('Không tìm thấy máy quét test:7');

    const io = await failure(scan(PLATEN, { deviceOptions: ['--read-return-value', 'SANE_STATUS_IO_ERROR'] }));
    expect(io.code).toBe('SCANNER_FAILED');
    expect(io.message).toContain('Máy quét test báo lỗi: sane_read: Error during device I/O.');

    const noSane = await failure(scan(PLATEN, { bin: join(tmp.dir, 'no-such-scanimage') }));
    expect(noSane.code).toBe('SCANNER_SANE_MISSING');
    expect(noSane.message).toContain('cài gói sane-utils');
  });

  it('keeps the pages scanned before a jam in the middle of a batch', async () => {
    // Three sheets go through, the fourth jams: two real scanimage runs behind one command.
    const bin = join(tmp.dir, 'jam-after-3.sh');
    writeFileSync(bin, '#!/bin/sh\nscanimage "$@" --batch-count=3 || exit $?\nexec scanimage "$@" --batch-start=4 --read-return-value SANE_STATUS_JAMMED\n');
    chmodSync(bin, 0o755);
    const pages: number[] = [];
    const e = await failure(source({ bin }).scan(ADF, { onPage: async (_page, index) => void pages.push(index) }));
    expect(pages).toEqual([0, 1, 2]);
    expect(e.code).toBe('SCANNER_JAMMED');
    expect(e.message).toContain('(đã nhận 3 trang)');
  });

  it('ends a scan whose scanimage hangs after reporting a jam, or says nothing at all', async () => {
    // The device probe (--help) goes to the real scanimage. The scan reports the jam, then
    // hangs, as the fake itself does now and then; the hanging part is a child of the script
    // holding the pipes open, so stopping the script alone would not be enough.
    const script = (name: string, body: string) => {
      const path = join(tmp.dir, name);
      writeFileSync(path, `#!/bin/sh\ncase "$*" in *--help*) exec scanimage "$@";; esac\n${body}\n`);
      chmodSync(path, 0o755);
      return path;
    };
    const hangAfterJam = script('hang-after-jam.sh', 'scanimage "$@" --read-return-value SANE_STATUS_JAMMED\nsleep 30');
    const jam = await failure(scan(ADF, { bin: hangAfterJam }));
    expect(jam.code).toBe('SCANNER_JAMMED');

    const silent = script('silent.sh', 'exec sleep 30');
    const e = await failure(scan(ADF, { bin: silent, stallTimeoutMs: 300 }));
    expect(e.code).toBe('SCANNER_FAILED');
    expect(e.message).toContain('báo lỗi: máy quét không phản hồi nên đã thôi chờ');
  });

  it('stops scanimage when the scan is cancelled, keeping the pages already received', async () => {
    // Slow pages (the fake waits 0.2 s between buffers); the wrapper records scanimage's pid.
    const pidFile = join(tmp.dir, 'scanimage.pid');
    const bin = join(tmp.dir, 'record-pid.sh');
    writeFileSync(bin, `#!/bin/sh\necho $$ > '${pidFile}'\nexec scanimage "$@"\n`);
    chmodSync(bin, 0o755);
    const controller = new AbortController();
    const pages: number[] = [];
    const slow = ['-x', '200', '-y', '200', '--read-delay=yes', '--read-delay-duration', '200000'];
    const e = await failure(
      source({ bin, deviceOptions: slow }).scan(ADF, {
        signal: controller.signal,
        onPage: async (_page, index) => {
          pages.push(index);
          controller.abort();
        },
      }),
    );
    expect(e.code).toBe('SCAN_CANCELLED');
    expect(e.message).toBe('Đã dừng quét. 1 trang đã nhận trước khi dừng vẫn được giữ.');
    expect(pages).toEqual([0]);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    expect(leftovers()).toEqual([]);
  });

  it('refuses what the device cannot do', async () => {
    const duplex = await failure(scan({ ...ADF, duplex: true }));
    expect(duplex.code).toBe('SCANNER_SETTING_UNSUPPORTED');
    expect(duplex.message).toContain('không hỗ trợ quét hai mặt');
  });
});

describe("choosing scanimage's arguments", () => {
  it('from the fake device\'s real --help output', () => {
    const help = execFileSync('scanimage', ['-d', 'test', '--help'], { env: { ...process.env, ...env, LC_ALL: 'C' }, encoding: 'utf8' });
    const caps = parseScanimageHelp(help);
    expect(caps).toMatchObject({
      deviceFound: true,
      modes: ['Gray', 'Color'],
      sources: ['Flatbed', 'Automatic Document Feeder'],
      depths: [1, 8, 16],
      resolutions: { min: 1, max: 1200, step: 1 },
    });
    expect(caps.formats).toContain('jpeg');
    expect(scanimageArgs('test', 'test', caps, { ...ADF, colorMode: 'bw', resolution: 300 }, '/tmp/x%y')).toEqual([
      '-d',
      'test',
      '--format=jpeg',
      // No lineart on this device: 1-bit grey instead.
      '--mode',
      'Gray',
      '--depth',
      '1',
      '--resolution',
      '300',
      '--source',
      'Automatic Document Feeder',
      '--batch=/tmp/x%%y/p%04d.jpg',
      '--batch-print',
    ]);
    expect(scanimageArgs('test', 'test', caps, PLATEN, '/tmp/d').slice(-3)).toEqual(['--batch=/tmp/d/p%04d.jpg', '--batch-print', '--batch-count=1']);
  });

  it('from the names other backends use (option lines as their --help prints them)', () => {
    const brother = parseScanimageHelp(
      [
        '    --format=pnm|tiff|png  file format of output file',
        'Options specific to device `brother4:net1;dev0\':',
        '    --mode Black & White|Gray[Error Diffusion]|True Gray|24bit Color|24bit Color[Fast] [24bit Color]',
        '    --resolution 100|150|200|300|400|600|1200|2400|4800|9600dpi [200]',
        '    --source FlatBed|Automatic Document Feeder(left aligned)|Automatic Document Feeder(left aligned,Duplex) [Automatic Document Feeder(left aligned)]',
      ].join('\n'),
    );
    expect(chooseMode(brother, 'grayscale')).toEqual({ mode: 'True Gray', depth1: false });
    expect(chooseMode(brother, 'bw')).toEqual({ mode: 'Black & White', depth1: false });
    expect(chooseMode(brother, 'color')).toEqual({ mode: '24bit Color', depth1: false });
    expect(chooseSource(brother, { source: 'adf', duplex: false })).toBe('Automatic Document Feeder(left aligned)');
    expect(chooseSource(brother, { source: 'adf', duplex: true })).toBe('Automatic Document Feeder(left aligned,Duplex)');
    expect(chooseSource(brother, { source: 'platen', duplex: false })).toBe('FlatBed');
    expect(chooseResolution(brother, 250)).toBe(200);
    // No jpeg in this scanimage: PNG.
    expect(scanimageArgs('brother4:net1;dev0', 'b', brother, ADF, '/t')).toContain('--batch=/t/p%04d.png');

    const fujitsu = parseScanimageHelp(
      [
        'Options specific to device `fujitsu:fi-7160:123\':',
        '    --source ADF Front|ADF Back|ADF Duplex [ADF Front]',
        '    --mode Lineart|Halftone|Gray|Color [Lineart]',
        '    --resolution 50..600dpi (in steps of 1) [600]',
      ].join('\n'),
    );
    expect(chooseSource(fujitsu, { source: 'adf', duplex: false })).toBe('ADF Front');
    expect(chooseSource(fujitsu, { source: 'adf', duplex: true })).toBe('ADF Duplex');
    expect(chooseSource(fujitsu, { source: 'platen', duplex: false })).toBeNull();
    expect(chooseMode(fujitsu, 'bw')).toEqual({ mode: 'Lineart', depth1: false });
    expect(chooseResolution(fujitsu, 1200)).toBe(600);
    // No formats line at all: TIFF, which every scanimage writes.
    expect(scanimageArgs('fujitsu:fi-7160:123', 'f', fujitsu, ADF, '/t')).toContain('--batch=/t/p%04d.tif');
  });

  it("picks the line of scanimage's stderr that says what went wrong", () => {
    const stderr = 'Scanning infinity pages, incrementing by 1, numbering from 1\nScanning page 1\nscanimage: sane_read: Error during device I/O\nScanned page 1. (scanner status = 9)\nBatch terminated, 1 page scanned\n';
    expect(errorLine(stderr)).toBe('sane_read: Error during device I/O');
  });
});

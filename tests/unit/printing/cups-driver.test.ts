import { describe, expect, it } from 'vitest';
import {
  createCupsDriver,
  cupsMedia,
  isQueueName,
  jobUri,
  parseIpptoolJob,
  parseLpstat,
  parseRequestId,
} from '../../../src/main/core/printing/cups-driver';
import type { PrintProgress } from '../../../src/main/core/printing/printer-driver';
import { cupsFixture, fakeExecFile, type Reply } from './fake-exec';
import { failure } from '../../support/app-error';

// lpstat / lp / ipptool output captured from CUPS 2.4.2 by fixtures/capture-cups.ts, and the
// driver's decisions over it. The same driver runs against a real cupsd in
// tests/integration/cups-printing.test.ts; these cover what a private cupsd cannot stage
// (an older CUPS that reports job-canceled-by-user, a machine without ipptool or lp).

const out = (name: string) => cupsFixture(name).stdout ?? '';


describe('parsing lpstat', () => {
  it('reads each printer: state, its own message, description and alerts', () => {
    const { printers } = parseLpstat(out('lpstat-l-p.txt'));
    expect(printers).toEqual([
      { name: 'FilePDF', state: 'idle', currentJob: null, message: null, description: 'Máy in PDF thử nghiệm', keywords: [] },
      { name: 'NetA4', state: 'idle', currentJob: null, message: null, description: 'Máy in A4 qua mạng', keywords: [] },
      { name: 'Paused', state: 'stopped', currentJob: null, message: 'Hết giấy khay 2', description: 'Máy in tầng 2', keywords: ['paused'] },
      { name: 'PausedPlain', state: 'stopped', currentJob: null, message: 'Paused', description: 'PausedPlain', keywords: ['paused'] },
      { name: 'Rejecting', state: 'idle', currentJob: null, message: 'Khay giấy bị kẹt', description: 'Rejecting', keywords: [] },
    ]);
  });

  it('reads which queues accept jobs, and why not', () => {
    const { accepting } = parseLpstat(out('lpstat-a.txt'));
    expect(accepting.get('FilePDF')).toEqual({ accepting: true, reason: null });
    expect(accepting.get('Rejecting')).toEqual({ accepting: false, reason: 'Khay giấy bị kẹt' });
  });

  it('reads the default destination, or its absence', () => {
    expect(parseLpstat(out('lpstat-d.txt')).defaultPrinter).toBe('FilePDF');
    expect(parseLpstat(out('down-lpstat-d.txt')).defaultPrinter).toBeNull();
    expect(parseLpstat('system default destination: Office/duplex\n').defaultPrinter).toBe('Office');
    expect(parseLpstat(out('lpstat-a.txt')).defaultPrinter).toBeUndefined();
  });

  it('reads a job and its printer from one poll', () => {
    const stopped = parseLpstat(out('poll-stopped.txt'));
    expect(stopped.printers[0]).toMatchObject({ name: 'Paused', state: 'stopped', message: 'Hết giấy khay 2' });
    expect(stopped.jobs).toEqual([{ id: 'Paused-2', queue: 'Paused', status: null, keywords: [] }]);

    const printing = parseLpstat(out('poll-unreachable.txt'));
    expect(printing.printers[0]).toMatchObject({ name: 'Unplugged', state: 'printing', currentJob: 'Unplugged-4' });
    expect(printing.jobs[0]).toMatchObject({ id: 'Unplugged-4', keywords: ['job-printing'] });

    const broken = parseLpstat(out('poll-broken.txt'));
    expect(broken.jobs[0]?.keywords).toEqual(['job-completed-with-errors']);
    expect(broken.jobs[0]?.status).toMatch(/^loadFilename failed: .*unable to find trailer dictionary/);
  });

  it('shows why lpstat alone cannot tell a printed job from a cancelled one', () => {
    expect(parseLpstat(out('completed-jobs.txt')).jobs[0]?.keywords).toEqual(['processing-to-stop-point']);
    expect(parseLpstat(out('completed-canceled.txt')).jobs[0]?.keywords).toEqual(['processing-to-stop-point']);
    expect(parseIpptoolJob(out('ipptool-completed.txt'))).toEqual({ state: 'completed', keywords: ['processing-to-stop-point'], message: null });
    expect(parseIpptoolJob(out('ipptool-canceled.txt'))).toEqual({ state: 'canceled', keywords: ['processing-to-stop-point'], message: null });
    expect(parseIpptoolJob('ipptool: Unable to connect')).toBeNull();
  });

  it('reads the job id lp gives, queue names with dashes included', () => {
    expect(parseRequestId(out('lp-ok.txt'))).toBe('FilePDF-1');
    expect(parseRequestId('request id is HP-LaserJet-4-1520 (1 file(s))\n')).toBe('HP-LaserJet-4-1520');
    expect(parseRequestId('lp: something else')).toBeNull();
  });

  it('addresses a job on the server libcups uses, socket or host', () => {
    expect(jobUri(out('lpstat-H.txt'), '7')).toMatch(/^ipp:\/\/%2Ftmp%2Fmotcua-cups-\w+%2Fcups\.sock\/jobs\/7$/);
    expect(jobUri('localhost:631\n', '7')).toBe('ipp://localhost:631/jobs/7');
    expect(jobUri('print.ubnd.local:631/version=1.1', '3')).toBe('ipp://print.ubnd.local:631/jobs/3');
    expect(jobUri('', '3')).toBeNull();
  });
});

describe("checking lp's command line", () => {
  it('accepts CUPS media names but nothing that lp would split into more options', () => {
    expect(cupsMedia('a4')).toBe('A4');
    expect(cupsMedia('A5')).toBe('A5');
    expect(cupsMedia('Custom.80x200mm')).toBe('Custom.80x200mm');
    expect(cupsMedia('iso_a4_210x297mm')).toBe('iso_a4_210x297mm');
    expect(cupsMedia('A4 job-hold-until=indefinite')).toBeNull();
    expect(cupsMedia('A4,sides=two-sided-long-edge')).toBeNull();
    expect(cupsMedia('')).toBeNull();
  });

  it('accepts queue names CUPS accepts, not ones that read as options or paths', () => {
    expect(isQueueName('FilePDF')).toBe(true);
    expect(isQueueName('HP_LaserJet-4@tang2')).toBe(true);
    expect(isQueueName('-oraw')).toBe(false);
    expect(isQueueName('a b')).toBe(false);
    expect(isQueueName('a/b')).toBe(false);
    expect(isQueueName('')).toBe(false);
  });
});

/** A CUPS as captured: answers each command the driver runs from the fixtures. */
function cupsFrom(routes: { lp?: Reply; poll?: Reply[]; completed?: Reply; ipptool?: Reply; r?: Reply }) {
  let polls = 0;
  return fakeExecFile((file, args) => {
    const joined = args.join(' ');
    if (file === 'lp') return routes.lp ?? cupsFixture('lp-ok.txt');
    if (file === 'cancel') return {};
    if (file === 'ipptool') return routes.ipptool ?? { code: 'ENOENT' };
    if (joined === '-H') return cupsFixture('lpstat-H.txt');
    if (joined === '-r') return routes.r ?? { stdout: 'scheduler is running\n' };
    if (joined === '-l -p') return cupsFixture('lpstat-l-p.txt');
    if (joined === '-a') return cupsFixture('lpstat-a.txt');
    if (joined === '-d') return cupsFixture('lpstat-d.txt');
    if (/^-l -p \S+ -a \S+$/.test(joined)) return { stdout: `${out('lpstat-l-p.txt')}${out('lpstat-a.txt')}` };
    if (/^-l -p \S+ -W not-completed -o \S+$/.test(joined)) {
      const replies = routes.poll ?? [];
      return replies[Math.min(polls++, replies.length - 1)] ?? {};
    }
    if (/^-W not-completed -o \S+$/.test(joined)) return {};
    if (/^-l -W completed -o \S+$/.test(joined)) return routes.completed ?? {};
    throw new Error(`unexpected command: ${file} ${joined}`);
  });
}

const request = { printer: 'FilePDF', file: '/tmp/mẫu 01.pdf', copies: 2, media: 'A4', title: 'Mot Cua Desk - mau 01' };

describe('CUPS driver over captured output', () => {
  it('lists printers with their state, acceptance, reason and the default', async () => {
    const driver = createCupsDriver({ execFile: cupsFrom({}) });
    expect(await driver.list()).toEqual([
      { name: 'FilePDF', description: 'Máy in PDF thử nghiệm', isDefault: true, state: 'idle', accepting: true, reason: null },
      { name: 'NetA4', description: 'Máy in A4 qua mạng', isDefault: false, state: 'idle', accepting: true, reason: null },
      { name: 'Paused', description: 'Máy in tầng 2', isDefault: false, state: 'stopped', accepting: true, reason: 'Hết giấy khay 2' },
      { name: 'PausedPlain', description: 'PausedPlain', isDefault: false, state: 'stopped', accepting: true, reason: 'Paused' },
      { name: 'Rejecting', description: 'Rejecting', isDefault: false, state: 'idle', accepting: false, reason: 'Khay giấy bị kẹt' },
    ]);
    expect(await driver.defaultPrinter()).toBe('FilePDF');
  });

  it('runs lp with an argument list, the caller environment and the C locale', async () => {
    const exec = cupsFrom({ poll: [{}], completed: cupsFixture('completed-jobs.txt'), ipptool: cupsFixture('ipptool-completed.txt') });
    const driver = createCupsDriver({ execFile: exec, env: { CUPS_SERVER: '/run/x.sock', LANG: 'vi_VN.UTF-8' }, pollMs: 1 });
    await driver.print(request);
    const lp = exec.calls.find((c) => c.file === 'lp');
    expect(lp?.args).toEqual(['-d', 'FilePDF', '-n', '2', '-o', 'media=A4', '-t', 'Mot Cua Desk - mau 01', '--', '/tmp/mẫu 01.pdf']);
    expect(lp?.env).toMatchObject({ CUPS_SERVER: '/run/x.sock', LANG: 'C', LC_ALL: 'C' });
    const ipptool = exec.calls.find((c) => c.file === 'ipptool');
    expect(ipptool?.args.slice(-2)).toEqual([expect.stringMatching(/%2Fcups\.sock\/jobs\/1$/), 'get-job-attributes.test']);
  });

  it('reports progress while the job waits, then the completion ipptool confirms', async () => {
    const seen: PrintProgress[] = [];
    const driver = createCupsDriver({
      execFile: cupsFrom({ poll: [cupsFixture('poll-unreachable.txt'), {}], completed: cupsFixture('completed-jobs.txt'), ipptool: cupsFixture('ipptool-completed.txt'), lp: { stdout: 'request id is Unplugged-4 (1 file(s))\n' } }),
      pollMs: 1,
    });
    const outcome = await driver.print({ ...request, printer: 'Unplugged' }, { onProgress: (p) => seen.push(p) });
    expect(outcome).toEqual({ jobId: 'Unplugged-4', state: 'completed' });
    expect(seen).toEqual([
      { jobId: 'Unplugged-4', state: 'processing', reason: null },
      { jobId: 'Unplugged-4', state: 'completed', reason: null },
    ]);
  });

  it('fails a job ipptool reports cancelled, though lpstat shows it like a printed one', async () => {
    const driver = createCupsDriver({
      execFile: cupsFrom({ poll: [{}], completed: cupsFixture('completed-canceled.txt'), ipptool: cupsFixture('ipptool-canceled.txt'), lp: cupsFixture('lp-held.txt') }),
      pollMs: 1,
    });
    const error = await failure(driver.print({ ...request, printer: 'Paused' }));
    expect(error.code).toBe('PRINT_FAILED');
    expect(error.details['reason']).toBe('lệnh in đã bị hủy trước khi in xong');
  });

  it('without ipptool, goes by the reasons lpstat shows', async () => {
    const canceled = { stdout: 'Paused-2                root              1024   Sun Nov 22 15:00:50 2026\n\tAlerts: job-canceled-by-user\n\tqueued for Paused\n' };
    const older = createCupsDriver({ execFile: cupsFrom({ poll: [{}], completed: canceled, lp: cupsFixture('lp-held.txt') }), pollMs: 1 });
    expect((await failure(older.print({ ...request, printer: 'Paused' }))).details['reason']).toBe('lệnh in đã bị hủy');

    // CUPS 2.4 says processing-to-stop-point for both: taken for printed (the documented limit).
    const current = createCupsDriver({ execFile: cupsFrom({ poll: [{}], completed: cupsFixture('completed-canceled.txt'), lp: cupsFixture('lp-held.txt') }), pollMs: 1 });
    expect(await current.print({ ...request, printer: 'Paused' })).toEqual({ jobId: 'Paused-2', state: 'completed' });
  });

  it('cancels a job held by a paused queue when time is up, and names the reason', async () => {
    const exec = cupsFrom({ poll: [cupsFixture('poll-stopped.txt')], lp: cupsFixture('lp-held.txt') });
    const seen: PrintProgress[] = [];
    const driver = createCupsDriver({ execFile: exec, pollMs: 5 });
    const error = await failure(driver.print({ ...request, printer: 'Paused' }, { timeoutMs: 30, onProgress: (p) => seen.push(p) }));
    expect(error.code).toBe('PRINT_STUCK');
    expect(error.details).toEqual({ printer: 'Paused', reason: 'Hết giấy khay 2' });
    expect(seen[0]).toEqual({ jobId: 'Paused-2', state: 'stopped', reason: 'Hết giấy khay 2' });
    expect(exec.calls.filter((c) => c.file === 'cancel').map((c) => c.args)).toEqual([['Paused-2']]);
  });

  it('fails and removes a job whose filters failed, instead of waiting for it', async () => {
    const exec = cupsFrom({ poll: [cupsFixture('poll-broken.txt')], lp: cupsFixture('lp-broken.txt') });
    const error = await failure(createCupsDriver({ execFile: exec, pollMs: 1 }).print(request, { timeoutMs: 60_000 }));
    expect(error.code).toBe('PRINT_FAILED');
    expect(error.details['reason']).toMatch(/unable to find trailer dictionary.*; lệnh in kết thúc với lỗi$/);
    expect(exec.calls.filter((c) => c.file === 'cancel').map((c) => c.args)).toEqual([['FilePDF-3']]);
  });

  it('turns lp refusals into the errors a clerk can act on', async () => {
    const rejected = await failure(createCupsDriver({ execFile: cupsFrom({ lp: cupsFixture('lp-rejected.txt') }) }).print({ ...request, printer: 'Rejecting' }));
    expect(rejected.code).toBe('PRINT_REJECTED');
    expect(rejected.details).toEqual({ printer: 'Rejecting', reason: 'Khay giấy bị kẹt' });

    const unknown = await failure(createCupsDriver({ execFile: cupsFrom({ lp: cupsFixture('lp-unknown.txt') }) }).print({ ...request, printer: 'NoSuchPrinter' }));
    expect(unknown.code).toBe('PRINTER_NOT_FOUND');

    // lp says "does not exist" when cupsd is down as well; lpstat -r tells the two apart.
    const down = await failure(createCupsDriver({ execFile: cupsFrom({ lp: cupsFixture('down-lp.txt'), r: cupsFixture('down-lpstat-r.txt') }) }).print(request));
    expect(down.code).toBe('PRINTER_UNREACHABLE');
    expect(down.details['reason']).toBe('dịch vụ in của máy tính (CUPS) không chạy');

    const noCups = await failure(createCupsDriver({ execFile: cupsFrom({ lp: { code: 'ENOENT' } }) }).print(request));
    expect(noCups.code).toBe('PRINTER_UNREACHABLE');
    expect(noCups.details['reason']).toBe('máy tính chưa cài dịch vụ in CUPS (không có lệnh lp)');
  });

  it('says the scheduler is down when listing', async () => {
    const exec = fakeExecFile(() => cupsFixture('down-lpstat-l-p.txt'));
    const error = await failure(createCupsDriver({ execFile: exec }).list());
    expect(error.code).toBe('PRINTER_UNREACHABLE');
  });

  it('refuses bad requests before running anything', async () => {
    const exec = cupsFrom({});
    const driver = createCupsDriver({ execFile: exec });
    expect((await failure(driver.print({ ...request, media: 'A4 job-hold-until=indefinite' }))).code).toBe('PRINT_FAILED');
    expect((await failure(driver.print({ ...request, copies: 0 }))).code).toBe('PRINT_FAILED');
    expect((await failure(driver.print({ ...request, printer: '-h evil:631' }))).code).toBe('PRINTER_NOT_FOUND');
    expect(exec.calls).toEqual([]);
  });

  it('does not submit when already aborted', async () => {
    const exec = cupsFrom({});
    const controller = new AbortController();
    controller.abort(new Error('clerk cancelled'));
    await expect(createCupsDriver({ execFile: exec }).print(request, { signal: controller.signal })).rejects.toThrow('clerk cancelled');
    expect(exec.calls).toEqual([]);
  });
});

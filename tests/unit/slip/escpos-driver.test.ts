import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/api/errors';
import { sendToEscPos } from '../../../src/main/core/slip/escpos-driver';
import { startEscPosPrinter, type EscPosPrinterDouble } from '../../doubles/escpos-printer';

// A real TCP printer double on 127.0.0.1: the driver's sockets, timeouts and errors are real.

let printer: EscPosPrinterDouble;
beforeEach(async () => {
  printer = await startEscPosPrinter();
});
afterEach(async () => {
  await printer.stop();
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

const job = Buffer.concat([Buffer.from([0x1b, 0x40]), Buffer.from([0x1b, 0x64, 0x02, 0x1d, 0x56, 0x42, 0x00])]);

describe('sendToEscPos', () => {
  it('delivers the bytes unchanged and returns once the printer has hung up', async () => {
    await sendToEscPos('127.0.0.1', printer.port, job);
    const [capture] = await printer.jobs();
    expect(capture?.bytes.equals(job)).toBe(true);
    expect(capture?.cut).toBe(true);
    expect(capture?.commands.map((c) => c.name)).toEqual(['init', 'feed-lines', 'cut']);
  });

  it('delivers a job far bigger than the socket buffers', async () => {
    const big = randomBytes(8 * 1024 * 1024);
    await sendToEscPos('127.0.0.1', printer.port, big);
    const [capture] = await printer.jobs();
    expect(capture?.bytes.equals(big)).toBe(true);
  });

  it('reports a closed port as PRINTER_UNREACHABLE, naming the printer and the reason', async () => {
    await printer.setMode('refuse');
    const e = await failure(sendToEscPos('127.0.0.1', printer.port, job));
    expect(e.code).toBe('PRINTER_UNREACHABLE');
    expect(e.details).toMatchObject({ printer: `127.0.0.1:${printer.port}` });
    expect(e.message).toContain(`127.0.0.1:${printer.port}`);
    expect(e.message).toContain('từ chối kết nối');
    expect(printer.connections()).toBe(0);
  });

  it('gives up on a printer that takes the connection but never reads (out of paper, cover open)', async () => {
    await printer.setMode('stuck');
    // More than the kernel buffers hold, so the write itself stalls as on a real stuck printer.
    const e = await failure(sendToEscPos('127.0.0.1', printer.port, randomBytes(16 * 1024 * 1024), { timeoutMs: 500 }));
    expect(e.code).toBe('PRINTER_UNREACHABLE');
    expect(e.message).toContain('không in xong trong 1 giây');
    expect(printer.connections()).toBe(1);
  });

  it('gives up on a stuck printer even when the whole job fitted in the buffers', async () => {
    await printer.setMode('stuck');
    const e = await failure(sendToEscPos('127.0.0.1', printer.port, job, { timeoutMs: 300 }));
    expect(e.code).toBe('PRINTER_UNREACHABLE');
    expect(e.message).toContain('hết giấy');
  });

  it('works again once the printer is back', async () => {
    await printer.setMode('refuse');
    await failure(sendToEscPos('127.0.0.1', printer.port, job));
    await printer.setMode('accept');
    await sendToEscPos('127.0.0.1', printer.port, job);
    expect(await printer.jobs()).toHaveLength(1);
  });

  it('stops when the caller cancels', async () => {
    await printer.setMode('stuck');
    const abort = new AbortController();
    const sending = sendToEscPos('127.0.0.1', printer.port, job, { timeoutMs: 60_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    const e = await failure(sending);
    expect(e.code).toBe('PRINTER_UNREACHABLE');
    expect(e.message).toContain('đã hủy');
    await expect(sendToEscPos('127.0.0.1', printer.port, job, { signal: abort.signal })).rejects.toThrow(/đã hủy/);
  });

  it('says so when the printer name does not resolve', async () => {
    // .invalid never resolves (RFC 6761), with or without a network.
    const e = await failure(sendToEscPos('may-in-nhiet.invalid', 9100, job));
    expect(e.code).toBe('PRINTER_UNREACHABLE');
    expect(e.message).toContain('may-in-nhiet.invalid:9100');
    expect(e.message).toContain('không tìm thấy máy in');
  });
});

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BAUD_RATES } from '../../../shared/api/calls/identity';
import { isAppError } from '../../../shared/api/errors';
import { identityText } from '../../../shared/i18n/vi-identity';
import { parseIdCardQr, type QrParseResult } from '../../../shared/identity/qr';
import { listSerialPorts, MAX_LINE_BYTES, startSerialScanner } from '../../core/identity/serial-scanner';
import { fail, printResult } from '../output';
import type { GlobalOptions } from '../global-options';

// `motcua id …`: lets an admin test an ID card scanner at the counter. These commands need no
// data dir (parsing is pure; the serial port is read directly), so they work while the app runs.

const t = identityText.cli;

function report(result: QrParseResult, json: boolean): void {
  if (result.ok) {
    printResult(true, result, () => '');
    return;
  }
  if (json) printResult(true, result, () => '');
  fail(result.errors.map((e) => `- ${e.message}`).join('\n'));
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

export function registerId(program: Command, globals: () => GlobalOptions): void {
  const id = program.command('id').description(t.idCommand);

  id.command('parse')
    .description(t.parseDescription)
    .argument('<text>', 'nội dung mã QR (đặt trong dấu nháy, vì có ký tự |), hoặc "-"')
    .option('--json', 'in kết quả dạng JSON')
    .action((text: string, opts: { json?: boolean }) => {
      const json = globals().json || Boolean(opts.json);
      // A trailing newline from stdin is a scanner's Enter, not a second line.
      const input = text === '-' ? readStdin().replace(/\r?\n$/, '') : text;
      report(parseIdCardQr(input), json);
    });

  id.command('ports')
    .description(t.portsDescription)
    .option('--json', 'in kết quả dạng JSON')
    .action(async (opts: { json?: boolean }) => {
      const json = globals().json || Boolean(opts.json);
      const ports = await listSerialPorts();
      printResult(json, ports, () =>
        ports.length === 0 ? t.noPorts : ports.map((p) => [p.path, p.manufacturer, p.vendorId && `${p.vendorId}:${p.productId}`].filter(Boolean).join('  ')).join('\n'),
      );
    });

  id.command('listen')
    .description(t.listenDescription)
    .argument('<path>', 'cổng, ví dụ /dev/ttyACM0 hoặc COM3')
    .option('--baud <rate>', `tốc độ (${BAUD_RATES.join(', ')})`, '9600')
    .option('--json', 'in mỗi lần quét thành một dòng JSON')
    .action(async (path: string, opts: { baud: string; json?: boolean }) => {
      const json = globals().json || Boolean(opts.json);
      const baudRate = Number(opts.baud);
      if (!(BAUD_RATES as readonly number[]).includes(baudRate)) fail(`--baud: chỉ nhận ${BAUD_RATES.join(', ')}`);
      try {
        const scanner = await startSerialScanner(
          { path, baudRate },
          {
            onLine: (text) => {
              const result = parseIdCardQr(text);
              process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
            },
            onOverflow: () => process.stderr.write(`${identityText.scanner.lineTooLong(MAX_LINE_BYTES)}\n`),
            onState: (_state, message) => message && process.stderr.write(`${message}\n`),
          },
        );
        process.stderr.write(`${identityText.scanner.listening(path)}\n`);
        const stop = () => void scanner.stop().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      } catch (e) {
        fail(isAppError(e) ? e.message : String(e));
      }
    });
}

import { z } from 'zod';
import { qrParseResultSchema } from '../../identity/schemas';
import { defineCalls } from '../call-spec';
import { isoInstant, lineText } from '../fields';

// The applicant's identity: reading the ID card's QR (keyboard-wedge scans and pasted text come
// in through 'identity.parse'; a scanner on a serial port pushes 'identity.scanned' events).

export { qrParseResultSchema, type QrParseResult } from '../../identity/schemas';

export const serialPortInfo = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  serialNumber: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
});
export type SerialPortInfo = z.infer<typeof serialPortInfo>;

export const serialScannerState = z.object({
  state: z.enum(['stopped', 'listening', 'disconnected', 'error']),
  path: z.string().nullable(),
  baudRate: z.number().int().nullable(),
  /** What the clerk should know (Vietnamese), e.g. why the connection was lost. */
  message: z.string().nullable(),
});
export type SerialScannerState = z.infer<typeof serialScannerState>;

export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

export const identityCalls = defineCalls({
  'identity.parse': {
    input: z.strictObject({
      // Raw on purpose: the parser cleans and judges it (and explains what is wrong) itself.
      text: z.string().max(100_000),
      /** Backspaces/unidentified keys seen inside a keyboard-wedge burst (an input method at work). */
      editKeys: z.number().int().nonnegative().optional(),
    }),
    output: qrParseResultSchema,
  },
  'identity.serialPorts': { input: z.strictObject({}), output: z.array(serialPortInfo) },
  'identity.serialStart': {
    input: z.strictObject({
      path: lineText(260),
      baudRate: z
        .number()
        .int()
        .refine((n) => (BAUD_RATES as readonly number[]).includes(n), { message: `chỉ nhận ${BAUD_RATES.join(', ')}` })
        .default(9600),
    }),
    output: serialScannerState,
  },
  'identity.serialStop': { input: z.strictObject({}), output: serialScannerState },
  'identity.serialStatus': { input: z.strictObject({}), output: serialScannerState },
});

/** Pushed by the core: a serial scanner read a line; the state of the serial scanner changed. */
export const identityEvents = {
  'identity.scanned': z.object({
    source: z.literal('serial'),
    path: z.string(),
    at: isoInstant,
    result: qrParseResultSchema,
  }),
  'identity.scannerState': serialScannerState,
} as const;

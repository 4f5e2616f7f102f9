import { describe, expect, it } from 'vitest';
import { decodeScannerLine, LineSplitter } from '../../../src/main/core/identity/serial-scanner';
import { CARD } from './fixtures';

function split(chunks: Buffer[], max?: number) {
  const lines: string[] = [];
  let overflows = 0;
  const s = new LineSplitter((l) => lines.push(decodeScannerLine(l)), () => overflows++, max);
  for (const c of chunks) s.push(c);
  return { lines, overflows, splitter: s };
}

describe('serial scanner: bytes to lines', () => {
  it('ends lines at CR, LF or CRLF and drops empty ones', () => {
    const { lines } = split([Buffer.from('a|1\r\nb|2\nc|3\rd|4\r\n\r\n\n')]);
    expect(lines).toEqual(['a|1', 'b|2', 'c|3', 'd|4']);
  });

  it('keeps a Vietnamese letter whole when a read splits its UTF-8 bytes', () => {
    const bytes = Buffer.from(`${CARD.qr}\r\n`);
    const cut = bytes.indexOf(Buffer.from('ễ')) + 1; // inside the 3-byte sequence
    const { lines } = split([bytes.subarray(0, cut), bytes.subarray(cut, cut + 1), bytes.subarray(cut + 1)]);
    expect(lines).toEqual([CARD.qr]);
  });

  it('splits a CRLF across two reads without an empty line', () => {
    const { lines } = split([Buffer.from('a|1\r'), Buffer.from('\nb|2\r'), Buffer.from('\n')]);
    expect(lines).toEqual(['a|1', 'b|2']);
  });

  it('waits for the end of a line; flush() ends it (a scanner without a suffix)', () => {
    const { lines, splitter } = split([Buffer.from('a|1')]);
    expect(lines).toEqual([]);
    expect(splitter.buffered).toBe(3);
    splitter.flush();
    expect(lines).toEqual(['a|1']);
  });

  it('drops a line longer than the limit and reports it once, then reads on', () => {
    const { lines, overflows } = split([Buffer.from('x'.repeat(50)), Buffer.from('y'.repeat(50)), Buffer.from('\r\nok|1\r\n')], 64);
    expect(overflows).toBe(1);
    expect(lines).toEqual(['ok|1']);
  });

  it('strips STX/ETX framing and a BOM; turns bytes that are not UTF-8 into U+FFFD for the parser to refuse', () => {
    expect(decodeScannerLine(Buffer.from('\u0002a|1\u0003'))).toBe('a|1');
    expect(decodeScannerLine(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
    expect(decodeScannerLine(Buffer.from('Nguy\xe1n', 'latin1'))).toContain('\uFFFD');
  });
});

import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

// A PDF written front to back as its objects are made: the header, then each object at the
// offset the writer has reached, and at the end the cross-reference table and the trailer. The
// big streams (a scanned page's JPEG) go to the sink from the caller's Buffer as they are, never
// gathered into a whole-document buffer, so memory holds one page at a time. The small text
// around them (dictionaries, content streams) is batched and written with the next big stream.
//
// Only what assembled scans need: dictionaries written by the caller as PDF text, streams with
// their data, indirect objects numbered from 1 in the order reserve() hands them out (an object
// may be written later than objects after it, as the page tree is, once all its pages are known).

/** Where the PDF's bytes go, in order. */
export interface PdfSink {
  write(chunk: Uint8Array): Promise<void>;
}

/** Small text is gathered up to this before it is written on its own. */
const TEXT_BATCH = 64 * 1024;

export class PdfStreamWriter {
  private readonly offsets: number[] = [];
  private position = 0;
  private text = '';
  private finished = false;

  constructor(private readonly sink: PdfSink) {
    // The comment's bytes above 127 tell transfer tools the file is binary (PDF 32000-1, 7.5.2).
    this.raw('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n');
  }

  /** A new object number, to refer to before the object is written. */
  reserve(): number {
    this.offsets.push(-1);
    return this.offsets.length;
  }

  /** An indirect object whose body is `body` (PDF text, ASCII only). */
  async object(num: number, body: string): Promise<void> {
    this.begin(num);
    this.raw(`${num} 0 obj\n${body}\nendobj\n`);
    if (this.text.length >= TEXT_BATCH) await this.flush();
  }

  /** A stream object: `dict` is its dictionary's entries (without /Length, added here). */
  async stream(num: number, dict: string, data: Uint8Array | string): Promise<void> {
    this.begin(num);
    if (typeof data === 'string') {
      this.raw(`${num} 0 obj\n<<${dict} /Length ${data.length}>>\nstream\n${data}\nendstream\nendobj\n`);
      if (this.text.length >= TEXT_BATCH) await this.flush();
      return;
    }
    this.raw(`${num} 0 obj\n<<${dict} /Length ${data.byteLength}>>\nstream\n`);
    await this.flush();
    await this.sink.write(data);
    this.position += data.byteLength;
    this.raw('\nendstream\nendobj\n');
  }

  /** The cross-reference table and trailer; every reserved object must have been written. */
  async finish(root: number, info: number): Promise<{ size: number; objects: number }> {
    if (this.finished) throw new Error('PDF already finished');
    const missing = this.offsets.findIndex((o) => o < 0);
    if (missing >= 0) throw new Error(`PDF object ${missing + 1} reserved but never written`);
    const xrefAt = this.position + Buffer.byteLength(this.text, 'latin1');
    const count = this.offsets.length + 1;
    // Each entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, type, EOL.
    let xref = `xref\n0 ${count}\n0000000000 65535 f\r\n`;
    for (const offset of this.offsets) xref += `${String(offset).padStart(10, '0')} 00000 n\r\n`;
    this.raw(`${xref}trailer\n<</Size ${count} /Root ${root} 0 R /Info ${info} 0 R>>\nstartxref\n${xrefAt}\n%%EOF\n`);
    await this.flush();
    this.finished = true;
    return { size: this.position, objects: this.offsets.length };
  }

  private begin(num: number): void {
    if (num < 1 || num > this.offsets.length || this.offsets[num - 1]! >= 0) throw new Error(`PDF object ${num} not reserved or already written`);
    this.offsets[num - 1] = this.position + Buffer.byteLength(this.text, 'latin1');
  }

  private raw(text: string): void {
    this.text += text;
  }

  private async flush(): Promise<void> {
    if (!this.text) return;
    const chunk = Buffer.from(this.text, 'latin1');
    this.text = '';
    await this.sink.write(chunk);
    this.position += chunk.byteLength;
  }
}

/** PDF text for a Unicode string: UTF-16BE with its byte order mark, as hex (as pdf-lib writes a title). */
export function pdfTextString(value: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** A PDF date, D:YYYYMMDDHHmmSSZ, in UTC. */
export function pdfDate(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `(D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z)`;
}

/** Keeps every chunk, for callers that want the PDF's bytes in hand. */
export class MemorySink implements PdfSink {
  private readonly chunks: Uint8Array[] = [];
  write(chunk: Uint8Array): Promise<void> {
    this.chunks.push(chunk);
    return Promise.resolve();
  }
  bytes(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

/**
 * Writes to a new file (created, never overwritten) and hashes the bytes on their way, so the
 * file's SHA-256 is known when the last byte is written without reading the file again.
 */
export class HashingFileSink implements PdfSink {
  private readonly hash: Hash = createHash('sha256');
  private size = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string): Promise<HashingFileSink> {
    return new HashingFileSink(await open(path, 'wx', 0o600));
  }

  async write(chunk: Uint8Array): Promise<void> {
    // The write runs on libuv's thread pool while this thread hashes the same bytes.
    let written = this.handle.write(chunk, 0, chunk.byteLength);
    this.hash.update(chunk);
    let offset = 0;
    for (;;) {
      offset += (await written).bytesWritten;
      if (offset >= chunk.byteLength) break;
      written = this.handle.write(chunk, offset, chunk.byteLength - offset);
    }
    this.size += chunk.byteLength;
  }

  /** Flushes to the disk when asked (`durable`), closes, and gives the hash and size. */
  async close(durable: boolean): Promise<{ sha256: string; size: number }> {
    try {
      if (durable) await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    return { sha256: this.hash.digest('hex'), size: this.size };
  }

  /** Closes without caring how (after a failure; the caller removes the file). */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

import { createServer, type Server, type Socket } from 'node:net';
import sharp from 'sharp';

// A network receipt printer on 127.0.0.1: a real TCP server that keeps every job's bytes,
// reads the ESC/POS commands the way a printer does, and gives the raster back as a PNG so a
// test can look at what would have come out of the printer (and scan its QR code).

export interface EscPosCommand {
  name: 'init' | 'raster' | 'feed-lines' | 'feed-dots' | 'line-feed' | 'cut';
  /** For raster: bytes per row and rows; for feeds: the amount; for cut: the GS V mode. */
  args: number[];
}

export interface Capture {
  bytes: Buffer;
  commands: EscPosCommand[];
  /** The raster bands stacked top to bottom, 1 channel, black ink = 0; null when there was none. */
  png: Buffer | null;
  width: number;
  height: number;
  /** A GS V cut arrived (after the last raster). */
  cut: boolean;
  partialCut: boolean;
  /** Bytes the parser did not understand, with their offsets: a printer would print them as text. */
  unknown: { offset: number; byte: number }[];
}

export type PrinterMode = 'accept' | 'refuse' | 'stuck';

export interface EscPosPrinterDouble {
  port: number;
  /** Every finished job so far (connections the sender closed), oldest first. */
  jobs(): Promise<Capture[]>;
  /** accept: a working printer; refuse: nothing listens on the port; stuck: accepts and never reads. */
  setMode(mode: PrinterMode): Promise<void>;
  /** Connections accepted so far, finished or not. */
  connections(): number;
  stop(): Promise<void>;
}

const u8 = (b: Buffer, i: number) => b[i] ?? -1;

export function parseEscPos(bytes: Buffer): Omit<Capture, 'png' | 'bytes'> & { bands: { rowBytes: number; rows: number; data: Buffer }[] } {
  const commands: EscPosCommand[] = [];
  const bands: { rowBytes: number; rows: number; data: Buffer }[] = [];
  const unknown: { offset: number; byte: number }[] = [];
  let cut = false;
  let partialCut = false;
  let i = 0;
  while (i < bytes.length) {
    const b = u8(bytes, i);
    if (b === 0x1b && u8(bytes, i + 1) === 0x40) {
      commands.push({ name: 'init', args: [] });
      i += 2;
    } else if (b === 0x1b && u8(bytes, i + 1) === 0x64 && i + 2 < bytes.length) {
      commands.push({ name: 'feed-lines', args: [u8(bytes, i + 2)] });
      i += 3;
    } else if (b === 0x1b && u8(bytes, i + 1) === 0x4a && i + 2 < bytes.length) {
      commands.push({ name: 'feed-dots', args: [u8(bytes, i + 2)] });
      i += 3;
    } else if (b === 0x0a) {
      commands.push({ name: 'line-feed', args: [] });
      i += 1;
    } else if (b === 0x1d && u8(bytes, i + 1) === 0x76 && u8(bytes, i + 2) === 0x30 && i + 7 < bytes.length) {
      const rowBytes = u8(bytes, i + 4) + u8(bytes, i + 5) * 256;
      const rows = u8(bytes, i + 6) + u8(bytes, i + 7) * 256;
      const data = bytes.subarray(i + 8, i + 8 + rowBytes * rows);
      if (data.length < rowBytes * rows) {
        unknown.push({ offset: i, byte: b }); // a truncated band: the printer would wait forever
        break;
      }
      commands.push({ name: 'raster', args: [rowBytes, rows, u8(bytes, i + 3)] });
      bands.push({ rowBytes, rows, data });
      i += 8 + rowBytes * rows;
    } else if (b === 0x1d && u8(bytes, i + 1) === 0x56 && i + 2 < bytes.length) {
      const m = u8(bytes, i + 2);
      const withN = m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104;
      commands.push({ name: 'cut', args: withN ? [m, u8(bytes, i + 3)] : [m] });
      cut = true;
      partialCut = m === 1 || m === 49 || m === 66 || m === 98 || m === 104;
      i += withN ? 4 : 3;
    } else {
      unknown.push({ offset: i, byte: b });
      i += 1;
    }
  }
  const lastRaster = commands.findLastIndex((c) => c.name === 'raster');
  const lastCut = commands.findLastIndex((c) => c.name === 'cut');
  const width = (bands[0]?.rowBytes ?? 0) * 8;
  const height = bands.reduce((n, band) => n + band.rows, 0);
  return { commands, bands, unknown, cut: cut && lastCut > lastRaster, partialCut, width, height };
}

/** The bands as a greyscale PNG: a set bit is a black dot (0), a clear bit paper (255). */
export async function bandsToPng(bands: { rowBytes: number; data: Buffer; rows: number }[]): Promise<Buffer | null> {
  const first = bands[0];
  if (!first) return null;
  if (bands.some((b) => b.rowBytes !== first.rowBytes)) throw new Error('bands of different widths');
  const width = first.rowBytes * 8;
  const height = bands.reduce((n, b) => n + b.rows, 0);
  const pixels = Buffer.alloc(width * height, 255);
  let y0 = 0;
  for (const band of bands) {
    for (let y = 0; y < band.rows; y++) {
      for (let x = 0; x < width; x++) {
        if ((band.data[y * band.rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) pixels[(y0 + y) * width + x] = 0;
      }
    }
    y0 += band.rows;
  }
  return sharp(pixels, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png({ compressionLevel: 9 }).toBuffer();
}

async function capture(bytes: Buffer): Promise<Capture> {
  const { bands, ...parsed } = parseEscPos(bytes);
  return { bytes, png: await bandsToPng(bands), ...parsed };
}

export async function startEscPosPrinter(): Promise<EscPosPrinterDouble> {
  let mode: PrinterMode = 'accept';
  let accepted = 0;
  const finished: Promise<Capture>[] = [];
  const open = new Set<Socket>();

  const onConnection = (socket: Socket) => {
    accepted += 1;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
    if (mode === 'stuck') {
      // Out of paper, cover open: the connection is taken, nothing is read, nothing is closed.
      socket.pause();
      return;
    }
    const chunks: Buffer[] = [];
    finished.push(
      new Promise<Capture>((resolve) => {
        socket.on('data', (c: Buffer) => chunks.push(c));
        // Like a JetDirect port: the job is what came before the sender's end; then hang up.
        socket.on('end', () => {
          socket.end();
          resolve(capture(Buffer.concat(chunks)));
        });
      }),
    );
  };

  // Refusing means nothing listens on the port any more; accepting again listens anew on it.
  let server: Server | null = null;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        s.off('error', reject);
        server = s;
        const address = s.address();
        if (!address || typeof address === 'string') reject(new Error('printer double has no TCP port'));
        else resolve(address.port);
      });
    });
  const stopListening = () => {
    server?.close();
    server = null;
  };

  const port = await listen(0);

  return {
    port,
    jobs: () => Promise.all(finished),
    connections: () => accepted,
    async setMode(next) {
      if (next === 'refuse') stopListening();
      else if (!server) await listen(port);
      mode = next;
    },
    async stop() {
      stopListening();
      for (const s of open) s.destroy();
    },
  };
}

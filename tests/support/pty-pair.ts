import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// A real serial line: socat makes two linked pseudo-terminals; the core reads one end with the
// serialport package exactly as it reads a scanner's USB virtual COM port, the test writes the
// scanner's bytes into the other end. Killing socat is pulling the scanner's cable.

export class PtyPair {
  private child: ChildProcess | null = null;
  private fd: number | null = null;
  readonly scanner: string;
  readonly app: string;

  constructor(dir: string) {
    this.scanner = join(dir, 'scanner');
    this.app = join(dir, 'app');
  }

  async start(): Promise<void> {
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.scanner}`, `pty,raw,echo=0,link=${this.app}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socat did not start: ${log}`)), 5000);
      child.stderr!.on('data', (d: Buffer) => {
        log += d.toString();
        if (log.includes('starting data transfer loop')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`socat exited with ${code}: ${log}`));
      });
    });
    // Keep the scanner's end open for the whole session, as a plugged-in scanner does.
    this.fd = openSync(this.scanner, 'w');
  }

  write(bytes: string | Buffer): void {
    writeSync(this.fd!, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  }

  /** Pulls the cable: socat dies, both pseudo-terminals vanish. */
  async unplug(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already gone
      }
      this.fd = null;
    }
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  }
}

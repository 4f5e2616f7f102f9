import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const projectRoot = join(__dirname, '..', '..');

export interface HostInfo {
  origin: string;
  authUrl: string;
  port: number;
  pid: number;
}

/**
 * The browser-mode host as a real child process (`motcua serve`), so tests can restart it and
 * kill it with SIGKILL like a power cut would. Runs on the same Node as the test runner.
 */
export class HostProcess {
  private child: ChildProcess | null = null;
  info: HostInfo | null = null;
  stderr = '';

  constructor(
    readonly dataDir: string,
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  async start(): Promise<HostInfo> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'src/main/cli/index.ts'), '--data-dir', this.dataDir, '--json', 'serve', '--port', '0', '--no-open'],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BROWSER: 'none', ...this.env } },
    );
    this.child = child;
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    const lines = createInterface({ input: child.stdout! });
    this.info = await new Promise<HostInfo>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start: ${this.stderr}`)), 30_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`host exited with ${code}: ${this.stderr}`));
      });
      lines.on('line', (line) => {
        if (!line.startsWith('{')) return;
        clearTimeout(timer);
        resolve(JSON.parse(line) as HostInfo);
      });
    });
    return this.info;
  }

  /** A graceful stop (SIGTERM), as when the clerk closes the app. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** No chance to clean up: what a power cut or a crash does. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(sig);
    await exited;
    this.child = null;
  }

  /** A call over HTTP with the Bearer secret, as a script would make it. */
  async call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
    const info = this.info!;
    const secret = new URL(info.authUrl).searchParams.get('token')!;
    const res = await fetch(`${info.origin}/api/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ method, input }),
    });
    return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  }
}

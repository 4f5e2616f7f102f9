import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A private, throw-away CUPS for one test file: its own cupsd on a domain socket under a temp
// dir (nothing touches the machine's /etc/cups or /run/cups), a queue that writes PDF files, and
// a network printer played by CUPS's own IPP Everywhere simulator, ippeveprinter. ippeveprinter
// insists on a D-Bus system bus (its DNS-SD code starts Avahi's client even with `-r off`), so it
// gets a private bus too: a dbus-daemon on a socket in the same dir, named by
// DBUS_SYSTEM_BUS_ADDRESS. Everything started here is stopped by stop(), or at exit.

export const FILE_QUEUE = 'FilePDF';
export const NETWORK_QUEUE = 'NetA4';

export interface CupsHarness {
  dir: string;
  /** The real environment plus CUPS_SERVER: what a driver under test should run with. */
  env: NodeJS.ProcessEnv;
  /** The ippeveprinter behind NETWORK_QUEUE. */
  ippPort: number;
  /** Adds a file-writing queue (for fault tests, so they do not disturb the others). */
  addFileQueue(name: string, description?: string): Promise<void>;
  reject(queue: string, reason?: string): Promise<void>;
  disable(queue: string, reason?: string): Promise<void>;
  /** What each queue received: FilePDF's output file, or the documents ippeveprinter kept. */
  outputFiles(queue: string): string[];
  /** `lpstat` with the harness's server, for assertions. */
  lpstat(args: string[]): Promise<string>;
  /** Cancels a job as another user of the machine would (`cancel Q-N`). */
  cancel(jobId: string): Promise<void>;
  /** A job as the network printer itself saw it (IPP Get-Job-Attributes), e.g. its copies. */
  networkJob(id: number): Promise<string>;
  stop(): Promise<void>;
}

const GENERIC_PDF_PPD = '/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd';

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, encoding: 'utf8', timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

function findProgram(name: string, dirs = ['/usr/sbin', '/usr/bin', '/sbin', '/bin']): string {
  for (const dir of dirs) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `${name} is not installed. The printing tests need a real CUPS: apt-get install -y cups cups-ipp-utils cups-filters dbus-daemon (see /work/shared/docs/TESTING.md, "Printing").`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, child: ChildProcess, log: () => string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not start within ${ms} ms:\n${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startCups(): Promise<CupsHarness> {
  const cupsd = findProgram('cupsd');
  const lpadmin = findProgram('lpadmin');
  const lpstat = findProgram('lpstat');
  const cancel = findProgram('cancel');
  const cupsreject = findProgram('cupsreject');
  const cupsdisable = findProgram('cupsdisable');
  const ippeveprinter = findProgram('ippeveprinter');
  const ipptool = findProgram('ipptool');
  const dbusDaemon = findProgram('dbus-daemon');
  if (!existsSync(GENERIC_PDF_PPD)) throw new Error(`${GENERIC_PDF_PPD} is missing: apt-get install -y cups-filters`);

  const dir = mkdtempSync(join(tmpdir(), 'motcua-cups-'));
  // cupsd runs filters as user lp: it must be able to reach its spool and temp dirs under here.
  chmodSync(dir, 0o755);
  for (const sub of ['spool', 'cache', 'state', 'log', 'out', 'ipp-spool']) mkdirSync(join(dir, sub), { mode: 0o755 });
  mkdirSync(join(dir, 'tmp'), { mode: 0o1777 });
  chmodSync(join(dir, 'tmp'), 0o1777);
  const socket = join(dir, 'cups.sock');
  const busSocket = join(dir, 'bus.sock');

  writeFileSync(
    join(dir, 'cupsd.conf'),
    [
      `Listen ${socket}`,
      'LogLevel info',
      'MaxLogSize 0',
      'Browsing No',
      'WebInterface No',
      'DefaultAuthType None',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'cups-files.conf'),
    [
      `ServerRoot ${dir}`,
      `RequestRoot ${join(dir, 'spool')}`,
      `StateDir ${join(dir, 'state')}`,
      `CacheDir ${join(dir, 'cache')}`,
      `TempDir ${join(dir, 'tmp')}`,
      `AccessLog ${join(dir, 'log', 'access_log')}`,
      `ErrorLog ${join(dir, 'log', 'error_log')}`,
      `PageLog ${join(dir, 'log', 'page_log')}`,
      'FileDevice Yes',
      'ServerBin /usr/lib/cups',
      'DataDir /usr/share/cups',
      // No "User": cupsd refuses root there; as root it runs filters as lp. SystemGroup root
      // lets lpadmin (as root, over the socket) manage queues without a password.
      ...(process.getuid?.() === 0 ? ['SystemGroup root'] : []),
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'bus.conf'),
    [
      '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"',
      ' "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">',
      '<busconfig>',
      '  <type>system</type>',
      `  <listen>unix:path=${busSocket}</listen>`,
      '  <auth>EXTERNAL</auth>',
      '  <policy context="default">',
      '    <allow send_destination="*" eavesdrop="true"/>',
      '    <allow eavesdrop="true"/>',
      '    <allow own="*"/>',
      '  </policy>',
      '</busconfig>',
      '',
    ].join('\n'),
  );

  const env: NodeJS.ProcessEnv = { ...process.env, CUPS_SERVER: socket, LANG: 'C', LC_ALL: 'C' };
  const children: ChildProcess[] = [];
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const errorLog = () => {
    try {
      return readFileSync(join(dir, 'log', 'error_log'), 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      return '(no error_log)';
    }
  };

  let stopped = false;
  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    await Promise.all(children.map(stopChild));
    process.removeListener('exit', killAll);
    rmSync(dir, { recursive: true, force: true });
  }

  try {
    const scheduler = spawn(cupsd, ['-f', '-c', join(dir, 'cupsd.conf'), '-s', join(dir, 'cups-files.conf')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(scheduler);
    let schedulerErr = '';
    scheduler.stderr?.on('data', (d: Buffer) => (schedulerErr += d.toString()));
    await waitFor(
      'cupsd',
      async () => (await run(lpstat, ['-r'], env).catch(() => '')).includes('scheduler is running'),
      scheduler,
      () => `${schedulerErr}\n${errorLog()}`,
    );

    const bus = spawn(dbusDaemon, ['--config-file', join(dir, 'bus.conf'), '--nofork', '--nopidfile'], { stdio: 'ignore' });
    children.push(bus);
    await waitFor('dbus-daemon', async () => existsSync(busSocket), bus, () => '');

    const ippPort = await freePort();
    let ippLog = '';
    const ipp = spawn(
      ippeveprinter,
      // -c /bin/true: "print" at once instead of simulating a page time; -k keeps each document.
      ['-r', 'off', '-p', String(ippPort), '-n', 'localhost', '-d', join(dir, 'ipp-spool'), '-k', '-f', 'application/pdf,image/pwg-raster,image/urf', '-c', '/bin/true', NETWORK_QUEUE],
      { env: { ...env, DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${busSocket}` }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(ipp);
    ipp.stdout?.on('data', (d: Buffer) => (ippLog += d.toString()));
    ipp.stderr?.on('data', (d: Buffer) => (ippLog += d.toString()));
    await waitFor('ippeveprinter', () => canConnect(ippPort), ipp, () => ippLog);

    const addFileQueue = async (name: string, description = name) => {
      await run(lpadmin, ['-p', name, '-E', '-v', `file:${join(dir, 'out', `${name}.pdf`)}`, '-P', GENERIC_PDF_PPD, '-D', description], env);
    };
    await addFileQueue(FILE_QUEUE, 'Máy in PDF thử nghiệm');
    await run(lpadmin, ['-p', NETWORK_QUEUE, '-E', '-v', `ipp://localhost:${ippPort}/ipp/print`, '-m', 'everywhere', '-D', 'Máy in A4 qua mạng'], env);
    await run(lpadmin, ['-d', FILE_QUEUE], env);

    return {
      dir,
      env: { ...process.env, CUPS_SERVER: socket },
      ippPort,
      addFileQueue,
      reject: async (queue, reason) => void (await run(cupsreject, reason ? ['-r', reason, queue] : [queue], env)),
      disable: async (queue, reason) => void (await run(cupsdisable, reason ? ['-r', reason, queue] : [queue], env)),
      outputFiles(queue) {
        if (queue === NETWORK_QUEUE) {
          const spool = join(dir, 'ipp-spool');
          // -c writes an empty .prn next to each kept document.
          return readdirSync(spool)
            .filter((f) => !f.endsWith('.prn'))
            .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
            .map((f) => join(spool, f));
        }
        const file = join(dir, 'out', `${queue}.pdf`);
        return existsSync(file) && statSync(file).size > 0 ? [file] : [];
      },
      lpstat: (args) => run(lpstat, args, env),
      cancel: async (jobId) => void (await run(cancel, [jobId], env)),
      networkJob: (id) => run(ipptool, ['-T', '10', '-tv', `ipp://localhost:${ippPort}/ipp/print/${id}`, 'get-job-attributes.test'], env),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

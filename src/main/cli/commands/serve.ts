import { join } from 'node:path';
import type { Command } from 'commander';
import { isAppError } from '../../../shared/api/errors';
import { vi } from '../../../shared/i18n/vi';
import { createCore } from '../../core/core';
import { readLockOwner } from '../../core/datadir/lock';
import { findAppBrowser, openAppWindow, writeLaunchPage } from '../../core/runtime/browsers';
import { nodeHostConfig } from '../../core/runtime/node-config';
import { findProjectRoot } from '../../core/runtime/paths';
import { startWebHost } from '../../web/web-host';
import { fail } from '../output';
import type { GlobalOptions } from '../global-options';

interface ServeOptions {
  port?: string;
  open: boolean;
  dev?: boolean;
}

function openIfWanted(wanted: boolean, dataDir: string, launchPage: string, url: string): void {
  const browser = wanted && process.env.BROWSER !== 'none' ? findAppBrowser() : null;
  if (browser) {
    openAppWindow(browser, launchPage, join(dataDir, 'browser-profile'));
  } else if (wanted && process.env.BROWSER !== 'none') {
    process.stdout.write(`${vi.host.openManually}\n${url}\n`);
  }
}

export function registerServe(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('Chạy ở chế độ trình duyệt: máy chủ chỉ nghe trên 127.0.0.1')
    .option('--port <port>', 'cổng (mặc định: biến PORT, hoặc một cổng trống)')
    .option('--no-open', 'không mở cửa sổ trình duyệt')
    .option('--dev', 'chế độ phát triển: tải lại giao diện khi sửa mã')
    .action(async (o: ServeOptions) => {
      const { dataDir, json } = globals();
      const port = Number(o.port ?? process.env.PORT ?? 0);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Cổng không hợp lệ: ${o.port ?? process.env.PORT}`);
      const config = nodeHostConfig('web', dataDir, { echoLogs: false });

      let core;
      try {
        core = createCore(config);
      } catch (e) {
        if (isAppError(e) && e.code === 'DATA_DIR_LOCKED') {
          const owner = readLockOwner(dataDir);
          // A second launch brings up the running app instead of starting another one.
          if (owner?.host === 'web' && owner.url) {
            openIfWanted(o.open, dataDir, join(dataDir, 'open-app.html'), owner.url);
            process.stdout.write(`${vi.host.alreadyRunning(owner.url)}\n`);
            return;
          }
        }
        fail(e instanceof Error ? e.message : String(e));
      }

      const root = findProjectRoot();
      let middleware;
      let vite: { close(): Promise<void> } | undefined;
      if (o.dev) {
        const { createServer } = await import('vite');
        const server = await createServer({
          configFile: join(root, 'vite.renderer.config.ts'),
          server: { middlewareMode: true },
          appType: 'spa',
        });
        middleware = server.middlewares;
        vite = server;
      }
      const host = await startWebHost({
        core,
        logger: config.logger,
        port,
        staticDir: join(root, 'out', 'renderer'),
        middleware,
      });
      core.lock?.update({ url: host.origin });
      const launchPage = writeLaunchPage(dataDir, host.authUrl);
      config.logger.info('browser mode started', { port: host.port });
      // Before the ready line: a supervisor may stop us the moment it reads it, and a stop must
      // close the core (its clean-shutdown marker spares the next start the file sweep).
      const stop = async () => {
        await host.close();
        await vite?.close();
        core.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      // --json hands the launch details to a supervising program (the test harness, a launcher).
      process.stdout.write(
        json
          ? `${JSON.stringify({ origin: host.origin, authUrl: host.authUrl, port: host.port, pid: process.pid })}\n`
          : `${vi.host.listening(host.origin)}\n`,
      );
      openIfWanted(o.open, dataDir, launchPage, host.authUrl);

    });
}

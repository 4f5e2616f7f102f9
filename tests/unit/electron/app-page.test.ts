import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appPage } from '../../../src/main/electron/app-page';

describe('appPage: which URLs are our own page', () => {
  const index = '/home/nhung/Ứng dụng/Một Cửa/out/renderer/index.html';
  const page = appPage({ rendererIndexHtml: index, platform: 'linux' });
  const own = pathToFileURL(index).href;

  it('accepts the built index.html with any hash or query, even under a Vietnamese folder name', () => {
    expect(page.load).toEqual({ kind: 'file', path: index });
    expect(page.isAppUrl(own)).toBe(true);
    expect(page.isAppUrl(`${own}#/ho-so/123`)).toBe(true);
    expect(page.isAppUrl(`${own}?tab=today`)).toBe(true);
    // Chromium may spell the same path with other escapes.
    expect(page.isAppUrl('file:///home/nhung/%E1%BB%A8ng%20d%E1%BB%A5ng/M%E1%BB%99t%20C%E1%BB%ADa/out/renderer/index.html')).toBe(true);
  });

  it('refuses other files, other schemes and junk', () => {
    expect(page.isAppUrl(pathToFileURL('/home/nhung/Downloads/index.html').href)).toBe(false);
    expect(page.isAppUrl(pathToFileURL('/home/nhung/Ứng dụng/Một Cửa/out/renderer/other.html').href)).toBe(false);
    expect(page.isAppUrl('https://evil.example/out/renderer/index.html')).toBe(false);
    expect(page.isAppUrl('file://evil-host/home/nhung/Ứng dụng/Một Cửa/out/renderer/index.html')).toBe(false);
    expect(page.isAppUrl('data:text/html,<h1>hi</h1>')).toBe(false);
    expect(page.isAppUrl('not a url')).toBe(false);
    expect(page.isAppUrl('file:///home/%E0%A4%A/index.html')).toBe(false);
  });

  it('compares Windows paths without regard to case', () => {
    const win = appPage({ rendererIndexHtml: 'C:\\Users\\Nhung\\AppData\\Local\\Programs\\motcua-desk\\resources\\app.asar\\out\\renderer\\index.html', platform: 'win32' });
    expect(win.isAppUrl('file:///C:/Users/Nhung/AppData/Local/Programs/motcua-desk/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(win.isAppUrl('file:///c:/users/nhung/appdata/local/programs/motcua-desk/resources/app.asar/out/renderer/index.html#/x')).toBe(true);
    expect(win.isAppUrl('file:///c:/users/nhung/Downloads/index.html')).toBe(false);
  });

  it('in development accepts the dev server origin only', () => {
    const dev = appPage({ rendererIndexHtml: index, devServerUrl: 'http://localhost:5173' });
    expect(dev.load).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
    expect(dev.isAppUrl('http://localhost:5173/#/today')).toBe(true);
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(dev.isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(dev.isAppUrl(own)).toBe(false);
  });

  it('ignores a dev "server" that is not http(s), whose origin would match every file', () => {
    const odd = appPage({ rendererIndexHtml: index, devServerUrl: 'file:///tmp/evil.html' });
    expect(odd.load.kind).toBe('file');
    expect(odd.isAppUrl('file:///tmp/evil.html')).toBe(false);
    expect(odd.isAppUrl('data:text/html,x')).toBe(false);
  });
});

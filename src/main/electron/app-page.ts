import { pathToFileURL } from 'node:url';

// Which page is "ours". The window may only show it, and only it may call the core: a page that
// got into the window some other way (a link, a redirect, a dropped file) must not reach
// citizens' data through window.api.

export interface AppPage {
  /** What the window loads: the dev server in development, else the built index.html. */
  load: { kind: 'url'; url: string } | { kind: 'file'; path: string };
  isAppUrl(url: string): boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  // Chromium and pathToFileURL may escape letters differently (Vietnamese folder names), and
  // Windows drive letters and folders are case-insensitive.
  const norm = (p: string) => {
    const decoded = decodeURIComponent(p);
    return platform === 'win32' ? decoded.toLowerCase() : decoded;
  };
  try {
    return norm(a) === norm(b);
  } catch {
    return false; // a malformed escape is nobody's page
  }
}

export function appPage(opts: {
  rendererIndexHtml: string;
  /** Only honoured when the app is not packaged: an installed app never loads from the network. */
  devServerUrl?: string;
  platform?: NodeJS.Platform;
}): AppPage {
  const platform = opts.platform ?? process.platform;
  const dev = opts.devServerUrl ? parse(opts.devServerUrl) : null;
  // Opaque origins (file:, data:) all serialise as "null", so only http(s) can be compared.
  if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:')) {
    return {
      load: { kind: 'url', url: dev.href },
      isAppUrl: (url) => parse(url)?.origin === dev.origin,
    };
  }
  const index = pathToFileURL(opts.rendererIndexHtml, { windows: platform === 'win32' });
  return {
    load: { kind: 'file', path: opts.rendererIndexHtml },
    isAppUrl: (url) => {
      const u = parse(url);
      // Query and hash are the renderer's own routing; the file itself must be ours.
      return u !== null && u.protocol === 'file:' && u.host === index.host && samePath(u.pathname, index.pathname, platform);
    },
  };
}

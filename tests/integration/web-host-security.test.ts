import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../src/main/core/core';
import { silentLogger } from '../../src/main/core/logging/logger';
import { MAX_BODY, startWebHost, type WebHost } from '../../src/main/web/web-host';
import { openTestCore, systemContext } from '../support/core-fixture';

import { receiveSample } from '../support/dossier-fixture';
import { sampleAdmin, sampleOffice } from '../support/office-fixture';
import { makeTempDir } from '../support/temp-dir';

// Raw requests, because fetch will not let a test forge the Host header the way a
// DNS-rebinding page effectively does.
function raw(
  host: WebHost,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser mode refuses what is not the app', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let host: WebHost;
  let own: Record<string, string>;
  const call = JSON.stringify({ method: 'dossiers.today', input: {} });

  beforeAll(async () => {
    temp = makeTempDir();
    core = openTestCore(temp.dir);
    host = await startWebHost({ core, logger: silentLogger, port: 0, staticDir: temp.dir });
    own = {
      host: `127.0.0.1:${host.port}`,
      origin: host.origin,
      cookie: `motcua_${host.port}=${host.secret}`,
      'content-type': 'application/json',
    };
    // First-run setup through the window's channel also logs the window in.
    const setup = await raw(host, { method: 'POST', path: '/api/call', headers: own, body: JSON.stringify({ method: 'auth.setup', input: { admin: sampleAdmin, office: sampleOffice } }) });
    expect(JSON.parse(setup.body)).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await host.close();
    core.close();
    temp.cleanup();
  });

  it('listens on loopback only', async () => {
    // Every non-loopback address of this machine must refuse the connection.
    const outside = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === 'IPv4');
    for (const i of outside) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: i!.address, port: host.port }, () => (socket.destroy(), resolve(true)));
        socket.on('error', () => resolve(false));
      });
      expect(reached, i!.address).toBe(false);
    }
  });

  it('answers a call that carries the secret, from our origin, to our host', async () => {
    const r = await raw(host, { method: 'POST', path: '/api/call', headers: own, body: call });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { counts: { receivedToday: 0 } } });
  });

  it('refuses a call without the secret', async () => {
    const { cookie: _, ...noSecret } = own;
    const r = await raw(host, { method: 'POST', path: '/api/call', headers: noSecret, body: call });
    expect(r.status).toBe(401);
  });

  it('refuses a call with a wrong secret of the same length', async () => {
    const wrong = `motcua_${host.port}=${'x'.repeat(host.secret.length)}`;
    const r = await raw(host, { method: 'POST', path: '/api/call', headers: { ...own, cookie: wrong }, body: call });
    expect(r.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the secret', async () => {
    const r = await raw(host, { method: 'POST', path: '/api/call', headers: { ...own, host: `evil.example:${host.port}` }, body: call });
    expect(r.status).toBe(421);
    const page = await raw(host, { headers: { ...own, host: 'attacker.test' } });
    expect(page.status).toBe(421);
  });

  it('refuses a call from another Origin, even with the secret', async () => {
    const r = await raw(host, { method: 'POST', path: '/api/call', headers: { ...own, origin: 'http://evil.example' }, body: call });
    expect(r.status).toBe(403);
    const otherPort = await raw(host, { method: 'POST', path: '/api/call', headers: { ...own, origin: 'http://127.0.0.1:1' }, body: call });
    expect(otherPort.status).toBe(403);
  });

  it('refuses a cookie-authenticated call that hides its Origin', async () => {
    const { origin: _, ...noOrigin } = own;
    const r = await raw(host, { method: 'POST', path: '/api/call', headers: noOrigin, body: call });
    expect(r.status).toBe(403);
  });

  it('does not let a non-Bearer Authorization header switch off the Origin check', async () => {
    const { origin: _, ...noOrigin } = own;
    const r = await raw(host, { method: 'POST', path: '/api/call', headers: { ...noOrigin, authorization: 'Basic eDp5' }, body: call });
    expect(r.status).toBe(403);
  });

  it('answers a JSON body that is not an object with a validation error', async () => {
    for (const body of ['null', '[]', '42', '"x"']) {
      const r = await raw(host, { method: 'POST', path: '/api/call', headers: own, body });
      expect(r.status, body).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('refuses the page itself without the secret', async () => {
    const { cookie: _, ...noSecret } = own;
    expect((await raw(host, { headers: noSecret })).status).toBe(401);
  });

  it('refuses /auth with a wrong token and sets an HttpOnly, SameSite=Strict cookie with the right one', async () => {
    expect((await raw(host, { path: '/auth?token=nope', headers: { host: own.host! } })).status).toBe(401);
    const ok = await raw(host, { path: `/auth?token=${host.secret}`, headers: { host: own.host! } });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('url=/');
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('refuses other methods, unknown API paths, wrong content types and oversized bodies', async () => {
    expect((await raw(host, { method: 'GET', path: '/api/call', headers: own })).status).toBe(405);
    expect((await raw(host, { method: 'POST', path: '/api/other', headers: own, body: '{}' })).status).toBe(404);
    expect((await raw(host, { method: 'POST', path: '/api/call', headers: { ...own, 'content-type': 'text/plain' }, body: call })).status).toBe(415);
    const oversized = await raw(host, { method: 'POST', path: '/api/call', headers: own, body: 'x'.repeat(MAX_BODY + 10) });
    expect(oversized.status).toBe(413);
    // The renderer turns the limit it is given into the clerk's message (REQUEST_TOO_LARGE).
    expect(JSON.parse(oversized.body)).toMatchObject({ maxBytes: MAX_BODY });
    expect((await raw(host, { method: 'DELETE', path: '/', headers: own })).status).toBe(405);
  });

  it('reads a call as large as one imported scan in base64 (a 1.5 MB page is not refused as too large)', async () => {
    const body = JSON.stringify({ method: 'scans.import', input: { requestId: 'x', files: [{ name: 'p.jpg', dataBase64: 'A'.repeat(2_000_000) }] } });
    const reply = await raw(host, { method: 'POST', path: '/api/call', headers: own, body });
    expect(reply.status).toBe(200);
    // Read and parsed: the core answers (here: the input is refused by its schema), not the host.
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: expect.any(String) } });
    expect(JSON.parse(reply.body).error.code).not.toBe('INTERNAL');
  });

  it('answers malformed JSON and unknown methods with Vietnamese error bodies', async () => {
    const bad = await raw(host, { method: 'POST', path: '/api/call', headers: own, body: '{not json' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await raw(host, { method: 'POST', path: '/api/call', headers: own, body: JSON.stringify({ method: 'db.drop', input: {} }) });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('sends the strict CSP and anti-framing headers', async () => {
    const r = await raw(host, { path: '/auth?token=' + host.secret, headers: { host: own.host! } });
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  const openSocket = (headers: Record<string, string>) =>
    new Promise<{ opened: boolean; messages: string[]; ws: WebSocket }>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers });
      const messages: string[] = [];
      ws.on('message', (m) => messages.push(String(m)));
      ws.on('open', () => resolve({ opened: true, messages, ws }));
      ws.on('error', () => resolve({ opened: false, messages, ws }));
    });

  it('refuses event sockets without the secret or from another origin', async () => {
    expect((await openSocket({ origin: host.origin })).opened).toBe(false);
    expect((await openSocket({ origin: 'http://evil.example', cookie: own.cookie! })).opened).toBe(false);
    expect((await openSocket({ origin: host.origin, cookie: own.cookie!, host: 'evil.example' })).opened).toBe(false);
  });

  it('pushes core events to an authenticated socket', async () => {
    const socket = await openSocket({ origin: host.origin, cookie: own.cookie! });
    expect(socket.opened).toBe(true);
    await receiveSample(core, systemContext());
    await expect.poll(() => socket.messages.length).toBe(1);
    expect(JSON.parse(socket.messages[0]!)).toMatchObject({ event: 'dossiers.changed' });
    socket.ws.close();
  });
});

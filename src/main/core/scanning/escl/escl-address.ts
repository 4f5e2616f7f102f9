import { isIPv4, isIPv6 } from 'node:net';
import { AppError } from '../../../../shared/api/errors';
import { scanningText } from '../../../../shared/i18n/vi-scanning';

// A scanner's address as a clerk or an admin types it ("192.168.1.20", "192.168.1.20:8080",
// "http://scanner.local:8080/eSCL", "[fd00::20]:8080", "https://…"), turned into the eSCL base
// URL; the refusal says exactly what is wrong, in Vietnamese.

export interface EsclDevice {
  /** What to show: the DNS-SD instance name, or the address as typed. */
  name: string;
  /** ty= of the TXT record (the model), when discovered. */
  model: string | null;
  /** UUID= of the TXT record: stays the same when the scanner's IP changes. */
  uuid: string | null;
  /** The eSCL base URL, http(s)://host:port/eSCL, IPv6 in brackets: createEsclSource({ baseUrl: device.url }). */
  url: string;
  secure: boolean;
  how: 'typed' | 'dns-sd';
}

const reason = scanningText.address;
const invalid = (text: string, why: string) => new AppError('SCANNER_ADDRESS_INVALID', { text: text.slice(0, 200), reason: why });

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

function checkHost(typed: string, host: string): string {
  if (host.startsWith('[')) {
    const inner = host.slice(1, -1);
    if (!host.endsWith(']') || !isIPv6(inner.split('%')[0] ?? '')) throw invalid(typed, reason.ipv6);
    return host;
  }
  if (/^[\d.]+$/.test(host)) {
    if (!isIPv4(host)) throw invalid(typed, reason.ipv4);
    return host;
  }
  if (host.includes(':')) throw invalid(typed, reason.ipv6);
  if (!HOSTNAME.test(host)) throw invalid(typed, reason.host);
  return host.toLowerCase();
}

function checkPort(typed: string, port: string): string {
  if (port === '') return '';
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw invalid(typed, reason.port);
  return port;
}

/** Throws AppError SCANNER_ADDRESS_INVALID with a reason a clerk can act on. */
export function esclDeviceFromAddress(typed: string): EsclDevice {
  const text = typed.trim();
  if (text === '') throw invalid(typed, reason.empty);
  if (/\s/.test(text)) throw invalid(typed, reason.spaces);
  if (/^\d+(,\d+){1,3}(:\d+)?$/.test(text)) throw invalid(typed, reason.comma);

  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : 'http';
  if (scheme !== 'http' && scheme !== 'https') throw invalid(typed, reason.scheme);
  let rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  if (/[@?#]/.test(rest)) throw invalid(typed, reason.extra);

  // A bare IPv6 address has colons of its own: without brackets it cannot carry a port.
  if (!rest.startsWith('[') && isIPv6(rest.split('/')[0]!.split('%')[0] ?? '')) {
    const slash = rest.indexOf('/');
    rest = slash < 0 ? `[${rest}]` : `[${rest.slice(0, slash)}]${rest.slice(slash)}`;
  }
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  let path = slash < 0 ? '' : rest.slice(slash);
  let host: string;
  let port: string;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) throw invalid(typed, reason.ipv6);
    host = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw invalid(typed, reason.ipv6);
    port = after.slice(1);
    if (after === ':') throw invalid(typed, reason.port);
  } else {
    const colon = authority.lastIndexOf(':');
    host = colon < 0 ? authority : authority.slice(0, colon);
    port = colon < 0 ? '' : authority.slice(colon + 1);
    if (colon >= 0 && port === '') throw invalid(typed, reason.port);
  }
  if (host === '') throw invalid(typed, reason.empty);
  host = checkHost(typed, host);
  port = checkPort(typed, port);
  path = path.replace(/\/+$/, '');
  if (path === '') path = '/eSCL';
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(path)) throw invalid(typed, reason.host);

  let url: URL;
  try {
    url = new URL(`${scheme}://${host}${port ? `:${port}` : ''}${path}`);
  } catch {
    throw invalid(typed, reason.host);
  }
  return { name: text, model: null, uuid: null, url: url.href.replace(/\/+$/, ''), secure: scheme === 'https', how: 'typed' };
}

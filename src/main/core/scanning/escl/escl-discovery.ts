import { isIPv4, isIPv6 } from 'node:net';
import { Bonjour, type Service } from 'bonjour-service';
import type { EsclDevice } from './escl-address';

export { esclDeviceFromAddress, type EsclDevice } from './escl-address';

// Scanners announce eSCL over DNS-SD (mDNS): _uscan._tcp for HTTP, _uscans._tcp for HTTPS, with
// a TXT record naming the resource path (rs=eSCL), the model (ty=) and a UUID. Discovery is a
// convenience: on a network without multicast it finds nothing, quietly, and the clerk types the
// scanner's IP instead.

type TxtRecord = Record<string, unknown>;

const txtValue = (txt: TxtRecord | undefined, key: string): string | null => {
  if (!txt) return null;
  const found = Object.keys(txt).find((k) => k.toLowerCase() === key.toLowerCase());
  const v = found === undefined ? undefined : txt[found];
  return typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : null;
};

/** Link-local IPv6 needs a zone the URL cannot carry; loopback is never a scanner on the network. */
function bestAddress(addresses: string[] | undefined, host: string): string | null {
  const list = addresses ?? [];
  const v4 = list.find((a) => isIPv4(a) && !a.startsWith('169.254.'));
  if (v4) return v4;
  const v6 = list.find((a) => isIPv6(a) && !/^fe80:/i.test(a));
  if (v6) return `[${v6}]`;
  return host ? host.replace(/\.$/, '') : null;
}

export function deviceFromService(service: Pick<Service, 'name' | 'port' | 'host' | 'addresses' | 'txt'>, secure: boolean): EsclDevice | null {
  const txt = service.txt as TxtRecord | undefined;
  const address = bestAddress(service.addresses, service.host);
  if (!address || !Number.isInteger(service.port) || service.port <= 0) return null;
  const rs = (txtValue(txt, 'rs') ?? 'eSCL').replace(/^\/+|\/+$/g, '');
  const path = rs === '' ? '' : `/${rs}`;
  let url: string;
  try {
    url = new URL(`${secure ? 'https' : 'http'}://${address}:${service.port}${path}`).href.replace(/\/+$/, '');
  } catch {
    return null;
  }
  return {
    name: service.name,
    model: txtValue(txt, 'ty'),
    uuid: txtValue(txt, 'UUID'),
    url,
    secure,
    how: 'dns-sd',
  };
}

/** Browses _uscan._tcp and _uscans._tcp for `timeoutMs`; never throws, [] when nothing answers. */
export async function discoverEscl(opts: { timeoutMs: number }): Promise<EsclDevice[]> {
  const found = new Map<string, EsclDevice>();
  let bonjour: Bonjour | null = null;
  try {
    bonjour = new Bonjour({}, () => undefined);
    const browsers = (['uscan', 'uscans'] as const).map((type) =>
      bonjour!.find({ type, protocol: 'tcp' }, (service: Service) => {
        const device = deviceFromService(service, type === 'uscans');
        // One scanner may announce both; the UUID (or the address) keeps one entry per protocol.
        if (device) found.set(`${device.uuid ?? device.url}|${device.secure}`, device);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, opts.timeoutMs));
    for (const b of browsers) b.stop();
  } catch {
    // No multicast on this network (or no network): discovery simply finds nothing.
  } finally {
    try {
      bonjour?.destroy();
    } catch {
      // already closed
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || Number(a.secure) - Number(b.secure));
}

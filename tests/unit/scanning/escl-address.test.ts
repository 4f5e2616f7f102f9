import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/api/errors';
import { scanningText } from '../../../src/shared/i18n/vi-scanning';
import { deviceFromService, esclDeviceFromAddress } from '../../../src/main/core/scanning/escl/escl-discovery';

// What a clerk types into "Địa chỉ máy quét", and what comes back: the eSCL base URL, or a
// refusal that says exactly what is wrong.

const url = (text: string) => esclDeviceFromAddress(text).url;

function refusal(text: string): AppError {
  try {
    esclDeviceFromAddress(text);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('esclDeviceFromAddress', () => {
  it('turns an IP, IP:port, a host name or a full URL into the eSCL base URL', () => {
    expect(url('192.168.1.20')).toBe('http://192.168.1.20/eSCL');
    expect(url('  192.168.1.20:8080 ')).toBe('http://192.168.1.20:8080/eSCL');
    expect(url('http://192.168.1.20:8080/eSCL')).toBe('http://192.168.1.20:8080/eSCL');
    expect(url('http://192.168.1.20:8080/eSCL/')).toBe('http://192.168.1.20:8080/eSCL');
    expect(url('HTTP://Scanner-Tang2.local:80/eSCL')).toBe('http://scanner-tang2.local/eSCL');
    expect(url('scanner.local/escl')).toBe('http://scanner.local/escl');
    expect(url('http://10.0.0.5')).toBe('http://10.0.0.5/eSCL');
  });

  it('keeps https and says so', () => {
    const d = esclDeviceFromAddress('https://192.168.1.20:443/eSCL');
    expect(d).toMatchObject({ url: 'https://192.168.1.20/eSCL', secure: true, how: 'typed', model: null, uuid: null });
    expect(esclDeviceFromAddress('https://192.168.1.20:9443').url).toBe('https://192.168.1.20:9443/eSCL');
    expect(esclDeviceFromAddress('192.168.1.20').secure).toBe(false);
  });

  it('puts IPv6 in brackets, with or without a port', () => {
    expect(url('fd00::20')).toBe('http://[fd00::20]/eSCL');
    expect(url('[fd00::20]:8080')).toBe('http://[fd00::20]:8080/eSCL');
    expect(url('http://[fd00::20]:8080/eSCL')).toBe('http://[fd00::20]:8080/eSCL');
    expect(url('https://[2001:db8::1]/eSCL')).toBe('https://[2001:db8::1]/eSCL');
  });

  it.each([
    ['', scanningText.address.empty],
    ['   ', scanningText.address.empty],
    ['192.168.1 .20', scanningText.address.spaces],
    ['192,168,1,20', scanningText.address.comma],
    ['192.168.1.300', scanningText.address.ipv4],
    ['192.168.1', scanningText.address.ipv4],
    ['192.168.1.20:', scanningText.address.port],
    ['192.168.1.20:70000', scanningText.address.port],
    ['192.168.1.20:80a', scanningText.address.port],
    ['ftp://192.168.1.20', scanningText.address.scheme],
    ['ipp://192.168.1.20/ipp/print', scanningText.address.scheme],
    ['http://admin:secret@192.168.1.20', scanningText.address.extra],
    ['192.168.1.20/eSCL?x=1', scanningText.address.extra],
    ['[fd00::20', scanningText.address.ipv6],
    ['[zz::1]:80', scanningText.address.ipv6],
    ['fd00::20::1', scanningText.address.ipv6],
    ['máy-quét.local', scanningText.address.host],
    ['scanner_1', scanningText.address.host],
  ])('refuses %j in Vietnamese, saying why', (text, why) => {
    const e = refusal(text);
    expect(e.code).toBe('SCANNER_ADDRESS_INVALID');
    expect(e.message).toContain(why);
    expect(e.message).toContain('192.168.1.20:8080'); // the example of what to type
  });
});

describe('deviceFromService (a DNS-SD answer)', () => {
  const service = { name: 'Canon MF643C', port: 80, host: 'canon.local', addresses: ['fe80::1', '192.168.1.31'], txt: { rs: 'eSCL', ty: 'Canon MF643C/MF641C', UUID: 'abc-1' } };

  it('reads rs=, ty= and UUID from the TXT record and prefers a routable IPv4 address', () => {
    expect(deviceFromService(service, false)).toEqual({
      name: 'Canon MF643C',
      model: 'Canon MF643C/MF641C',
      uuid: 'abc-1',
      url: 'http://192.168.1.31/eSCL',
      secure: false,
      how: 'dns-sd',
    });
  });

  it('uses the resource path as announced, https for _uscans, brackets for IPv6, the host name as a last resort', () => {
    expect(deviceFromService({ ...service, port: 443, txt: { rs: '/escl/' } }, true)?.url).toBe('https://192.168.1.31/escl');
    expect(deviceFromService({ ...service, addresses: ['fd00::31'] }, false)?.url).toBe('http://[fd00::31]/eSCL');
    expect(deviceFromService({ ...service, addresses: [], port: 8080 }, false)?.url).toBe('http://canon.local:8080/eSCL');
    expect(deviceFromService({ ...service, txt: {} }, false)?.url).toBe('http://192.168.1.31/eSCL');
    expect(deviceFromService({ ...service, port: 0 }, false)).toBeNull();
  });
});

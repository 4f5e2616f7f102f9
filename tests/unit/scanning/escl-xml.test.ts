import { describe, expect, it } from 'vitest';
import { nearestResolution, resolveJobUrl } from '../../../src/main/core/scanning/escl/escl-client';
import { esclFault } from '../../../src/main/core/scanning/escl/escl-faults';
import { EsclXmlError, parseCapabilities, parseStatus, scanSettingsXml, type EsclStatus } from '../../../src/main/core/scanning/escl/escl-xml';
import { parseScanSettings } from '../../doubles/escl-scanner';

// The eSCL documents: what scanners send (with the prefixes and quirks they use) and what we
// refuse to read; the ScanSettings we write; what a ScannerStatus means for the clerk.

const caps = (body: string, prefixes = 'xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"') =>
  `<?xml version="1.0" encoding="UTF-8"?><scan:ScannerCapabilities ${prefixes}>${body}</scan:ScannerCapabilities>`;

const profile = (modes: string[], formats: string, resolutions: string) => `
  <scan:SettingProfiles><scan:SettingProfile>
    <scan:ColorModes>${modes.map((m) => `<scan:ColorMode>${m}</scan:ColorMode>`).join('')}</scan:ColorModes>
    <scan:DocumentFormats>${formats}</scan:DocumentFormats>
    <scan:SupportedResolutions>${resolutions}</scan:SupportedResolutions>
  </scan:SettingProfile></scan:SettingProfiles>`;

describe('parseCapabilities', () => {
  it('reads an HP-style document: platen, simplex and duplex feeder, formats, discrete resolutions', () => {
    const c = parseCapabilities(
      caps(`<pwg:Version>2.63</pwg:Version><pwg:MakeAndModel>HP LaserJet MFP M428fdw &amp; co</pwg:MakeAndModel><scan:UUID>u-1</scan:UUID>
      <scan:Platen><scan:PlatenInputCaps><scan:MinWidth>8</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth><scan:MinHeight>8</scan:MinHeight><scan:MaxHeight>3508</scan:MaxHeight>
      ${profile(['RGB24', 'Grayscale8'], '<pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><pwg:DocumentFormat>application/pdf</pwg:DocumentFormat>', '<scan:DiscreteResolutions><scan:DiscreteResolution><scan:XResolution>300</scan:XResolution><scan:YResolution>300</scan:YResolution></scan:DiscreteResolution><scan:DiscreteResolution><scan:XResolution>75</scan:XResolution><scan:YResolution>75</scan:YResolution></scan:DiscreteResolution><scan:DiscreteResolution><scan:XResolution>600</scan:XResolution><scan:YResolution>300</scan:YResolution></scan:DiscreteResolution></scan:DiscreteResolutions>')}
      </scan:PlatenInputCaps></scan:Platen>
      <scan:Adf><scan:AdfSimplexInputCaps><scan:MaxWidth>2550</scan:MaxWidth><scan:MaxHeight>4200</scan:MaxHeight>
      ${profile(['RGB24'], '<scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt>', '<scan:DiscreteResolutions><scan:DiscreteResolution><scan:XResolution>200</scan:XResolution><scan:YResolution>200</scan:YResolution></scan:DiscreteResolution></scan:DiscreteResolutions>')}
      </scan:AdfSimplexInputCaps></scan:Adf>`),
    );
    expect(c.makeAndModel).toBe('HP LaserJet MFP M428fdw & co');
    expect(c.version).toBe('2.63');
    expect(c.uuid).toBe('u-1');
    expect(c.platen).toMatchObject({ maxWidth: 2550, maxHeight: 3508, colorModes: ['RGB24', 'Grayscale8'], formats: ['image/jpeg', 'application/pdf'], formatExt: false, resolutions: [75, 300] });
    expect(c.adfSimplex).toMatchObject({ maxHeight: 4200, formats: ['image/jpeg'], formatExt: true, resolutions: [200] });
    expect(c.adfDuplex).toBeNull();
  });

  it('does not care which prefix a scanner binds to the namespaces, and expands a resolution range to usual stops', () => {
    const c = parseCapabilities(
      `<?xml version="1.0"?><e:ScannerCapabilities xmlns:e="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:p="http://www.pwg.org/schemas/2010/12/sm">
        <p:MakeAndModel>Brother</p:MakeAndModel><e:Platen><e:PlatenInputCaps><e:SettingProfiles><e:SettingProfile>
        <e:ColorModes><e:ColorMode>Grayscale8</e:ColorMode></e:ColorModes>
        <e:SupportedResolutions><e:ResolutionRange><e:XResolutionRange><e:Min>100</e:Min><e:Max>300</e:Max><e:Step>1</e:Step></e:XResolutionRange></e:ResolutionRange></e:SupportedResolutions>
        </e:SettingProfile></e:SettingProfiles></e:PlatenInputCaps></e:Platen></e:ScannerCapabilities>`,
    );
    expect(c.platen?.resolutions).toEqual([100, 150, 200, 300]);
    expect(c.platen?.colorModes).toEqual(['Grayscale8']);
    expect(c.adfSimplex).toBeNull();
  });

  it('refuses a DOCTYPE or ENTITY before parsing, and documents that are not capabilities', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${caps('<pwg:MakeAndModel>&lol2;</pwg:MakeAndModel>')}`;
    expect(() => parseCapabilities(bomb)).toThrow(expect.objectContaining({ reason: 'doctype' }));
    expect(() => parseCapabilities('<!entity x SYSTEM "file:///etc/passwd">')).toThrow(EsclXmlError);
    expect(() => parseCapabilities('<scan:ScannerCapabilities><unclosed>')).toThrow(expect.objectContaining({ reason: 'xml' }));
    expect(() => parseCapabilities('<html><body>Login</body></html>')).toThrow(expect.objectContaining({ reason: 'notCapabilities' }));
    expect(() => parseCapabilities(caps('<pwg:MakeAndModel>No sources</pwg:MakeAndModel>'))).toThrow(expect.objectContaining({ reason: 'noSources' }));
  });
});

describe('parseStatus and esclFault', () => {
  const status = (state: string, adf: string | null, jobs = '') =>
    parseStatus(
      `<scan:ScannerStatus xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"><pwg:State>${state}</pwg:State>${adf ? `<scan:AdfState>${adf}</scan:AdfState>` : ''}<scan:Jobs>${jobs}</scan:Jobs></scan:ScannerStatus>`,
    );
  const ctx = { device: '10.0.0.5', adf: true, pages: 4 };
  const code = (st: EsclStatus, more: Partial<Parameters<typeof esclFault>[1]> = {}) => esclFault(st, { ...ctx, ...more })?.code ?? null;

  it('reads the state, the feeder and the jobs', () => {
    const st = status('Processing', 'ScannerAdfLoaded', '<scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/7</pwg:JobUri><pwg:JobState>Aborted</pwg:JobState><pwg:JobStateReasons><pwg:JobStateReason>AdfJam</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo>');
    expect(st).toEqual({ state: 'Processing', adfState: 'ScannerAdfLoaded', jobs: [{ uri: '/eSCL/ScanJobs/7', uuid: null, state: 'Aborted', reasons: ['AdfJam'] }] });
  });

  it('turns the feeder state into what the clerk must do', () => {
    expect(code(status('Idle', 'ScannerAdfJam'))).toBe('SCANNER_JAMMED');
    expect(code(status('Idle', 'ScannerAdfMispick'))).toBe('SCANNER_JAMMED');
    expect(code(status('Idle', 'ScannerAdfHatchOpen'))).toBe('SCANNER_COVER_OPEN');
    expect(code(status('Idle', 'ScannerAdfDoorOpen'))).toBe('SCANNER_COVER_OPEN');
    expect(code(status('Idle', 'ScannerAdfEmpty'))).toBeNull();
    expect(code(status('Idle', 'ScannerAdfEmpty'), { emptyIsFault: true })).toBe('SCANNER_FEEDER_EMPTY');
    expect(code(status('Idle', 'ScannerAdfLoaded'))).toBeNull();
    expect(code(status('Stopped', null))).toBe('SCANNER_STOPPED');
    // The platen does not care about the feeder.
    expect(code(status('Idle', 'ScannerAdfJam'), { adf: false })).toBeNull();
    expect(esclFault(status('Idle', 'ScannerAdfJam'), ctx)?.message).toContain('đã nhận 4 trang');
  });

  it("reads a jam from our job's reasons when the feeder state says nothing", () => {
    const st = status('Idle', null, '<scan:JobInfo><pwg:JobUri>http://scanner.local/eSCL/ScanJobs/7</pwg:JobUri><pwg:JobState>Aborted</pwg:JobState><pwg:JobStateReasons><pwg:JobStateReason>AdfJam</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo>');
    expect(code(st, { jobPath: '/eSCL/ScanJobs/7' })).toBe('SCANNER_JAMMED');
    expect(code(st, { jobPath: '/eSCL/ScanJobs/8' })).toBeNull();
  });
});

describe('scanSettingsXml', () => {
  it('writes what a scanner (our double) reads back', () => {
    const xml = scanSettingsXml({ version: '2.63', inputSource: 'Feeder', duplex: true, colorMode: 'Grayscale8', resolution: 200, format: 'application/pdf', formatExt: true, width: 2480, height: 3508 });
    expect(parseScanSettings(xml)).toEqual({ inputSource: 'Feeder', duplex: true, colorMode: 'Grayscale8', resolution: 200, format: 'application/pdf', width: 2480, height: 3508 });
    const platen = scanSettingsXml({ version: '<x>', inputSource: 'Platen', duplex: true, colorMode: 'RGB24', resolution: 300, format: 'image/jpeg', formatExt: false, width: 100, height: 200 });
    expect(platen).toContain('<pwg:Version>2.0</pwg:Version>');
    expect(platen).not.toContain('Duplex');
    expect(platen).not.toContain('DocumentFormatExt');
  });
});

describe('resolveJobUrl and nearestResolution', () => {
  const base = new URL('http://192.168.1.20:8080/eSCL');

  it('resolves relative and absolute Locations, always on the scanner we talk to', () => {
    expect(resolveJobUrl(base, '/eSCL/ScanJobs/42')?.href).toBe('http://192.168.1.20:8080/eSCL/ScanJobs/42');
    expect(resolveJobUrl(base, 'ScanJobs/42')?.href).toBe('http://192.168.1.20:8080/eSCL/ScanJobs/42');
    expect(resolveJobUrl(base, 'http://HPA1B2C3.local:8080/eSCL/ScanJobs/42')?.href).toBe('http://192.168.1.20:8080/eSCL/ScanJobs/42');
    expect(resolveJobUrl(new URL('https://10.0.0.9/eSCL'), 'http://evil.example/eSCL/ScanJobs/1')?.href).toBe('https://10.0.0.9/eSCL/ScanJobs/1');
    expect(resolveJobUrl(base, 'javascript:alert(1)')).toBeNull();
  });

  it("picks the scanner's nearest resolution, ties going up", () => {
    expect(nearestResolution([100, 150, 300, 600], 200)).toBe(150);
    expect(nearestResolution([100, 300], 200)).toBe(300);
    expect(nearestResolution([75, 150, 200], 200)).toBe(200);
    expect(nearestResolution([], 200)).toBe(200);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as protocol from '../../../src/main/core/sync/protocol';
import { projectRoot } from '../../support/host-process';

// docs/openapi/sync-v1.yaml is what a province implements from; protocol.ts is what our code
// enforces. This test keeps the two honest: the YAML is a valid OpenAPI 3.1 document, every
// component schema has the same structure and limits as its zod schema, the same messages
// pass and fail both, the examples in the YAML and in docs/sync-protocol.md are valid, and the
// paths are the endpoints listed at the top of protocol.ts.

const yamlFile = join(projectRoot, 'docs', 'openapi', 'sync-v1.yaml');
const markdownFile = join(projectRoot, 'docs', 'sync-protocol.md');
const protocolFile = join(projectRoot, 'src', 'main', 'core', 'sync', 'protocol.ts');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function loadSpec(): JsonObject {
  const doc = parseDocument(readFileSync(yamlFile, 'utf8'), { uniqueKeys: true });
  if (doc.errors.length || doc.warnings.length) throw new Error([...doc.errors, ...doc.warnings].map(String).join('\n'));
  const spec = doc.toJS() as unknown;
  if (!isObject(spec)) throw new Error('the YAML is not a mapping');
  return spec;
}

/** OpenAPI component → the zod schema of protocol.ts it mirrors. */
const mirrors: Record<string, z.ZodType> = {
  HealthReply: protocol.healthReply,
  TokenRequest: protocol.tokenRequest,
  TokenReply: protocol.tokenReply,
  DossierRecord: protocol.dossierRecord,
  AttachmentRef: protocol.attachmentRef,
  StatusChange: protocol.statusChange,
  Change: protocol.change,
  ChangesRequest: protocol.changesRequest,
  ChangeOutcome: protocol.changeOutcome,
  ChangeResult: protocol.changeResult,
  ChangesReply: protocol.changesReply,
  FileOffer: protocol.fileOffer,
  FileState: protocol.fileState,
  ProgressStep: protocol.progressStep,
  ResultDocument: protocol.resultDocument,
  FeedItem: protocol.feedItem,
  FeedReply: protocol.feedReply,
  ErrorReply: protocol.errorReply,
};

function zodOf(component: string): z.ZodType {
  const schema = mirrors[component];
  if (!schema) throw new Error(`no zod mirror for ${component}`);
  return schema;
}

// ---------------------------------------------------------------------------------------------
// Structure: both sides reduced to one canonical shape (nullability, closed objects, bounds,
// discriminated unions by tag value), so that notation differences do not matter but every
// field, requirement and limit does.

type Shape =
  | { t: 'object'; nullable: boolean; closed: boolean; required: string[]; props: Record<string, Shape> }
  | { t: 'map'; nullable: boolean }
  | { t: 'array'; nullable: boolean; min: number | null; max: number | null; items: Shape }
  | { t: 'union'; nullable: boolean; tag: string; branches: Record<string, Shape> }
  | { t: 'string'; nullable: boolean; min: number | null; max: number | null; const: string | null; enum: string[] | null; format: string | null; pattern: string | null }
  | { t: 'integer' | 'number'; nullable: boolean; min: number | null; max: number | null }
  | { t: 'boolean'; nullable: boolean };

const num = (v: Json | undefined): number | null => (typeof v === 'number' && Math.abs(v) !== Number.MAX_SAFE_INTEGER ? v : null);

function shapeOf(input: Json, resolve: (ref: string) => Json, nullable = false): Shape {
  if (!isObject(input)) throw new Error(`not a schema: ${JSON.stringify(input)}`);
  let s: JsonObject = input;
  while (typeof s.$ref === 'string') {
    const target = resolve(s.$ref);
    if (!isObject(target)) throw new Error(`unresolved ${s.$ref}`);
    s = target;
  }
  // Nullability: `type: [T, 'null']` or anyOf/oneOf [X, {type: 'null'}].
  const alternatives = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null;
  if (alternatives) {
    const isNull = (x: Json) => isObject(x) && x.type === 'null';
    const rest = alternatives.filter((x) => !isNull(x));
    const withNull = nullable || rest.length < alternatives.length;
    if (rest.length === 1) return shapeOf(rest[0]!, resolve, withNull);
    // A discriminated union: the property whose const differs in every branch.
    const branches = rest.map((b) => {
      let x: Json = b;
      while (isObject(x) && typeof x.$ref === 'string') x = resolve(x.$ref);
      if (!isObject(x) || !isObject(x.properties)) throw new Error('a union branch is not an object');
      return x;
    });
    const first = branches[0]!.properties as JsonObject;
    const tag = Object.keys(first).find((k) => {
      const values = branches.map((b) => ((b.properties as JsonObject)[k] as JsonObject | undefined)?.const);
      return values.every((v) => typeof v === 'string') && new Set(values).size === branches.length;
    });
    if (!tag) throw new Error('a union without a distinct tag');
    const mapped: Record<string, Shape> = {};
    for (const b of branches) mapped[String(((b.properties as JsonObject)[tag] as JsonObject).const)] = shapeOf(b, resolve);
    return { t: 'union', nullable: withNull, tag, branches: mapped };
  }
  let type = s.type;
  if (Array.isArray(type)) {
    if (type.includes('null')) nullable = true;
    const rest = type.filter((x) => x !== 'null');
    if (rest.length !== 1) throw new Error(`a union of types ${JSON.stringify(type)}`);
    type = rest[0]!;
  }
  if (type === undefined && Array.isArray(s.enum)) type = 'string';
  switch (type) {
    case 'object': {
      const props = isObject(s.properties) ? s.properties : null;
      if (!props) {
        const extra = s.additionalProperties;
        if (extra === undefined || extra === true || (isObject(extra) && Object.keys(extra).length === 0)) return { t: 'map', nullable };
        throw new Error('an object with typed additional properties');
      }
      const shaped: Record<string, Shape> = {};
      for (const [k, v] of Object.entries(props)) shaped[k] = shapeOf(v, resolve);
      const required = Array.isArray(s.required) ? s.required.map(String).sort() : [];
      return { t: 'object', nullable, closed: s.additionalProperties === false, required, props: shaped };
    }
    case 'array':
      return { t: 'array', nullable, min: num(s.minItems), max: num(s.maxItems), items: shapeOf(s.items ?? {}, resolve) };
    case 'string':
      return {
        t: 'string',
        nullable,
        min: num(s.minLength),
        max: num(s.maxLength),
        const: typeof s.const === 'string' ? s.const : null,
        enum: Array.isArray(s.enum) ? s.enum.map(String).sort() : null,
        format: typeof s.format === 'string' ? s.format : null,
        // A format's pattern is notation (zod spells out the calendar); the samples test it.
        pattern: typeof s.format === 'string' ? null : typeof s.pattern === 'string' ? s.pattern : null,
      };
    case 'integer':
    case 'number': {
      let min = num(s.minimum);
      // zod says positive() as exclusiveMinimum 0; for an integer that is minimum 1.
      const exclusive = num(s.exclusiveMinimum);
      if (exclusive !== null) min = type === 'integer' ? exclusive + 1 : exclusive;
      return { t: type, nullable, min, max: num(s.maximum) };
    }
    case 'boolean':
      return { t: 'boolean', nullable };
    default:
      throw new Error(`unsupported schema ${JSON.stringify(s)}`);
  }
}

function zodShape(schema: z.ZodType): Shape {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as unknown as Json;
  const root = json as JsonObject;
  const resolve = (ref: string): Json => {
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    const defs = root.$defs;
    if (!m || !isObject(defs)) throw new Error(`zod ref ${ref}`);
    return defs[m[1]!] ?? null;
  };
  return shapeOf(json, resolve);
}

// ---------------------------------------------------------------------------------------------
// Ajv (JSON Schema 2020-12, strict) over the YAML's component schemas.

/** RFC 3339 date-time with a real calendar date (the pattern in the YAML narrows it to UTC). */
function isDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i.exec(s);
  return m !== null && isDate(`${m[1]}-${m[2]}-${m[3]}`);
}
function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const BUNDLE = 'urn:motcua:sync-v1';

function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out[k] = v.replace('#/components/schemas/', '#/$defs/');
    // Ajv derives the mapping from each branch's const and refuses an explicit one; a separate
    // test checks the YAML's mapping says the same.
    else if (k === 'discriminator' && isObject(v)) out[k] = { propertyName: v.propertyName ?? null };
    else out[k] = rewriteRefs(v);
  }
  return out;
}

function buildAjv(schemas: JsonObject): (component: string) => ValidateFunction {
  const ajv = new Ajv2020({ strict: true, strictTypes: true, allowUnionTypes: true, discriminator: true, allErrors: true });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  ajv.addFormat('date', { type: 'string', validate: isDate });
  ajv.addSchema({ $id: BUNDLE, $defs: rewriteRefs(schemas) });
  const cache = new Map<string, ValidateFunction>();
  return (component) => {
    let v = cache.get(component);
    if (!v) {
      v = ajv.compile({ $ref: `${BUNDLE}#/$defs/${component}` });
      cache.set(component, v);
    }
    return v;
  };
}

// ---------------------------------------------------------------------------------------------
// Sample messages (one unit, one dossier: 000.00.06.H56-261123-0001).

const dossierId = '01a2062f-83f8-705e-9f30-73cc953b98d9';
const fileHash = '85e738b4a2c6ca498ae0b48b1b8b7c371b750cee71219b27a2618596b0ef4799';

const record = {
  id: dossierId,
  code: '000.00.06.H56-261123-0001',
  unitCode: '000.00.06.H56',
  counterNumber: 1,
  procedureCode: '1.004873',
  procedureName: 'Cấp Giấy xác nhận tình trạng hôn nhân',
  procedureVersion: 3,
  applicantName: 'Nguyễn Thị Hồng Nhung',
  applicantIdNumber: '056196001234',
  applicantPhone: '0905123456',
  status: 2,
  channel: 1,
  receivedAt: '2026-11-23T02:15:07.000Z',
  dueAt: '2026-11-27T10:00:00.000Z',
  pausedAt: null,
  feeTotal: 15000,
  receivedBy: 'Trần Văn Minh',
  details: {
    applicant: {
      kind: 'person',
      fullName: 'Nguyễn Thị Hồng Nhung',
      idNumber: '056196001234',
      birthDate: '1996-04-12',
      gender: 'female',
      address: 'Số 12 đường Yersin, phường Nha Trang, tỉnh Khánh Hòa',
      phone: '0905123456',
    },
    owner: null,
    role: 'owner',
    checklist: [{ code: 'TK', name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', handedOver: true, originals: 1, certifiedCopies: 0, photocopies: 0 }],
    sets: 1,
    fees: { lines: [{ code: 'LP-XNHN', name: 'Lệ phí cấp Giấy xác nhận tình trạng hôn nhân', quantity: 1, unitAmount: 15000, amount: 15000 }], total: 15000 },
    resultDelivery: { method: 'counter' },
    receivingUnit: { code: '000.00.06.H56', name: 'Trung tâm Phục vụ hành chính công phường Nha Trang' },
    decidingAuthority: 'UBND phường Nha Trang',
    summary: 'Xác nhận tình trạng hôn nhân để đăng ký kết hôn',
  },
};

const envelope = (key: string, at: string) => ({ key, entity: 'dossier', entityId: dossierId, at });
const receiveChange = { ...envelope('01a2062f-83f8-73ed-84c9-dec2f92cfe73', '2026-11-23T02:15:07.000Z'), operation: 'dossier.receive', payload: { record } };
const attachChange = {
  ...envelope('01a20635-8320-757c-862f-440791fadec2', '2026-11-23T02:21:40.000Z'),
  operation: 'dossier.attach',
  payload: { attachments: [{ documentCode: 'TK', sha256: fileHash, size: 482133, pages: 2 }] },
};
const statusChange = {
  ...envelope('01a20ba3-c560-708a-837b-5fb8f7dd349d', '2026-11-24T03:40:12.000Z'),
  operation: 'dossier.status',
  payload: { status: 5, revision: 2, dueAt: '2026-11-27T10:00:00.000Z', pausedAt: '2026-11-24T03:40:12.000Z', note: 'Bổ sung trích lục khai tử của chồng trước đây' },
};

const changesReply = {
  results: [
    { key: receiveChange.key, outcome: 'applied' },
    { key: attachChange.key, outcome: 'retry', error: 'missing_file', message: 'Chưa nhận đủ tệp của thành phần TK' },
    { key: statusChange.key, outcome: 'duplicate' },
    { key: '01a1fb60-4a10-7d2e-8b55-7f3c1e9a0d42', outcome: 'rejected', error: 'code_conflict', message: 'Mã hồ sơ đã được dùng cho một hồ sơ khác' },
  ],
  serverTime: '2026-11-23T02:21:41.250Z',
};

const dossierItem = {
  seq: 1042,
  kind: 'dossier',
  version: 5,
  dossier: { ...record, status: 9 },
  progress: {
    handler: 'Lê Thị Thu Hà',
    title: 'Công chức Tư pháp - Hộ tịch',
    department: 'UBND phường Nha Trang',
    content: 'Đã ký Giấy xác nhận tình trạng hôn nhân',
    at: '2026-11-26T08:30:00.000Z',
    status: 9,
  },
  result: { documents: [{ name: 'Giấy xác nhận tình trạng hôn nhân', documentCode: 'XNHN', fileId: null }], note: null, at: '2026-11-26T08:30:00.000Z' },
};
const feedReply = {
  items: [
    dossierItem,
    { seq: 1043, kind: 'dossier', version: 1, dossier: { ...record, id: '01a2063a-0000-7000-8000-000000000002', code: '000.00.06.H56-261123-0002', counterNumber: 2, details: null }, progress: null, result: null },
    { seq: 1044, kind: 'catalog', procedure: { code: '1.004873', name: 'Cấp Giấy xác nhận tình trạng hôn nhân', processingTime: { value: 3, unit: 'working-days' } } },
    { seq: 1045, kind: 'calendar', date: '2027-02-05', day: { kind: 'off', name: 'Nghỉ Tết Nguyên đán' } },
    { seq: 1046, kind: 'calendar', date: '2027-02-13', day: null },
  ],
  cursor: 'eyJzZXEiOjEwNDZ9',
  hasMore: false,
  serverTime: '2026-11-26T08:31:02.118Z',
};

const validSamples: [component: string, label: string, sample: unknown][] = [
  ['Change', 'a receive change with a full record', receiveChange],
  ['Change', 'an attach change', attachChange],
  ['Change', 'a status change', statusChange],
  ['ChangesRequest', 'a batch of the three, in order', { changes: [receiveChange, attachChange, statusChange] }],
  ['ChangesReply', 'a reply with each outcome', changesReply],
  ['ChangesReply', 'an empty reply (nothing acknowledged)', { results: [], serverTime: '2026-11-23T02:21:41Z' }],
  ['FeedReply', 'a feed page with each item kind', feedReply],
  ['FeedReply', 'an empty page, caught up', { items: [], cursor: '', hasMore: false, serverTime: '2026-11-26T08:31:02.118Z' }],
  ['TokenRequest', 'a login', { username: 'quay1', password: 'quay1-matkhau', deviceId: '01a1f677-aa80-73b1-8f9d-c928211cc7fe' }],
  ['TokenReply', 'a token', { token: '9f2c4e1ab7d84c0e93f5a6b2d1e07c48', expiresAt: '2026-11-23T03:15:09.000Z', unitCode: '000.00.06.H56', serverTime: '2026-11-23T02:15:09.000Z' }],
  ['FileOffer', 'a file offer', { sha256: fileHash, size: 482133, mediaType: 'application/pdf' }],
  ['FileState', 'a part held', { offset: 262144, complete: false }],
  ['FileState', 'a whole file held', { offset: 482133, complete: true }],
  ['HealthReply', 'health', { serverTime: '2026-11-23T02:15:09.412Z', protocol: protocol.PROTOCOL_VERSION }],
  ['ErrorReply', 'an error', { error: 'token_expired', message: 'Phiên đăng nhập đã hết hạn' }],
  ['ErrorReply', 'an error without message', { error: 'disk_full' }],
];

/** A deep copy of `value` changed by `edit`. */
function altered<T>(value: T, edit: (copy: T) => void): T {
  const copy = structuredClone(value);
  edit(copy);
  return copy;
}

const tooMany = Array.from({ length: protocol.SYNC_LIMITS.changesPerBatch + 1 }, (_, i) => ({ ...statusChange, key: `k${i}` }));

const invalidSamples: [component: string, label: string, sample: unknown][] = [
  ['Change', 'status 11', altered(receiveChange, (c) => void (c.payload.record.status = 11))],
  ['Change', 'a local time with an offset', altered(receiveChange, (c) => void (c.payload.record.receivedAt = '2026-11-23T09:15:07+07:00'))],
  ['Change', 'a date that does not exist', altered(receiveChange, (c) => void (c.payload.record.dueAt = '2026-02-30T10:00:00.000Z'))],
  ['Change', 'an empty dossier code', altered(receiveChange, (c) => void (c.payload.record.code = ''))],
  ['Change', 'a record without its applicant', altered(receiveChange, (c) => void delete (c.payload.record as Partial<typeof record>).applicantName)],
  ['Change', 'a fractional fee', altered(receiveChange, (c) => void (c.payload.record.feeTotal = 1500.5))],
  ['Change', 'an unknown operation', { ...statusChange, operation: 'dossier.delete' }],
  ['Change', 'an attach payload under the status operation', { ...attachChange, operation: 'dossier.status' }],
  ['Change', 'an upper-case hash', altered(attachChange, (c) => void (c.payload.attachments[0]!.sha256 = fileHash.toUpperCase()))],
  ['Change', 'a revision of 0', altered(statusChange, (c) => void (c.payload.revision = 0))],
  ['ChangesRequest', 'no changes', { changes: [] }],
  ['ChangesRequest', 'one change over the batch limit', { changes: tooMany }],
  ['ChangesRequest', 'an unknown top-level field', { changes: [statusChange], since: 0 }],
  ['ChangesReply', 'an unknown outcome', altered(changesReply, (r) => void (r.results[0]!.outcome = 'ok'))],
  ['ChangesReply', 'no serverTime', { results: [] }],
  ['FeedReply', 'an unknown item kind', altered(feedReply, (r) => void ((r.items[2] as { kind: string }).kind = 'news'))],
  ['FeedReply', 'a calendar day of an unknown kind', altered(feedReply, (r) => void ((r.items[3] as { day: { kind: string } }).day.kind = 'holiday'))],
  ['FeedReply', 'a feed item with seq 0', altered(feedReply, (r) => void (r.items[0]!.seq = 0))],
  ['TokenRequest', 'an extra field', { username: 'quay1', password: 'x', deviceId: 'd', unit: '000.00.06.H56' }],
  ['TokenReply', 'a token too short', { token: 'short', expiresAt: '2026-11-23T03:15:09.000Z', unitCode: 'u', serverTime: '2026-11-23T02:15:09.000Z' }],
  ['FileOffer', 'a file over fileMax', { sha256: fileHash, size: protocol.SYNC_LIMITS.fileMax + 1, mediaType: 'application/pdf' }],
  ['FileState', 'a negative offset', { offset: -1, complete: false }],
  ['ErrorReply', 'no error code', { message: 'Lỗi' }],
];

// ---------------------------------------------------------------------------------------------

describe('docs/openapi/sync-v1.yaml', () => {
  let spec: JsonObject;
  let schemas: JsonObject;
  let ajvFor: (component: string) => ValidateFunction;

  const resolveSpec = (ref: string): Json => {
    if (!ref.startsWith('#/')) throw new Error(`external ref ${ref}`);
    let node: Json = spec;
    for (const part of ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))) {
      if (!isObject(node) || !(part in node)) throw new Error(`unresolved ${ref}`);
      node = node[part]!;
    }
    return node;
  };

  beforeAll(() => {
    spec = loadSpec();
    const components = spec.components;
    if (!isObject(components) || !isObject(components.schemas)) throw new Error('no components.schemas');
    schemas = components.schemas;
    ajvFor = buildAjv(schemas);
  });

  describe('is a valid OpenAPI 3.1 document', () => {
    it('passes the OpenAPI 3.1 schema validator', async () => {
      const validator = new Validator();
      const result = await validator.validate(spec);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validator.version).toBe('3.1');
    });

    it('resolves every $ref inside the document', () => {
      const refs: string[] = [];
      const walk = (node: Json) => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (isObject(node)) {
          for (const [k, v] of Object.entries(node)) {
            if (k === '$ref' && typeof v === 'string') refs.push(v);
            else walk(v);
          }
        }
      };
      walk(spec);
      expect(refs.length).toBeGreaterThan(50);
      for (const ref of refs) expect(() => resolveSpec(ref), ref).not.toThrow();
    });

    it('compiles every component schema with Ajv 2020-12 in strict mode', () => {
      for (const name of Object.keys(schemas)) expect(() => ajvFor(name), name).not.toThrow();
    });

    it('maps each discriminator value to the branch whose const it is', () => {
      for (const [name, schema] of Object.entries(schemas)) {
        if (!isObject(schema) || !isObject(schema.discriminator)) continue;
        const tag = String(schema.discriminator.propertyName);
        const fromBranches: Record<string, string> = {};
        for (const branch of schema.oneOf as { $ref: string }[]) {
          const target = resolveSpec(branch.$ref) as { properties: Record<string, { const: string }> };
          fromBranches[target.properties[tag]!.const] = branch.$ref;
        }
        expect(schema.discriminator.mapping, name).toEqual(fromBranches);
      }
    });
  });

  describe('agrees with protocol.ts', () => {
    it('mirrors every schema protocol.ts exports', () => {
      const exported = Object.entries(protocol).filter(([, v]) => v instanceof z.ZodType).map(([k]) => k);
      const mirrored = new Set(Object.values(mirrors));
      const unmirrored = exported.filter((k) => !mirrored.has((protocol as Record<string, unknown>)[k] as z.ZodType));
      expect(unmirrored).toEqual([]);
      for (const name of Object.keys(mirrors)) expect(schemas[name], name).toBeDefined();
    });

    it.each(Object.keys(mirrors))('%s has the same fields, requirements and limits as its zod schema', (name) => {
      expect(shapeOf(schemas[name]!, resolveSpec)).toEqual(zodShape(zodOf(name)));
    });

    it('repeats SYNC_LIMITS and uses them for the query, header and body limits', () => {
      expect(spec['x-sync-limits']).toEqual({ ...protocol.SYNC_LIMITS });
      expect(spec['x-protocol']).toBe(protocol.PROTOCOL_VERSION);
      const feed = resolveSpec('#/paths/~1feed/get/parameters') as { name: string; schema: { maximum: number } }[];
      expect(feed.find((p) => p.name === 'limit')?.schema.maximum).toBe(protocol.SYNC_LIMITS.feedPageMax);
      const patch = resolveSpec('#/paths/~1files~1{sha256}/patch/parameters') as { name: string; schema: { maximum: number } }[];
      expect(patch.find((p) => p.name === 'Upload-Offset')?.schema.maximum).toBe(protocol.SYNC_LIMITS.fileMax);
      expect(resolveSpec('#/components/headers/UploadOffset/schema/maximum')).toBe(protocol.SYNC_LIMITS.fileMax);
    });

    it.each(validSamples)('%s: %s — valid for zod and for the YAML', (component, _label, sample) => {
      const zodResult = zodOf(component).safeParse(sample);
      expect(zodResult.error?.issues ?? []).toEqual([]);
      const validate = ajvFor(component);
      expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
    });

    it.each(invalidSamples)('%s: %s — refused by zod and by the YAML', (component, _label, sample) => {
      expect(zodOf(component).safeParse(sample).success).toBe(false);
      expect(ajvFor(component)(sample)).toBe(false);
    });

    it('every example in the YAML is valid for its schema and for zod', () => {
      let seen = 0;
      const paths = spec.paths as Record<string, Record<string, JsonObject>>;
      const check = (media: Json, where: string) => {
        if (!isObject(media) || !isObject(media.schema) || !isObject(media.examples)) return;
        const ref = media.schema.$ref;
        if (typeof ref !== 'string') return;
        const component = ref.replace('#/components/schemas/', '');
        for (const [name, example] of Object.entries(media.examples)) {
          const value = (example as { value: unknown }).value;
          seen += 1;
          const validate = ajvFor(component);
          expect(validate(value), `${where} ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
          if (mirrors[component]) expect(zodOf(component).safeParse(value).error?.issues ?? [], `${where} ${name}`).toEqual([]);
        }
      };
      const contents = (holder: Json, where: string) => {
        if (isObject(holder) && typeof holder.$ref === 'string') holder = resolveSpec(holder.$ref);
        if (isObject(holder) && isObject(holder.content)) for (const [type, media] of Object.entries(holder.content)) check(media, `${where} ${type}`);
      };
      for (const [path, item] of Object.entries(paths)) {
        for (const [method, op] of Object.entries(item)) {
          if (!isObject(op) || method === 'parameters') continue;
          contents(op.requestBody ?? null, `${method} ${path} request`);
          for (const [status, reply] of Object.entries(isObject(op.responses) ? op.responses : {})) contents(reply, `${method} ${path} ${status}`);
        }
      }
      expect(seen).toBeGreaterThanOrEqual(12);
    });
  });

  it('has exactly the endpoints listed at the top of protocol.ts', () => {
    const source = readFileSync(protocolFile, 'utf8');
    const listed = [...source.matchAll(/^\/\/\s+(GET|POST|PUT|PATCH|DELETE)\s+(\/\S*)/gm)].map((m) => `${m[1]} ${m[2]!.split('?')[0]}`);
    expect(listed.length).toBeGreaterThanOrEqual(6);
    const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
    const documented = Object.entries(spec.paths as Record<string, JsonObject>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((k) => methods.has(k))
        .map((k) => `${k.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(listed.sort());
  });
});

describe('docs/sync-protocol.md', () => {
  it('every marked JSON example is valid for zod and for the YAML', () => {
    const text = readFileSync(markdownFile, 'utf8');
    const examples = [...text.matchAll(/<!-- example: (\w+) -->\s*```json\n([\s\S]*?)```/g)];
    expect(examples.length).toBeGreaterThanOrEqual(8);
    const spec = loadSpec();
    const ajvFor = buildAjv((spec.components as { schemas: JsonObject }).schemas);
    for (const [, component, body] of examples) {
      const value = JSON.parse(body!) as unknown;
      expect(zodOf(component!).safeParse(value).error?.issues ?? [], component).toEqual([]);
      const validate = ajvFor(component!);
      expect(validate(value), `${component}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});

import { randomUUID } from 'node:crypto';
import type { ReceiveInput } from '../../src/shared/api/calls/dossiers';
import type { Core } from '../../src/main/core/core';
import type { CallContext } from '../../src/main/core/dispatcher';

/** The current catalogue version of a procedure, by national code (the sample catalogue is seeded). */
export async function procedureId(core: Pick<Core, 'dispatch'>, ctx: CallContext, code: string): Promise<string> {
  const r = await core.dispatch('catalog.search', { query: code, limit: 1 }, ctx);
  if (!r.ok) throw new Error(r.error.message);
  const hit = (r.value as { id: string; code: string }[])[0];
  if (!hit || hit.code !== code) throw new Error(`procedure ${code} not in the sample catalogue`);
  return hit.id;
}

/** A complete, valid dossier for "Đăng ký khai sinh" (1.001193); override what a test needs. */
export function sampleDossier(procedure: string, overrides: Partial<ReceiveInput> = {}): ReceiveInput {
  return {
    requestId: randomUUID(),
    procedureId: procedure,
    applicant: {
      kind: 'person',
      fullName: 'Nguyễn Văn An',
      idNumber: '001090012345',
      birthDate: '1990-05-12',
      gender: 'male',
      address: 'Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội',
      phone: '0912 345 678',
    },
    role: 'owner',
    checklist: [
      { code: 'TK', name: 'Tờ khai đăng ký khai sinh', handedOver: true, originals: 1, certifiedCopies: 0, photocopies: 0 },
      { code: 'GCS', name: 'Giấy chứng sinh', handedOver: true, originals: 1, certifiedCopies: 0, photocopies: 0 },
    ],
    sets: 1,
    ...overrides,
  };
}

/** Receives a sample dossier through the dispatcher; returns its detail. */
export async function receiveSample(core: Pick<Core, 'dispatch'>, ctx: CallContext, overrides: Partial<ReceiveInput> = {}, code = '1.001193') {
  const r = await core.dispatch('dossiers.receive', sampleDossier(await procedureId(core, ctx, code), overrides), ctx);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { id: string; code: string; status: number; revision: number; dueAt: string; receivedAt: string; applicantName: string };
}

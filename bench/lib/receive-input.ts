import { randomUUID } from 'node:crypto';
import type { ApplicantInput, ReceiveInput } from '../../src/shared/api/calls/dossiers';
import type { Procedure } from '../../src/shared/catalog/procedure';
import type { Rng } from './random';
import type { Applicant as Person } from './vietnamese-data';

// What a clerk's intake form sends to dossiers.receive (src/renderer/src/intake/intake-state.ts,
// toReceiveInput), for generated people: shared by the save benchmark and `motcua demo seed`.

/** A generated person as the applicant part of the form. */
export function applicantInputOf(p: Person): ApplicantInput {
  return {
    kind: 'person',
    fullName: p.name.full,
    idNumber: p.cccd,
    birthDate: p.birthDate,
    gender: p.gender,
    address: p.address.text,
    phone: p.phone,
  };
}

export interface ReceiveInputOptions {
  /** The catalogue version: its id and the record's documents and fees. */
  procedure: { id: string; documents: Procedure['documents']; fees: Procedure['fees'] };
  /** The holder (chủ hồ sơ). */
  holder: ApplicantInput;
  /** The person at the counter when not the holder (with an authorisation). */
  representative?: ApplicantInput | null;
  requestId?: string;
  byPost?: boolean;
}

/**
 * A complete dossier as the form sends it: every document of the procedure in the checklist,
 * the required ones (and some optional ones) ticked; copies and pages for fees priced by them.
 */
export function receiveInputFor(rng: Rng, o: ReceiveInputOptions): ReceiveInput {
  const copyPriced = o.procedure.fees.some((f) => f.basis !== 'per-dossier');
  const pagePriced = o.procedure.fees.some((f) => f.basis === 'per-page' || f.basis === 'tiered-per-page');
  const rep = o.representative ?? null;
  return {
    requestId: o.requestId ?? randomUUID(),
    procedureId: o.procedure.id,
    applicant: rep ?? o.holder,
    role: rep ? 'representative' : 'owner',
    owner: rep ? o.holder : undefined,
    checklist: o.procedure.documents.map((d) => ({
      code: d.code,
      name: d.name,
      handedOver: d.required || rng.chance(0.3),
      originals: d.originals,
      certifiedCopies: d.copies,
      photocopies: d.photocopies,
    })),
    sets: rng.chance(0.9) ? 1 : 2,
    copies: copyPriced ? rng.between(1, 5) : 1,
    pages: pagePriced ? rng.between(1, 8) : 0,
    channel: 1,
    resultDelivery: o.byPost ? { method: 'post', address: o.holder.address } : { method: 'counter' },
    summary: '',
  };
}

import { v7 as uuidv7 } from 'uuid';
import type { ProcedureHit } from '../../../shared/api/calls/catalog';
import type { ApplicantInput, ChecklistItem, ReceiveInput } from '../../../shared/api/calls/dossiers';
import type { Procedure } from '../../../shared/catalog/procedure';

export interface ApplicantFields {
  kind: 'person' | 'organisation';
  idNumber: string;
  fullName: string;
  /** As typed: dd/mm/yyyy. */
  birthDate: string;
  gender: '' | 'male' | 'female';
  address: string;
  phone: string;
  email: string;
}

export interface IntakeState {
  requestId: string;
  applicant: ApplicantFields;
  role: 'owner' | 'representative';
  owner: ApplicantFields;
  procedure: ProcedureHit | null;
  details: Procedure | null;
  checklist: ChecklistItem[];
  sets: string;
  copies: string;
  pages: string;
  /** KenhThucHien: 1 handed in at the counter, 3 arrived by public post. */
  channel: 1 | 3;
  delivery: 'counter' | 'post';
  deliveryAddress: string;
  summary: string;
}

export const emptyApplicant: ApplicantFields = {
  kind: 'person',
  idNumber: '',
  fullName: '',
  birthDate: '',
  gender: '',
  address: '',
  phone: '',
  email: '',
};

export function newIntake(): IntakeState {
  return {
    // One id per dossier being entered: a repeated save of the same form is one dossier.
    // UUIDv7, like every row that syncs: it becomes the dossier's id.
    requestId: uuidv7(),
    applicant: { ...emptyApplicant },
    role: 'owner',
    owner: { ...emptyApplicant },
    procedure: null,
    details: null,
    checklist: [],
    sets: '1',
    copies: '1',
    pages: '0',
    channel: 1,
    delivery: 'counter',
    deliveryAddress: '',
    summary: '',
  };
}

/** dd/mm/yyyy (or d/m/yyyy, dashes, dots) → yyyy-mm-dd; null when not a date as typed. */
export function isoFromTyped(text: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [, d, mo, y] = m;
  return `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

export function typedFromIso(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function toApplicant(a: ApplicantFields): ApplicantInput {
  const opt = (s: string) => (s.trim() ? s : undefined);
  return {
    kind: a.kind,
    fullName: a.fullName,
    idNumber: opt(a.idNumber),
    birthDate: a.birthDate.trim() ? (isoFromTyped(a.birthDate) ?? a.birthDate) : undefined,
    gender: a.gender || undefined,
    address: a.address,
    phone: opt(a.phone),
    email: opt(a.email),
  };
}

/** The form as the receive call takes it; the core validates everything again. */
export function toReceiveInput(s: IntakeState): ReceiveInput {
  return {
    requestId: s.requestId,
    procedureId: s.procedure?.id ?? '',
    applicant: toApplicant(s.applicant),
    role: s.role,
    owner: s.role === 'representative' ? toApplicant(s.owner) : undefined,
    checklist: s.checklist,
    sets: Number(s.sets) || 1,
    copies: Number(s.copies) || 1,
    pages: Number(s.pages) || 0,
    channel: s.channel,
    resultDelivery: s.delivery === 'post' ? { method: 'post', address: s.deliveryAddress } : { method: 'counter' },
    summary: s.summary,
  };
}

/** The catalogue's documents as the checklist the clerk ticks; counts start from what is required. */
export function checklistFor(p: Procedure): ChecklistItem[] {
  return p.documents.map((d) => ({
    code: d.code,
    name: d.name,
    handedOver: false,
    originals: d.originals,
    certifiedCopies: d.copies,
    photocopies: d.photocopies,
  }));
}

export function hasContent(s: IntakeState): boolean {
  const a = s.applicant;
  return !!(a.fullName || a.idNumber || a.address || a.phone || s.procedure || s.summary);
}

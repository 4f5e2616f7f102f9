import type { DossierRecord } from '../../src/main/core/sync/protocol';

/** A dossier as the sync carries it (protocol.ts's record): certified copies, fees, a summary. */
export function sampleRecord(o: Partial<DossierRecord> = {}): DossierRecord {
  return {
    id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    code: '000.00.06.H56-260213-0007',
    unitCode: '000.00.06.H56',
    counterNumber: 2,
    procedureCode: '2.000815',
    procedureName: 'Chứng thực bản sao từ bản chính',
    procedureVersion: 3,
    applicantName: 'Nguyễn Thị Hoa',
    applicantIdNumber: '001190012345',
    applicantPhone: '0912345678',
    status: 2,
    channel: 1,
    receivedAt: '2026-02-13T02:59:00.000Z',
    dueAt: '2026-02-13T10:00:00.000Z',
    pausedAt: null,
    feeTotal: 6000,
    receivedBy: 'Trần Văn An',
    details: {
      applicant: { kind: 'person', fullName: 'Nguyễn Thị Hoa', idNumber: '001190012345', address: 'Hà Nội', email: 'hoa@example.vn' },
      owner: null,
      role: 'owner',
      fees: { lines: [{ code: 'LP01', name: 'Lệ phí chứng thực', quantity: 3, unitAmount: 2000, amount: 6000 }], total: 6000 },
      decidingAuthority: 'UBND phường Ba Đình',
      summary: 'Chứng thực 3 bản sao giấy khai sinh',
    },
    ...o,
  };
}

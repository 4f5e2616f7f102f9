import type { DossierDetail } from '../../../src/shared/api/calls/dossiers';
import type { OfficeProfile } from '../../../src/shared/api/calls/office';
import { sampleOffice } from '../../support/office-fixture';
import type { FormContext } from '../../../src/main/core/forms/form-renderer';
import type { LedgerRow } from '../../../src/main/core/forms/ledger-row';

// A dossier built by hand to stress the forms: long Vietnamese names, a procedure name over 150
// characters, an address over 200, 15 documents with long names (two of them not handed over).

export const office: OfficeProfile = {
  ...sampleOffice,
  agencyName: 'UBND phường Ba Đình',
  unitName: 'Bộ phận tiếp nhận và trả kết quả',
  address: '1 Phố Đội Cấn, phường Ba Đình, thành phố Hà Nội',
  lookupUrlPattern: 'https://dichvucong.hanoi.gov.vn/tra-cuu-ho-so?ma={code}',
};

export const ctx: FormContext = { office, now: new Date('2026-11-23T03:15:00Z'), clerkName: 'Trần Thị Ngọc Ánh' };

export const CODE = '000.00.06.H56-261123-0007';
export const APPLICANT = 'Nguyễn Thị Phương Thảo Huyền Trân Ngọc Bích Diễm Kiều Oanh';
export const OWNER = 'Công ty Trách nhiệm hữu hạn Thương mại và Dịch vụ Xây dựng Đường Lưỡi Liềm Phương Nam';
export const PROCEDURE =
  'Thủ tục đăng ký khai sinh kết hợp đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới sáu tuổi và xác nhận thông tin cư trú đối với trường hợp cha, mẹ ở nước ngoài ủy quyền';
export const ADDRESS =
  'Số nhà 1234/56/78 ngõ Hoàng Hoa Thám, tổ dân phố số 15, khu phố Nghĩa Đô, phường Ngọc Hà, quận Ba Đình, thành phố Hà Nội (gần trường Trung học cơ sở Nguyễn Trường Tộ, đối diện chợ Ngọc Hà, sau cổng ủy ban)';
export const REFUSAL = 'Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường; đề nghị ông/bà nộp tại Sở Tư pháp thành phố Hà Nội.';
export const SUPPLEMENT = 'Bản sao giấy chứng sinh chưa được chứng thực; tờ khai thiếu chữ ký của người yêu cầu.';

const docName = (i: number) =>
  `Giấy tờ số ${i}: Bản sao có chứng thực giấy xác nhận thông tin về cư trú của người được ủy quyền, kèm theo văn bản ủy quyền đã được công chứng, chứng thực hợp lệ`;

export function longDossier(overrides: Partial<DossierDetail> = {}): DossierDetail {
  const checklist = Array.from({ length: 15 }, (_, k) => ({
    code: `GT${k + 1}`,
    name: docName(k + 1),
    handedOver: k !== 3 && k !== 9,
    originals: k % 3 === 0 ? 1 : 0,
    certifiedCopies: k % 3 === 1 ? 2 : 0,
    photocopies: k % 3 === 2 ? 1 : 0,
    note: undefined,
  }));
  return {
    id: '00000000-0000-7000-8000-000000000007',
    code: CODE,
    status: 2,
    applicantName: OWNER,
    procedureName: PROCEDURE,
    receivedAt: '2026-11-23T02:30:00.000Z',
    dueAt: '2026-11-26T10:00:00.000Z',
    revision: 3,
    procedure: { id: 'p1', code: '1.001193', name: PROCEDURE, version: 1 },
    applicant: {
      kind: 'person',
      fullName: APPLICANT,
      idNumber: '001190012345',
      birthDate: '1990-05-12',
      gender: 'female',
      address: ADDRESS,
      phone: '0912345678',
      email: 'phuongthao.huyentran@example.vn',
    },
    role: 'representative',
    owner: { kind: 'organisation', fullName: OWNER, idNumber: '0101234567', address: 'Số 8 Phố Huế, phường Hai Bà Trưng, Hà Nội' },
    checklist,
    sets: 1,
    fees: { lines: [{ code: 'LP', name: 'Lệ phí đăng ký hộ tịch', quantity: 1, unitAmount: 8000, amount: 8000 }], total: 8000 },
    channel: 1,
    resultDelivery: { method: 'counter' },
    receivingUnit: { code: '000.00.06.H56', name: 'Bộ phận tiếp nhận và trả kết quả' },
    decidingAuthority: 'Ủy ban nhân dân phường Ba Đình, thành phố Hà Nội',
    summary: '',
    receivedBy: 'u-anh',
    pausedAt: null,
    history: [
      { at: '2026-11-23T02:30:00.000Z', actor: 'anh.ttn', action: 'dossier.receive', fromStatus: null, toStatus: 2, note: null },
      { at: '2026-11-24T03:00:00.000Z', actor: 'anh.ttn', action: 'dossier.requestSupplement', fromStatus: 2, toStatus: 5, note: SUPPLEMENT },
      { at: '2026-11-25T03:00:00.000Z', actor: 'anh.ttn', action: 'dossier.supplementReceived', fromStatus: 5, toStatus: 2, note: null },
      { at: '2026-11-26T08:00:00.000Z', actor: 'anh.ttn', action: 'dossier.resultReady', fromStatus: 2, toStatus: 9, note: null },
      { at: '2026-11-26T09:00:00.000Z', actor: 'anh.ttn', action: 'dossier.refuse', fromStatus: 9, toStatus: 3, note: REFUSAL },
    ],
    ...overrides,
  };
}

/** `n` ledger rows received a few minutes apart from 23 Nov 2026, every fifth one returned. */
export function* ledgerFixture(n: number): Generator<LedgerRow> {
  const start = Date.parse('2026-11-01T01:00:00.000Z');
  for (let i = 1; i <= n; i++) {
    const at = new Date(start + i * 7 * 60_000);
    yield {
      code: `000.00.06.H56-2611${String(1 + Math.floor(i / 100)).padStart(2, '0')}-${String(i).padStart(4, '0')}`,
      procedureCode: '1.001193',
      procedureName: i % 2 ? 'Đăng ký khai sinh' : 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp',
      applicantName: i % 3 ? `Lê Thị Hồng Nhung ${i}` : `Phạm Quốc Trường Giang ${i}`,
      address: 'Số 12 ngõ 34 phố Đội Cấn, phường Ba Đình, Hà Nội',
      phone: '0987654321',
      decidingAuthority: 'UBND phường Ba Đình',
      receivedAt: at.toISOString(),
      dueAt: new Date(at.getTime() + 3 * 86_400_000).toISOString(),
      returnedAt: i % 5 === 0 ? new Date(at.getTime() + 2 * 86_400_000).toISOString() : null,
      returnedTo: i % 5 === 0 ? 'Chủ hồ sơ' : null,
      returnMethod: i % 5 === 0 ? (i % 10 === 0 ? 'post' : 'counter') : null,
      status: i % 5 === 0 ? 10 : 2,
    };
  }
}

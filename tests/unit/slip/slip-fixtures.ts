import type { DossierDetail } from '../../../src/shared/api/calls/dossiers';
import type { OfficeProfile } from '../../../src/shared/api/calls/office';
import { sampleOffice } from '../../support/office-fixture';

/** A received dossier as dossiers.get returns it; only what the slip reads matters. */
export function sampleDetail(overrides: Partial<DossierDetail> = {}): DossierDetail {
  return {
    id: '0195f0c2-7a1b-7cc0-8d3e-2f1a4b5c6d7e',
    code: '000.00.06.H56-260225-0001',
    status: 2,
    applicantName: 'Nguyễn Văn An',
    procedureName: 'Đăng ký khai sinh',
    receivedAt: '2026-02-25T02:15:00.000Z',
    dueAt: '2026-03-02T10:00:00.000Z',
    revision: 1,
    procedure: { id: 'p1', code: '1.001193', name: 'Đăng ký khai sinh', version: 1 },
    applicant: null,
    role: 'owner',
    owner: null,
    checklist: [],
    sets: 1,
    fees: { lines: [], total: 0 },
    channel: 1,
    resultDelivery: { method: 'counter' },
    receivingUnit: { code: '000.00.06.H56', name: 'BỘ PHẬN MỘT CỬA' },
    decidingAuthority: null,
    summary: '',
    receivedBy: 'lan.nt',
    pausedAt: null,
    history: [],
    ...overrides,
  };
}

/** A commune counter's profile: the demo office's. */
export const office: OfficeProfile = sampleOffice;

/** Long names with every kind of Vietnamese mark: what wraps and what must not lose a diacritic. */
export const longNames = {
  applicantName: 'Công ty Trách nhiệm hữu hạn Một thành viên Thương mại và Dịch vụ Xuất nhập khẩu Tôn Nữ Huyền Trân Ưng Hoàng Phúc',
  procedureName: 'Cấp Giấy xác nhận tình trạng hôn nhân cho công dân Việt Nam cư trú ở trong nước để đăng ký kết hôn với người nước ngoài',
};

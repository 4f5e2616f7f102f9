import type { ReceiveInput } from '../../src/shared/api/calls/dossiers';

/**
 * What stretches a form: a long Vietnamese name with every kind of mark, a long address and 15
 * documents with long names. Overrides for sampleDossier / receiveSample.
 */
export const LONG_APPLICANT = 'Tôn Nữ Huyền Trân Ưng Hoàng Phúc Nguyễn Thị Phương Thảo';
export const LONG_ADDRESS =
  'Số 168 ngõ 79 đường Nguyễn Khánh Toàn, tổ dân phố số 24, phường Quan Hoa, quận Cầu Giấy, thành phố Hà Nội (gần Trường Tiểu học Nghĩa Đô, cổng sau, đối diện chợ Xanh)';

const DOCUMENT_NAMES = [
  'Tờ khai đăng ký khai sinh theo mẫu quy định',
  'Giấy chứng sinh do cơ sở y tế nơi trẻ em sinh ra cấp',
  'Văn bản ủy quyền có chứng thực của người đi đăng ký',
  'Giấy tờ tùy thân của người đi đăng ký (căn cước, hộ chiếu)',
  'Giấy chứng nhận kết hôn của cha, mẹ trẻ em (nếu có)',
  'Văn bản xác nhận của người làm chứng về việc sinh',
  'Biên bản xác nhận việc trẻ bị bỏ rơi do Ủy ban nhân dân cấp xã lập',
  'Giấy tờ chứng minh nơi cư trú của người yêu cầu đăng ký',
  'Bản sao giấy khai sinh của anh, chị, em ruột (nếu có)',
  'Văn bản cam đoan về nội dung khai sinh của người đi đăng ký',
  'Giấy xác nhận tình trạng hôn nhân của người mẹ đơn thân',
  'Quyết định công nhận việc nuôi con nuôi (trường hợp con nuôi)',
  'Bản dịch có chứng thực giấy tờ do cơ quan nước ngoài cấp',
  'Giấy tờ chứng minh quốc tịch của cha hoặc mẹ là người nước ngoài',
  'Văn bản thỏa thuận lựa chọn quốc tịch cho con ký ngày hai mươi',
];

export function longDossierOverrides(): Partial<ReceiveInput> {
  return {
    applicant: {
      kind: 'person',
      fullName: LONG_APPLICANT,
      idNumber: '001190012345',
      birthDate: '1990-05-12',
      gender: 'female',
      address: LONG_ADDRESS,
      phone: '0912 345 678',
      email: 'huyentran@example.vn',
    },
    checklist: DOCUMENT_NAMES.map((name, i) => ({
      code: `GT${String(i + 1).padStart(2, '0')}`,
      name,
      handedOver: i !== 14,
      originals: i % 3 === 0 ? 1 : 0,
      certifiedCopies: i % 3 === 1 ? 2 : 0,
      photocopies: i % 3 === 2 ? 1 : 0,
    })),
    sets: 2,
  };
}

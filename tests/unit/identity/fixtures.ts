import type { IdCardRecord } from '../../../src/shared/identity/schemas';

/** "Today" for the identity tests: 1 March 2026, 10:00 in Vietnam. */
export const NOW = new Date('2026-03-01T03:00:00Z');

/** Real-looking QR texts of ID cards (numbers invented, structure real) and what they hold. */
export const CARDS: { qr: string; record: IdCardRecord }[] = [
  {
    qr: '001099012345||Nguyễn Văn An|15081999|Nam|Số 12, Ngõ 34 Phố Láng Hạ, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021',
    record: {
      idNumber: '001099012345',
      oldIdNumber: null,
      fullName: 'Nguyễn Văn An',
      birthDate: '1999-08-15',
      gender: 'Nam',
      address: 'Số 12, Ngõ 34 Phố Láng Hạ, Phường Láng Hạ, Quận Đống Đa, Hà Nội',
      issueDate: '2021-04-20',
      province: { code: '001', name: 'Hà Nội' },
    },
  },
  {
    qr: '079303004321|272512345|Trần Thị Ngọc Bích|02032003|Nữ|Tổ 5, Khu phố 3, Phường Tân Phong, Quận 7, Thành phố Hồ Chí Minh|10052021',
    record: {
      idNumber: '079303004321',
      oldIdNumber: '272512345',
      fullName: 'Trần Thị Ngọc Bích',
      birthDate: '2003-03-02',
      gender: 'Nữ',
      address: 'Tổ 5, Khu phố 3, Phường Tân Phong, Quận 7, Thành phố Hồ Chí Minh',
      issueDate: '2021-05-10',
      province: { code: '079', name: 'Hồ Chí Minh' },
    },
  },
  {
    qr: '038085001122||Lê Văn Hùng|30121985|Nam|Xóm 2, Xã Quảng Thịnh, Huyện Quảng Xương, Thanh Hóa|25062022',
    record: {
      idNumber: '038085001122',
      oldIdNumber: null,
      fullName: 'Lê Văn Hùng',
      birthDate: '1985-12-30',
      gender: 'Nam',
      address: 'Xóm 2, Xã Quảng Thịnh, Huyện Quảng Xương, Thanh Hóa',
      issueDate: '2022-06-25',
      province: { code: '038', name: 'Thanh Hóa' },
    },
  },
  {
    qr: '046196007788|191234567|Hồ Thị Xuân Hương|17071996|Nữ|Số 4 Kiệt 12 Lê Lợi, Phường Vĩnh Ninh, Thành phố Huế, Thừa Thiên Huế|12122021',
    record: {
      idNumber: '046196007788',
      oldIdNumber: '191234567',
      fullName: 'Hồ Thị Xuân Hương',
      birthDate: '1996-07-17',
      gender: 'Nữ',
      address: 'Số 4 Kiệt 12 Lê Lợi, Phường Vĩnh Ninh, Thành phố Huế, Thừa Thiên Huế',
      issueDate: '2021-12-12',
      province: { code: '046', name: 'Thừa Thiên Huế' },
    },
  },
  {
    qr: "066180000123||H'Hen Niê|01011980|Nữ|Buôn Ko Sier, Phường Tân Lợi, Thành phố Buôn Ma Thuột, Đắk Lắk|15082021",
    record: {
      idNumber: '066180000123',
      oldIdNumber: null,
      fullName: "H'Hen Niê",
      birthDate: '1980-01-01',
      gender: 'Nữ',
      address: 'Buôn Ko Sier, Phường Tân Lợi, Thành phố Buôn Ma Thuột, Đắk Lắk',
      issueDate: '2021-08-15',
      province: { code: '066', name: 'Đắk Lắk' },
    },
  },
];

export const CARD = CARDS[0]!;

/** Vietnamese: the message has letters only Vietnamese has. */
export const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

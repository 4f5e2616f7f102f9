import type { OfficeProfile } from '../../src/shared/api/calls/office';

/** A commune counter's profile, as the setup screen would record it. */
export const sampleOffice: OfficeProfile = {
  agencyName: 'UBND PHƯỜNG BA ĐÌNH',
  unitName: 'BỘ PHẬN MỘT CỬA',
  unitCode: '000.00.06.H56',
  address: '1 Phố Đội Cấn, phường Ba Đình, Hà Nội',
  place: 'Ba Đình',
  lookupUrlPattern: 'https://dichvucong.example.vn/tra-cuu?ma={code}',
  counterNumber: 1,
  countersInUnit: 2,
  workingHours: [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  idleLockMinutes: 15,
};

export const sampleAdmin = { username: 'quantri', fullName: 'Nguyễn Quản Trị', password: 'matkhau123' };

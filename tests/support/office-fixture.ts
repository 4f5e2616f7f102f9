import { DEMO_OFFICE } from '../../src/main/cli/demo-seed';
import type { OfficeProfile } from '../../src/shared/api/calls/office';

/** A commune counter's profile, as the setup screen would record it (the demo office). */
export const sampleOffice: OfficeProfile = DEMO_OFFICE;

export const sampleAdmin = { username: 'quantri', fullName: 'Nguyễn Quản Trị', password: 'matkhau123' };

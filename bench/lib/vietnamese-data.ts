// Realistic synthetic Vietnamese data for benchmarks, fixtures and demo data: names, addresses,
// CCCD numbers, phone numbers, how often each procedure is asked for, clerks, and the notes of
// lifecycle steps. Realism matters for benchmarks: search, sorting and collation costs depend on
// real name frequencies (a third of people are Nguyễn) and on diacritics. Every generator takes
// an Rng, so output follows the seed. All strings are NFC, as the app stores them (src/shared/text/normalize.ts).

import { weighted, type Rng, type WeightedTable } from './random';

export type Gender = 'male' | 'female';

const nfc = (s: string): string => s.normalize('NFC');
function table(entries: readonly (readonly [string, number])[]): WeightedTable<string> {
  return weighted(entries.map(([v, w]) => [nfc(v), w] as const));
}

// ---------------------------------------------------------------- names

/**
 * Family names with their share of the population in percent (the widely cited survey figures:
 * Nguyễn 38.4, Trần 12.1, Lê 9.5 …). Hoàng/Huỳnh and Vũ/Võ are one name written the northern
 * and southern way; the split between them is an estimate. The tail is a rough guess.
 */
export const familyNames = table([
  ['Nguyễn', 38.4], ['Trần', 12.1], ['Lê', 9.5], ['Phạm', 7.0],
  ['Hoàng', 2.9], ['Huỳnh', 2.2], ['Phan', 4.5], ['Vũ', 2.0], ['Võ', 1.9],
  ['Đặng', 2.1], ['Bùi', 2.0], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1.0], ['Lý', 0.5],
  ['Đinh', 0.8], ['Trương', 0.8], ['Đoàn', 0.6], ['Đào', 0.6], ['Mai', 0.6], ['Hà', 0.6], ['Trịnh', 0.6],
  ['Lâm', 0.5], ['Cao', 0.5], ['Lương', 0.5], ['Tạ', 0.3], ['Lưu', 0.3], ['Chu', 0.3], ['Thái', 0.3],
  ['Tô', 0.3], ['Triệu', 0.3], ['Phùng', 0.3], ['Châu', 0.3], ['Nông', 0.3], ['Kiều', 0.2], ['Quách', 0.2],
  ['Vương', 0.2], ['La', 0.1], ['Lục', 0.1], ['Tăng', 0.1], ['Khúc', 0.05],
]);

// Middle names shift with generations: Văn/Thị dominate among people born before ~1980 and
// are much rarer for younger ones. Weights are estimates, not survey data.
const middleNames: Record<Gender, { older: WeightedTable<string>; younger: WeightedTable<string> }> = {
  male: {
    older: table([
      ['Văn', 45], ['Hữu', 7], ['Đức', 7], ['Công', 5], ['Đình', 5], ['Quang', 5], ['Minh', 5],
      ['Ngọc', 3], ['Xuân', 3], ['Thanh', 4], ['Mạnh', 2], ['Trọng', 3], ['Quốc', 3], ['Thế', 2],
    ]),
    younger: table([
      ['Văn', 15], ['Minh', 12], ['Đức', 9], ['Quang', 7], ['Gia', 6], ['Hoàng', 6], ['Anh', 5],
      ['Tuấn', 4], ['Thành', 4], ['Quốc', 5], ['Bảo', 5], ['Nhật', 4], ['Hữu', 4], ['Duy', 4], ['Trung', 3],
      ['Đăng', 3], ['Thanh', 4],
    ]),
  },
  female: {
    older: table([
      ['Thị', 70], ['Ngọc', 6], ['Thu', 5], ['Hồng', 5], ['Kim', 4], ['Thanh', 4], ['Minh', 2], ['Bích', 2],
      ['Xuân', 2],
    ]),
    younger: table([
      ['Thị', 25], ['Ngọc', 10], ['Thu', 7], ['Thanh', 6], ['Minh', 5], ['Khánh', 5], ['Phương', 5],
      ['Bảo', 5], ['Mỹ', 4], ['Hoài', 3], ['Thùy', 4], ['Diệu', 2], ['Quỳnh', 3], ['Hà', 3], ['Tuệ', 2],
      ['Hồng', 3], ['Kim', 3],
    ]),
  },
};

const givenNames: Record<Gender, WeightedTable<string>> = {
  male: table([
    ['Anh', 6], ['Hùng', 4], ['Dũng', 4], ['Tuấn', 5], ['Nam', 4], ['Hải', 4], ['Long', 4], ['Minh', 5],
    ['Quân', 3], ['Sơn', 4], ['Thắng', 3], ['Trung', 3], ['Hiếu', 3], ['Phong', 2], ['Khoa', 2], ['Huy', 4],
    ['Đức', 3], ['Tùng', 3], ['Thành', 3], ['Cường', 3], ['Bình', 3], ['Hoàng', 2], ['Khang', 2], ['Phúc', 2],
    ['Bảo', 2], ['Duy', 2], ['Kiên', 2], ['Lâm', 1], ['Vinh', 2], ['Lộc', 2], ['Tài', 2], ['Hòa', 2],
    ['Nghĩa', 2], ['Tâm', 2], ['Quang', 2], ['Đạt', 3], ['Toàn', 2], ['Trí', 2], ['Thịnh', 2], ['Khải', 1],
  ]),
  female: table([
    ['Linh', 6], ['Trang', 5], ['Hương', 5], ['Lan', 4], ['Hà', 4], ['Mai', 4], ['Thảo', 5], ['Ngọc', 3],
    ['Anh', 5], ['Huyền', 4], ['Hằng', 4], ['Hoa', 3], ['Phương', 4], ['Nhung', 3], ['Thủy', 3], ['Yến', 3],
    ['Vy', 3], ['Nga', 3], ['Hạnh', 3], ['Thu', 2], ['Dung', 3], ['Loan', 2], ['Oanh', 2], ['Trâm', 2],
    ['Nhi', 3], ['Chi', 3], ['My', 2], ['Quỳnh', 3], ['Uyên', 2], ['Diệp', 1], ['Tuyết', 2], ['Hồng', 2],
    ['Xuân', 2], ['Ánh', 2], ['Duyên', 2], ['Giang', 3], ['Hiền', 3], ['Liên', 2], ['Tâm', 1], ['Ngân', 2],
  ]),
};

export interface PersonName {
  family: string;
  middle: string;
  given: string;
  /** "Family Middle Given", the order used on every Vietnamese document. */
  full: string;
}

export function gender(rng: Rng): Gender {
  return rng.chance(0.5) ? 'male' : 'female';
}

/** Born before 1980 counts as the older naming generation. */
export function personName(rng: Rng, g: Gender, birthYear = 1985): PersonName {
  const generation = birthYear < 1980 ? 'older' : 'younger';
  const family = familyNames.draw(rng);
  let middle = middleNames[g][generation].draw(rng);
  // Some names carry two middle names ("Nguyễn Thị Thu Hà", "Trần Ngọc Bảo Anh").
  if (rng.chance(0.12)) {
    const second = middleNames[g].younger.draw(rng);
    if (second !== middle && second !== 'Văn' && second !== 'Thị') middle = `${middle} ${second}`;
  }
  let given = givenNames[g].draw(rng);
  if (middle.endsWith(given)) given = givenNames[g].draw(rng); // "Minh Minh" reads as a typo
  return { family, middle, given, full: `${family} ${middle} ${given}` };
}

// ---------------------------------------------------------------- provinces

export type Region = 'north' | 'northern-mountains' | 'central' | 'highlands' | 'south';

export interface Province {
  /** Name without its unit type, e.g. "Hồ Chí Minh". */
  name: string;
  /** Centrally-run cities are "Thành phố", the rest "Tỉnh". */
  unit: 'Thành phố' | 'Tỉnh';
  /**
   * CCCD province codes of the provinces merged into this one (Thông tư 07/2016/TT-BCA codes).
   * Cards carry the code of the province where the birth was registered, and cards issued
   * before the July 2025 merger keep the former province's code [practice].
   */
  cccdCodes: readonly string[];
  region: Region;
  /** Approximate population in millions (sums of the former provinces, ~2023): a sampling weight. */
  population: number;
}

/** The 34 provincial units of Nghị quyết 202/2025/QH15 (June 2025; new authorities from 1 July 2025). */
export const provinces: readonly Province[] = (
  [
    // Unchanged by the merger.
    ['Hà Nội', 'Thành phố', ['001'], 'north', 8.6],
    ['Huế', 'Thành phố', ['046'], 'central', 1.2],
    ['Lai Châu', 'Tỉnh', ['012'], 'northern-mountains', 0.5],
    ['Điện Biên', 'Tỉnh', ['011'], 'northern-mountains', 0.6],
    ['Sơn La', 'Tỉnh', ['014'], 'northern-mountains', 1.3],
    ['Lạng Sơn', 'Tỉnh', ['020'], 'northern-mountains', 0.8],
    ['Quảng Ninh', 'Tỉnh', ['022'], 'north', 1.4],
    ['Thanh Hóa', 'Tỉnh', ['038'], 'central', 3.7],
    ['Nghệ An', 'Tỉnh', ['040'], 'central', 3.4],
    ['Hà Tĩnh', 'Tỉnh', ['042'], 'central', 1.3],
    ['Cao Bằng', 'Tỉnh', ['004'], 'northern-mountains', 0.5],
    // Merged: the first code is the province whose name was kept.
    ['Tuyên Quang', 'Tỉnh', ['008', '002'], 'northern-mountains', 1.7],
    ['Lào Cai', 'Tỉnh', ['010', '015'], 'northern-mountains', 1.6],
    ['Thái Nguyên', 'Tỉnh', ['019', '006'], 'north', 1.6],
    ['Phú Thọ', 'Tỉnh', ['025', '026', '017'], 'north', 3.6],
    ['Bắc Ninh', 'Tỉnh', ['027', '024'], 'north', 3.4],
    ['Hưng Yên', 'Tỉnh', ['033', '034'], 'north', 3.2],
    ['Hải Phòng', 'Thành phố', ['031', '030'], 'north', 4.1],
    ['Ninh Bình', 'Tỉnh', ['037', '035', '036'], 'north', 3.8],
    ['Quảng Trị', 'Tỉnh', ['045', '044'], 'central', 1.6],
    ['Đà Nẵng', 'Thành phố', ['048', '049'], 'central', 2.8],
    ['Quảng Ngãi', 'Tỉnh', ['051', '062'], 'central', 1.8],
    ['Gia Lai', 'Tỉnh', ['064', '052'], 'highlands', 3.1],
    ['Khánh Hòa', 'Tỉnh', ['056', '058'], 'central', 1.9],
    ['Lâm Đồng', 'Tỉnh', ['068', '067', '060'], 'highlands', 3.2],
    ['Đắk Lắk', 'Tỉnh', ['066', '054'], 'highlands', 2.8],
    ['Hồ Chí Minh', 'Thành phố', ['079', '074', '077'], 'south', 13.5],
    ['Đồng Nai', 'Tỉnh', ['075', '070'], 'south', 4.3],
    ['Tây Ninh', 'Tỉnh', ['072', '080'], 'south', 2.9],
    ['Cần Thơ', 'Thành phố', ['092', '094', '093'], 'south', 3.2],
    ['Vĩnh Long', 'Tỉnh', ['086', '083', '084'], 'south', 3.3],
    ['Đồng Tháp', 'Tỉnh', ['087', '082'], 'south', 3.4],
    ['Cà Mau', 'Tỉnh', ['096', '095'], 'south', 2.1],
    ['An Giang', 'Tỉnh', ['089', '091'], 'south', 3.7],
  ] as const
).map(([name, unit, cccdCodes, region, population]) => ({ name: nfc(name), unit, cccdCodes, region, population }));

const provinceTable = weighted(provinces.map((p) => [p, p.population] as const));

/** A province drawn by population, so Hồ Chí Minh and Hà Nội dominate as they do in reality. */
export function province(rng: Rng): Province {
  return provinceTable.draw(rng);
}

export function provinceLabel(p: Province): string {
  return `${p.unit} ${p.name}`;
}

// ---------------------------------------------------------------- addresses

// Streets named after the national heroes and dates that nearly every town has.
const streets = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Quang Trung', 'Nguyễn Trãi',
  'Hùng Vương', 'Điện Biên Phủ', 'Phan Chu Trinh', 'Phan Bội Châu', 'Lê Duẩn', 'Nguyễn Du', 'Võ Thị Sáu',
  'Nguyễn Thị Minh Khai', 'Trần Phú', 'Lê Hồng Phong', 'Ngô Quyền', 'Lý Thái Tổ', 'Bà Triệu',
  'Nguyễn Văn Cừ', 'Tôn Đức Thắng', 'Cách Mạng Tháng Tám', '30 Tháng 4', 'Hoàng Văn Thụ',
  'Nguyễn Chí Thanh', 'Võ Văn Kiệt', 'Lạc Long Quân', 'Trần Quốc Toản', 'Nguyễn Đình Chiểu',
].map(nfc);

// Plausible commune/ward names built from the most common place-name elements. They are not the
// real list of the 3,321 units: a feature that needs real units should bring its own list.
const communeNames = [
  'An Bình', 'An Phú', 'Bình An', 'Bình Minh', 'Đông Hòa', 'Hòa Bình', 'Hòa Phú', 'Hưng Phú', 'Long Hòa',
  'Minh Đức', 'Nam Sơn', 'Phú Lợi', 'Phú Mỹ', 'Phước Long', 'Quang Trung', 'Tân An', 'Tân Phú', 'Tân Thành',
  'Thạnh Phú', 'Thanh Sơn', 'Thuận An', 'Trung Hòa', 'Vĩnh Hòa', 'Xuân Phú', 'Yên Bình', 'Đồng Tâm',
  'Hồng Phong', 'Kim Liên', 'Quảng Phú', 'Hiệp Hòa', 'Tân Hưng', 'Phú Thịnh', 'Thống Nhất', 'Độc Lập',
].map(nfc);

// The smallest rural unit is called differently across the country.
const villageWords: Record<Region, readonly string[]> = {
  north: ['Thôn', 'Thôn', 'Xóm'],
  'northern-mountains': ['Bản', 'Bản', 'Thôn'],
  central: ['Thôn', 'Xóm'],
  highlands: ['Thôn', 'Buôn', 'Làng'],
  south: ['Ấp'],
};
const villageSuffixes = ['Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ', 'Mới', '1', '2', '3', '4', '5', '6'].map(nfc);

export interface Address {
  /** House number and street, or the village. */
  line: string;
  /** "Phường …" or "Xã …". */
  commune: string;
  province: Province;
  /** The whole address as written on forms: line, commune, province. */
  text: string;
}

/** Two-level addresses (commune, province) as used since the district level was abolished in 2025. */
export function address(rng: Rng, p: Province = province(rng)): Address {
  // Cities are mostly wards; provinces are mostly communes.
  const urban = rng.chance(p.unit === 'Thành phố' ? 0.8 : 0.3);
  let line: string;
  if (urban) {
    const n = rng.between(1, rng.chance(0.7) ? 200 : 999);
    const street = rng.pick(streets);
    if (rng.chance(0.3)) {
      // Alleys: "ngõ" in the north, "hẻm" numbering ("12/5") in the south.
      const alley = rng.between(1, 120);
      line = p.region === 'south' ? `Số ${alley}/${n} ${street}` : `Số ${n}, ngõ ${alley} ${street}`;
    } else {
      line = `Số ${n} ${street}`;
    }
  } else {
    line = `${rng.pick(villageWords[p.region])} ${rng.pick(villageSuffixes)}`;
  }
  const commune = `${urban ? 'Phường' : 'Xã'} ${rng.pick(communeNames)}`;
  return { line, commune, province: p, text: nfc(`${line}, ${commune}, ${provinceLabel(p)}`) };
}

// ---------------------------------------------------------------- identity numbers, phones

/**
 * The 4th digit of a CCCD: century and gender (1900s male 0 / female 1, 2000s 2/3, 2100s 4/5).
 */
export function cccdGenderCenturyDigit(g: Gender, birthYear: number): number {
  const century = Math.floor(birthYear / 100) - 19;
  if (century < 0 || century > 4) throw new Error(`no CCCD century digit for ${birthYear}`);
  return century * 2 + (g === 'female' ? 1 : 0);
}

/** A 12-digit personal number: province code, gender/century, 2-digit birth year, 6 random digits. */
export function cccd(rng: Rng, opts: { provinceCode: string; gender: Gender; birthYear: number }): string {
  const yy = String(opts.birthYear % 100).padStart(2, '0');
  const random = String(rng.int(1_000_000)).padStart(6, '0');
  return `${opts.provinceCode}${cccdGenderCenturyDigit(opts.gender, opts.birthYear)}${yy}${random}`;
}

// Mobile prefixes by network, weighted by a rough market share (Viettel ~54 %, VinaPhone ~26 %,
// MobiFone ~17 %, the rest small); within a network every prefix is equally likely.
const phonePrefixes = weighted(
  (
    [
      [['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098'], 54],
      [['081', '082', '083', '084', '085', '088', '091', '094'], 26],
      [['070', '076', '077', '078', '079', '089', '090', '093'], 17],
      [['052', '056', '058', '092'], 2],
      [['059', '099'], 0.5],
      [['087'], 0.5],
    ] as const
  ).flatMap(([prefixes, share]) => prefixes.map((p) => [p, share / prefixes.length] as const)),
);

/** A 10-digit mobile number, e.g. "0912345678". */
export function phone(rng: Rng): string {
  return `${phonePrefixes.draw(rng)}${String(rng.int(10_000_000)).padStart(7, '0')}`;
}

// ---------------------------------------------------------------- procedures

/**
 * How often a commune counter receives each procedure of the sample catalogue, by national code
 * (mã TTHC). A guess at a commune's mix, not measured data: certified copies are by far the most
 * frequent request, then civil status and residence. The dossiers take their names, processing
 * times, documents and fees from the catalogue the app seeded, so only the weights live here.
 */
export const procedureWeights: Readonly<Record<string, number>> = {
  '2.000815': 40, // Chứng thực bản sao từ bản chính
  '1.001193': 10, // Đăng ký khai sinh
  '1.004873': 8, // Xác nhận tình trạng hôn nhân
  '2.000635': 8, // Bản sao trích lục hộ tịch
  '2.000884': 8, // Chứng thực chữ ký
  '1.004194': 8, // Đăng ký tạm trú
  '1.004222': 6, // Đăng ký thường trú
  '1.000894': 3, // Đăng ký kết hôn
  '1.000656': 3, // Đăng ký khai tử
  '1.001612': 3, // Thành lập hộ kinh doanh
  '2.001035': 3, // Chứng thực hợp đồng, giao dịch
  '1.002755': 2, // Gia hạn tạm trú
  '1.003677': 2, // Khai báo tạm vắng
  '2.000720': 1.5, // Thay đổi đăng ký hộ kinh doanh
  '1.004859': 1.5, // Thay đổi, cải chính hộ tịch
  '1.010038': 1, // Tách hộ
  '2.001019': 0.5, // Chứng thực di chúc
};
/** Procedures of the catalogue not listed above (rare ones, or a province's own). */
export const OTHER_PROCEDURE_WEIGHT = 0.3;

export function procedureWeight(code: string): number {
  return procedureWeights[code] ?? OTHER_PROCEDURE_WEIGHT;
}

// ---------------------------------------------------------------- counter staff and notes

/** The clerks who take turns at counter 1 (received_by holds the username), with their share. */
export const clerks = weighted(
  (
    [
      ['lan.nt', 'Nguyễn Thị Lan', 45],
      ['hung.pv', 'Phạm Văn Hùng', 30],
      ['mai.lt', 'Lê Thị Mai', 20],
      ['tuan.na', 'Nguyễn Anh Tuấn', 5],
    ] as const
  ).map(([username, fullName, w]) => [{ username, fullName: nfc(fullName) }, w] as const),
);

/** Why a dossier was refused at the counter (status 3). */
export const refusalReasons = [
  'Không thuộc thẩm quyền giải quyết của UBND cấp xã',
  'Giấy tờ tùy thân đã hết hạn sử dụng',
  'Người nộp không có văn bản ủy quyền hợp lệ',
  'Bản chính xuất trình có dấu hiệu tẩy xóa, sửa chữa',
].map(nfc);

/** What was missing when a supplement was requested (status 5). */
export const missingDocuments = [
  'Thiếu bản sao giấy chứng nhận kết hôn của cha mẹ',
  'Tờ khai chưa có chữ ký của người yêu cầu',
  'Thiếu giấy xác nhận nơi cư trú',
  'Thiếu văn bản đồng ý của chủ hộ',
  'Ảnh chụp giấy tờ không rõ, cần nộp bản chụp mới',
  'Thiếu giấy chứng sinh (bản chính)',
].map(nfc);

/** Why the citizen withdrew the dossier (status 7). */
export const withdrawalReasons = [
  'Công dân xin rút để bổ sung hồ sơ sau',
  'Công dân đã nộp hồ sơ trực tuyến',
  'Công dân không còn nhu cầu giải quyết',
].map(nfc);

// ---------------------------------------------------------------- applicants

export interface Applicant {
  name: PersonName;
  gender: Gender;
  /** YYYY-MM-DD. */
  birthDate: string;
  cccd: string;
  phone: string;
  address: Address;
}

// Adults of working age come to the counter most; the very old come with relatives.
const ageBands = weighted([
  [[18, 29], 30],
  [[30, 44], 35],
  [[45, 59], 22],
  [[60, 85], 13],
] as const);

/** A coherent applicant: the CCCD agrees with gender, birth year and (usually) home province. */
export function applicant(rng: Rng, now: Date): Applicant {
  const g = gender(rng);
  const [minAge, maxAge] = ageBands.draw(rng);
  const birthYear = now.getUTCFullYear() - rng.between(minAge, maxAge);
  const month = rng.between(1, 12);
  const day = rng.between(1, new Date(Date.UTC(birthYear, month, 0)).getUTCDate());
  const home = province(rng);
  // Most people live in the province where their birth was registered.
  const birthProvince = rng.chance(0.8) ? home : province(rng);
  return {
    name: personName(rng, g, birthYear),
    gender: g,
    birthDate: `${birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    cccd: cccd(rng, { provinceCode: rng.pick(birthProvince.cccdCodes), gender: g, birthYear }),
    phone: phone(rng),
    address: address(rng, home),
  };
}

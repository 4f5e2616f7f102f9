import type { Rng } from './random';

// Generated history must look as if the app had written it: the app's ids are UUIDv7, whose first
// 48 bits are the creation time. So a generated id carries the dossier's received_at, and its
// random bits come from the seeded Rng (uuid's v7 would take them from the OS, breaking
// reproducibility).

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(n: number): string {
  return HEX[(n >>> 24) & 0xff]! + HEX[(n >>> 16) & 0xff]! + HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;
}

/** A RFC 9562 version-7 UUID for the instant `ms` (milliseconds since the epoch). */
export function uuidV7At(ms: number, rng: Rng): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= 2 ** 48) throw new RangeError(`bad UUIDv7 timestamp ${ms}`);
  const time = Math.floor(ms).toString(16).padStart(12, '0');
  const a = rng.uint32();
  const b = rng.uint32();
  const c = rng.uint32();
  // 12 bits rand_a after the version nibble; 2 variant bits (10) then 62 bits rand_b.
  const randA = (a & 0x0fff).toString(16).padStart(3, '0');
  const variantAndB = hex32(((b & 0x3fffffff) | 0x80000000) >>> 0);
  const tail = hex32(c);
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randA}-` +
    `${variantAndB.slice(0, 4)}-${variantAndB.slice(4, 8)}${tail}`
  );
}

/** The instant encoded in a UUIDv7 (its first 48 bits). */
export function uuidV7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

export const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

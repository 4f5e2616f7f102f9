import { describe, expect, it } from 'vitest';
import { vnClock, vnDateKey, vnDayRange } from '../../../src/shared/time/vn-time';

describe('Vietnam time (UTC+7, no daylight saving)', () => {
  it('gives the Vietnamese date either side of midnight', () => {
    expect(vnDateKey(new Date('2026-11-22T16:59:59.999Z'))).toBe('2026-11-22');
    expect(vnDateKey(new Date('2026-11-22T17:00:00.000Z'))).toBe('2026-11-23');
  });

  it('gives the day as a UTC range', () => {
    expect(vnDayRange(new Date('2026-02-17T01:00:00Z'))).toEqual({
      start: new Date('2026-02-16T17:00:00Z'),
      end: new Date('2026-02-17T17:00:00Z'),
    });
  });

  it('shows clock time in Vietnam', () => {
    expect(vnClock(new Date('2026-11-23T08:05:00Z'))).toBe('15:05');
  });
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AMBIGUOUS,
  chooseDateOrder,
  dateCellShape,
  daysFromCivil,
  FIRST_OVER_12,
  formatIsoDay,
  NOT_A_DATE,
  parseDateBytes,
  parseIsoDay,
  SECOND_OVER_12,
  YEAR_FIRST,
  type DateOrder,
} from '../../../src/core/csv/dates';

const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (text: string, order: DateOrder = 'mdy') => {
  const b = bytes(text);
  return parseDateBytes(b, 0, b.length, order);
};
const shape = (text: string) => {
  const b = bytes(text);
  return dateCellShape(b, 0, b.length);
};

// 2026-03-12 is day 20524 since 1970-01-01 (56 years, 14 leap days, + 70 days).
const MARCH_12 = 20524;

describe('daysFromCivil', () => {
  it.each([
    [1970, 1, 1, 0],
    [1969, 12, 31, -1],
    [2000, 3, 1, 11017],
    [2026, 3, 12, MARCH_12],
  ])('%i-%i-%i → %i', (y, m, d, day) => expect(daysFromCivil(y, m, d)).toBe(day));

  it.each([
    [2026, 2, 29],
    [2026, 2, 30],
    [1900, 2, 29],
    [2026, 4, 31],
    [2026, 13, 1],
    [2026, 0, 10],
    [2026, 1, 0],
  ])('%i-%i-%i does not exist → NaN', (y, m, d) => expect(daysFromCivil(y, m, d)).toBeNaN());

  it('2024-02-29 and 2000-02-29 exist (leap years)', () => {
    expect(daysFromCivil(2024, 2, 29)).toBe(daysFromCivil(2024, 3, 1) - 1);
    expect(daysFromCivil(2000, 2, 29)).toBe(daysFromCivil(2000, 3, 1) - 1);
  });

  it('agrees with Date.UTC and round-trips through formatIsoDay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const day = daysFromCivil(y, m, d);
        expect(day).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
        expect(parseIsoDay(formatIsoDay(day))).toBe(day);
      }),
    );
  });
});

describe('parseDateBytes', () => {
  it('reads the 12-hour clock of US CRM exports: "3/12/2026, 9:05 AM", 12 AM is midnight and 12 PM noon', () => {
    expect(parse('3/12/2026, 9:05 AM')).toBeCloseTo(MARCH_12 + (9 * 60 + 5) / 1440, 12);
    expect(parse('3/12/2026 9:05 pm')).toBeCloseTo(MARCH_12 + (21 * 60 + 5) / 1440, 12);
    expect(parse('3/12/2026 12:00 AM')).toBe(MARCH_12);
    expect(parse('3/12/2026 12:30 PM')).toBeCloseTo(MARCH_12 + 0.5 + 30 / 1440, 12);
    expect(parse('2026-03-12 07:15')).toBeCloseTo(MARCH_12 + (7 * 60 + 15) / 1440, 12);
    expect(parse('3/12/2026 13:00 PM')).toBeNaN(); // no 13 on a 12-hour clock
    expect(parse('3/12/2026 0:30 AM')).toBeNaN();
    expect(parse('3/12/2026,9:05 AM')).toBeNaN(); // a comma without its space is not a date-time
  });

  it.each([
    ['2026-03-12', MARCH_12],
    ['2026/03/12', MARCH_12],
    ['2026-3-12', MARCH_12],
    ['  2026-03-12 ', MARCH_12],
    ['2026-03-12T12:00', MARCH_12 + 0.5],
    ['2026-03-12 06:00:00', MARCH_12 + 0.25],
    ['2026-03-12T18:00:00.000Z', MARCH_12 + 0.75],
    ['2026-03-12T00:00:30.5', MARCH_12 + 30.5 / 86_400],
    ['2026-03-12T12:00:00+02:00', MARCH_12 + 10 / 24],
    ['2026-03-12T12:00:00-0300', MARCH_12 + 15 / 24],
    ['2026-03-12T01:00+02', MARCH_12 - 1 / 24],
  ])('year first: %j → %d', (text, day) => {
    expect(parse(text, 'dmy')).toBeCloseTo(day, 9);
    expect(parse(text, 'mdy')).toBeCloseTo(day, 9);
  });

  it.each([
    ['12/03/2026', 'dmy', MARCH_12],
    ['03/12/2026', 'mdy', MARCH_12],
    ['12.03.2026', 'dmy', MARCH_12],
    ['12-03-2026', 'dmy', MARCH_12],
    ['3/12/2026', 'mdy', MARCH_12],
    ['12/3/2026', 'dmy', MARCH_12],
    ['12/03/2026 12:00', 'dmy', MARCH_12 + 0.5],
  ] as const)('%j read %s → %d', (text, order, day) => {
    expect(parse(text, order)).toBeCloseTo(day, 9);
  });

  it.each([
    ['2026-02-30'],
    ['2026-13-01'],
    ['2026-02-29'],
    ['31/04/2026'],
    ['2026-03-12T24:00'],
    ['2026-03-12T12:60'],
    ['2026-03-12T12'],
    ['2026-03-12X'],
    ['2026-03-12T12:00+'],
    ['2026.03.12'],
    ['2026-03/12'],
    ['12/03/26'],
    ['12/03/20260'],
    ['20260312'],
    ['12,5'],
    ['yes'],
    [''],
    ['n/a'],
  ])('%j → NaN', (text) => {
    expect(parse(text, 'dmy')).toBeNaN();
    expect(parse(text, 'mdy')).toBeNaN();
  });

  it('a day over 12 reads under one order only', () => {
    expect(parse('25/12/2026', 'dmy')).toBe(daysFromCivil(2026, 12, 25));
    expect(parse('25/12/2026', 'mdy')).toBeNaN();
    expect(parse('12/25/2026', 'mdy')).toBe(daysFromCivil(2026, 12, 25));
    expect(parse('12/25/2026', 'dmy')).toBeNaN();
  });

  it('reads only its own range of the buffer', () => {
    const b = bytes('x,2026-03-12,12:00');
    expect(parseDateBytes(b, 2, 12, 'mdy')).toBe(MARCH_12);
    expect(parseDateBytes(b, 2, 13, 'mdy')).toBeNaN();
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const v = parseDateBytes(b, 0, b.length, 'dmy');
        expect(v === v ? Number.isFinite(v) : true).toBe(true);
      }),
    );
  });
});

describe('field order of a D/M/Y-like column', () => {
  it.each([
    ['2026-03-12', YEAR_FIRST],
    ['25/12/2026', FIRST_OVER_12],
    ['12/25/2026', SECOND_OVER_12],
    ['03/04/2026', AMBIGUOUS],
    ['hello', NOT_A_DATE],
    ['31/31/2026', NOT_A_DATE],
  ])('%j → shape %i', (text, expected) => expect(shape(text)).toBe(expected));

  it.each([
    [FIRST_OVER_12 | AMBIGUOUS, false, 'dmy'],
    [SECOND_OVER_12 | AMBIGUOUS, true, 'mdy'],
    [AMBIGUOUS, true, 'dmy'],
    [AMBIGUOUS, false, 'mdy'],
    [FIRST_OVER_12 | SECOND_OVER_12, true, 'dmy'],
    [FIRST_OVER_12 | SECOND_OVER_12, false, 'mdy'],
    [YEAR_FIRST, false, 'mdy'],
  ] as const)('shapes %i, decimal comma %s → %s', (shapes, isDecimalComma, order) => {
    expect(chooseDateOrder(shapes, isDecimalComma)).toBe(order);
  });
});

describe('parseIsoDay', () => {
  it.each([
    ['2026-11-01', daysFromCivil(2026, 11, 1)],
    ['2026-02-30', NaN],
    ['2026-1-01', NaN],
    ['01/11/2026', NaN],
    ['', NaN],
  ])('%j → %d', (text, day) => expect(parseIsoDay(text)).toBe(day));
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectDecimalSeparator, isMissingCell, isMissingText, MISSING_TOKENS, parseNumber, parseNumberBytes } from '../../../src/core/csv/numbers';
import { cp1252, utf8 } from '../fixtures';

describe('parseNumber with a decimal point', () => {
  it.each([
    ['1234.5', 1234.5],
    ['1,234.5', 1234.5],
    ['1,234,567.89', 1234567.89],
    ['1 234.5', 1234.5],
    ["1'234.5", 1234.5],
    ['1,234', 1234],
    ['-3', -3],
    ['+2', 2],
    ['0', 0],
    ['0.1', 0.1],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1.5e-3', 0.0015],
    ['-2.5E+2', -250],
    ['45%', 45],
    ['$12.50', 12.5],
    ['-$5', -5],
    ['$-5', -5],
    ['£1,000', 1000],
    ['€3.5', 3.5],
    ['  42  ', 42],
    ['\t7\t', 7],
    ['\u00a042', 42],
    ['1\u00a0234.5', 1234.5],
    ['0.30000000000000004', 0.30000000000000004],
    // eslint-disable-next-line no-loss-of-precision -- the nearest double, as JavaScript reads the same digits
    ['12345678901234567890', 12345678901234567890],
  ])('%j → %d', (text, expected) => {
    expect(parseNumber(text, 'point')).toBe(expected);
  });
});

describe('parseNumber with a decimal comma', () => {
  it.each([
    ['1234,5', 1234.5],
    ['1 234,50', 1234.5],
    ['1.234,50', 1234.5],
    ['1\u00a0234,50', 1234.5],
    ['1\u202f234,50', 1234.5],
    ['1 234 567,89', 1234567.89],
    ['1.234', 1234],
    ['12,5', 12.5],
    ['-3', -3],
    ['+2', 2],
    ['-0,5', -0.5],
    [',5', 0.5],
    ['1e3', 1000],
    ['1,5e3', 1500],
    ['45%', 45],
    ['€3,5', 3.5],
    ['-€3,5', -3.5],
    ['4', 4],
  ])('%j → %d', (text, expected) => {
    expect(parseNumber(text, 'comma')).toBe(expected);
  });
});

describe('parseNumber rejects what is not a number', () => {
  it.each([
    ['1,2,3', 'point'],
    ['12abc', 'point'],
    ['1.2.3', 'point'],
    ['1,23', 'point'],
    ['1,2345', 'point'],
    ['1234,567.8', 'point'],
    ['12 34', 'point'],
    ['1e', 'point'],
    ['1e+', 'point'],
    ['--5', 'point'],
    ['+-5', 'point'],
    ['0x10', 'point'],
    ['Infinity', 'point'],
    ['abc', 'point'],
    ['.', 'point'],
    ['%', 'point'],
    ['$', 'point'],
    ['5-', 'point'],
    ['1 2', 'point'],
    ['1.234,5', 'point'],
    ['1234.5', 'comma'],
    ['1,234.5', 'comma'],
    ['1.2.3,4', 'comma'],
    ['1,2,3', 'comma'],
    ['12abc', 'comma'],
    ['1.23', 'comma'],
  ] as const)('%j (%s) → NaN and not a missing token', (text, decimal) => {
    expect(parseNumber(text, decimal)).toBeNaN();
    expect(isMissingText(text)).toBe(false);
  });
});

describe('missing tokens', () => {
  it.each([...MISSING_TOKENS, 'N/A', 'NA', 'Null', 'NONE', '  n/a  ', '#N/A', '(BLANK)', '   ', '\t'])('%j is missing: NaN, never 0', (token) => {
    expect(isMissingText(token)).toBe(true);
    expect(parseNumber(token, 'point')).toBeNaN();
    expect(parseNumber(token, 'comma')).toBeNaN();
    const bytes = utf8(token);
    expect(isMissingCell(bytes, 0, bytes.length)).toBe(true);
  });

  it.each(['0', 'no', 'nil', 'missing', 'n/a/', '-5', 'abc'])('%j is not a missing token', (text) => {
    expect(isMissingText(text)).toBe(false);
    const bytes = utf8(text);
    expect(isMissingCell(bytes, 0, bytes.length)).toBe(false);
  });

  it('a long run of spaces is a blank (missing) cell', () => {
    const bytes = utf8('            ');
    expect(isMissingCell(bytes, 0, bytes.length)).toBe(true);
  });
});

describe('parseNumberBytes', () => {
  it('a number past the largest double (1e309) is not a number, not Infinity; 1e300 stays 1e300 (issue 16)', () => {
    const read = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      return parseNumberBytes(bytes, 0, bytes.length, 'point');
    };
    expect(read('1e309')).toBeNaN();
    expect(read('-1e400')).toBeNaN();
    expect(read('1e300')).toBe(1e300);
    expect(read('-1.5e308')).toBe(-1.5e308);
  });

  it('reads a Windows-1252 NBSP (0xA0) as a group space', () => {
    const bytes = cp1252('1\u00a0234,50');
    expect(bytes).toEqual(Uint8Array.from([0x31, 0xa0, 0x32, 0x33, 0x34, 0x2c, 0x35, 0x30]));
    expect(parseNumberBytes(bytes, 0, bytes.length, 'comma')).toBe(1234.5);
  });

  it('reads only its own cell inside a row', () => {
    const row = utf8('C1;1 234,50;4');
    expect(parseNumberBytes(row, 3, 11, 'comma')).toBe(1234.5);
    expect(parseNumberBytes(row, 12, 13, 'comma')).toBe(4);
  });

  it('property: a cell inside a larger buffer parses as it does on its own', () => {
    const cell = fc.string({ unit: fc.constantFrom(..."0123456789.,-+e% $€\u00a0'"), maxLength: 14 });
    const noise = fc.uint8Array({ maxLength: 8 });
    fc.assert(
      fc.property(noise, cell, noise, fc.constantFrom('point' as const, 'comma' as const), (before, text, after, decimal) => {
        const own = utf8(text);
        const buffer = Uint8Array.from([...before, ...own, ...after]);
        const inside = parseNumberBytes(buffer, before.length, before.length + own.length, decimal);
        expect(Object.is(inside, parseNumberBytes(own, 0, own.length, decimal))).toBe(true);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});

describe('parseNumber properties', () => {
  it('property: String(d) of any finite double parses back to the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        const text = String(d);
        expect(Object.is(parseNumber(text, 'point'), Number(text))).toBe(true);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('property: toFixed(k) forms equal Number() with a point, and with a comma in place of the point', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.integer({ min: 0, max: 12 }), (x, k) => {
        const text = x.toFixed(k);
        expect(parseNumber(text, 'point')).toBe(Number(text));
        expect(parseNumber(text.replace('.', ','), 'comma')).toBe(Number(text));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('property: integers with decimals, written with thousands separators, equal Number() of the plain form', () => {
    const group = (digits: string, sep: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 6 }),
        fc.boolean(),
        fc.constantFrom(' ', '\u00a0', "'"),
        (whole, fraction, negative, space) => {
          const sign = negative ? '-' : '';
          const plain = `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
          const expected = Number(plain);
          const digits = String(whole);
          expect(parseNumber(`${sign}${group(digits, ',')}${fraction ? `.${fraction}` : ''}`, 'point')).toBe(expected);
          expect(parseNumber(`${sign}${group(digits, '.')}${fraction ? `,${fraction}` : ''}`, 'comma')).toBe(expected);
          expect(parseNumber(`${sign}${group(digits, space)}${fraction ? `,${fraction}` : ''}`, 'comma')).toBe(expected);
          expect(parseNumber(`${sign}${group(digits, space)}${fraction ? `.${fraction}` : ''}`, 'point')).toBe(expected);
        },
      ),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('property: a leading minus negates any number that parses', () => {
    const numeric = fc.string({ unit: fc.constantFrom(...'0123456789.,e '), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(numeric, fc.constantFrom('point' as const, 'comma' as const), (text, decimal) => {
        const value = parseNumber(text, decimal);
        fc.pre(!Number.isNaN(value) && !/^\s/.test(text));
        expect(parseNumber(`-${text}`, decimal)).toBe(-value);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('property: never throws on random strings and returns a number', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('point' as const, 'comma' as const), (text, decimal) => {
        expect(typeof parseNumber(text, decimal)).toBe('number');
        expect(typeof isMissingText(text)).toBe('boolean');
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('property: never throws on random bytes in any sub-range', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = bytes.length ? a % (bytes.length + 1) : 0;
        const end = start + (bytes.length - start ? b % (bytes.length - start + 1) : 0);
        expect(typeof parseNumberBytes(bytes, start, end, 'point')).toBe('number');
        expect(typeof parseNumberBytes(bytes, start, end, 'comma')).toBe('number');
        expect(typeof isMissingCell(bytes, start, end)).toBe('boolean');
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('detectDecimalSeparator', () => {
  it('is not swayed by date-times with a comma ("10/18/2026, 10:22 AM", as Salesforce writes them)', () => {
    const cells = ['10/18/2026, 10:22 AM', '7/10/2026, 6:12 AM', '3/1/2026, 9:00 PM', '1200.50', '98.5'];
    expect(detectDecimalSeparator(cells, ',')).toBe('point');
    expect(detectDecimalSeparator(['12,5 %', '1.234,56 kr', '3,75'], ';')).toBe('comma');
  });

  it.each([
    ['decimal points', ['12.5', '3.75', '100'], ',', 'point'],
    ['decimal commas', ['12,5', '3,75', '100'], ';', 'comma'],
    ['decimal commas in a comma file (quoted cells)', ['1,5', '2,25'], ',', 'comma'],
    ['both marks, comma last', ['1.234,50', '99'], ',', 'comma'],
    ['both marks, point last', ['1,234.50', '99'], ';', 'point'],
    ['only ambiguous 1,234 in a comma file', ['1,234', '5,678'], ',', 'point'],
    ['only ambiguous 1,234 in a semicolon file', ['1,234', '5,678'], ';', 'comma'],
    ['only ambiguous 1.234 in a semicolon file', ['1.234', '5.678'], ';', 'comma'],
    ['only integers in a semicolon file', ['1', '2', '3'], ';', 'comma'],
    ['only integers in a tab file', ['1', '2', '3'], '\t', 'point'],
    ['currency with commas', ['$12,5', '€3,75'], ',', 'comma'],
    ['text is ignored', ['a,b', 'x.y', 'Smith, John', '3.5'], ',', 'point'],
    ['majority wins', ['1.5', '2.5', '3,5'], ';', 'point'],
    ['no cells', [], '|', 'point'],
  ] as const)('%s → %s', (_label, cells, delimiter, expected) => {
    expect(detectDecimalSeparator(cells, delimiter)).toBe(expected);
  });
});

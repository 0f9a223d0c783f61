// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectEncoding, isValidUtf8, utf16ToUtf8, Utf8Checker } from '../../../src/core/csv/decode';
import { cp1252, utf16, utf8 } from '../fixtures';

const CSV = 'kund,omsättning,nöjdhet\nÅsa Öberg,1234.50,4\n';

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62], 'utf-8', 3],
    ['UTF-16LE BOM', [0xff, 0xfe, 0x61, 0x00], 'utf-16le', 2],
    ['UTF-16BE BOM', [0xfe, 0xff, 0x00, 0x61], 'utf-16be', 2],
  ])('a %s wins and is reported with its length', (_label, bytes, encoding, bomLength) => {
    expect(detectEncoding(Uint8Array.from(bytes))).toEqual({ ok: true, encoding, bomLength });
  });

  it('a UTF-16 BOM wins even though the rest has NULs', () => {
    expect(detectEncoding(utf16(CSV, 'le', true))).toEqual({ ok: true, encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(utf16(CSV, 'be', true))).toEqual({ ok: true, encoding: 'utf-16be', bomLength: 2 });
  });

  it('recognises BOM-less UTF-16LE and UTF-16BE by the NUL in every other byte', () => {
    expect(detectEncoding(utf16(CSV, 'le', false))).toEqual({ ok: true, encoding: 'utf-16le', bomLength: 0 });
    expect(detectEncoding(utf16(CSV, 'be', false))).toEqual({ ok: true, encoding: 'utf-16be', bomLength: 0 });
  });

  it('reads valid UTF-8 with å ä ö as UTF-8', () => {
    expect(detectEncoding(utf8(CSV))).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0 });
  });

  it('reads plain ASCII as UTF-8', () => {
    expect(detectEncoding(utf8('id,score\n1,5\n'))).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0 });
  });

  it('reads Excel-style Windows-1252 bytes (0xE5 for å, 0x80 for €) as windows-1252', () => {
    const bytes = cp1252('kund;omsättning\nHåkan;€ 12\n');
    expect(bytes).toContain(0xe5);
    expect(bytes).toContain(0x80);
    expect(detectEncoding(bytes)).toEqual({ ok: true, encoding: 'windows-1252', bomLength: 0 });
  });

  // Bug: the truncation allowance in isValidUtf8 ("a sequence cut by the probe's end counts
  // as valid") is applied even when the probe is the whole file, so a small Windows-1252
  // file whose last byte is å/ä (0xE5/0xE4, a UTF-8 lead byte) is read as UTF-8 and the
  // last character turns into U+FFFD. Swedish city names end in å: Umeå, Luleå, Piteå.
  it('reads a Windows-1252 file ending in "Umeå" (no final newline) as windows-1252', () => {
    const bytes = cp1252('kund;stad\nA;Umeå');
    expect(detectEncoding(bytes)).toEqual({ ok: true, encoding: 'windows-1252', bomLength: 0 });
  });

  it.each([
    ['an .xlsx (ZIP) header', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xee, 0x9d, 0x68, 0x5e, 0x01, 0x00, 0x00]],
    ['a PNG header', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]],
    ['a PDF with a NUL-laden stream', [...utf8('%PDF-1.7\n'), 0x00, 0x12, 0x00, 0x00, 0x7f, 0x00, 0x03, 0x41]],
  ])('calls %s binary', (_label, bytes) => {
    expect(detectEncoding(Uint8Array.from(bytes))).toEqual({ ok: false, problem: 'binary' });
  });

  it('calls NUL-free bytes full of control characters binary', () => {
    const bytes = Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41 + (i % 26)));
    expect(detectEncoding(bytes)).toEqual({ ok: false, problem: 'binary' });
  });

  it('tolerates one NUL in a long text export (a bad paste in a notes field): it is text, not a binary file (issue 16)', () => {
    const text = 'id,score,notes\n' + Array.from({ length: 20000 }, (_, i) => `C${i},${i % 100},ok`).join('\n') + '\n';
    const bytes = utf8(text);
    bytes[5000] = 0;
    expect(detectEncoding(bytes)).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0 });
  });

  it('tolerates a stray control character in a text export (a DOS EOF at the end)', () => {
    expect(detectEncoding(utf8('id,score\n1,5\n2,4\n\u001a'))).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0 });
  });

  it('property: never throws on random bytes and always returns a known shape', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const result = detectEncoding(bytes);
        if (result.ok) {
          expect(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']).toContain(result.encoding);
          expect([0, 2, 3]).toContain(result.bomLength);
        } else {
          expect(result).toEqual({ ok: false, problem: 'binary' });
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('property: bytes with NULs at both even and odd offsets (not a UTF-16 pattern) are binary', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 600 }), (random) => {
        // Every 4-byte group starts with two NULs: half the even and half the odd bytes (at least 4: more than a stray few).
        const bytes = random.map((b, i) => (i % 4 < 2 ? 0 : b));
        expect(detectEncoding(bytes)).toEqual({ ok: false, problem: 'binary' });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('property: any text without control characters, encoded as UTF-8, is read as UTF-8', () => {
    // eslint-disable-next-line no-control-regex -- removing the control characters is the point
    const text = fc.string({ unit: 'grapheme', maxLength: 80 }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, ''));
    fc.assert(
      fc.property(text, (s) => {
        const result = detectEncoding(utf8(s));
        expect(result.ok && result.encoding).toBe('utf-8');
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('property: printable ASCII CSV text in BOM-less UTF-16 is recognised in both byte orders', () => {
    const ascii = fc.string({ unit: fc.constantFrom(...'abcXYZ019 ,;."\n'), minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(ascii, (s) => {
        expect(detectEncoding(utf16(s, 'le', false))).toEqual({ ok: true, encoding: 'utf-16le', bomLength: 0 });
        expect(detectEncoding(utf16(s, 'be', false))).toEqual({ ok: true, encoding: 'utf-16be', bomLength: 0 });
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('isValidUtf8', () => {
  it.each([
    ['ASCII', [0x61, 0x62], true],
    ['å (C3 A5)', [0xc3, 0xa5], true],
    ['€ (E2 82 AC)', [0xe2, 0x82, 0xac], true],
    ['an emoji (F0 9F 98 80)', [0xf0, 0x9f, 0x98, 0x80], true],
    ['cp1252 å followed by text', [0xe5, 0x74, 0x74], false],
    ['an overlong NUL (C0 80)', [0xc0, 0x80], false],
    ['an overlong slash (E0 80 AF)', [0xe0, 0x80, 0xaf], false],
    ['a UTF-16 surrogate (ED A0 80)', [0xed, 0xa0, 0x80], false],
    ['a code point above U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80], false],
    ['a stray continuation byte', [0x61, 0x80], false],
    ['F5, never a lead byte', [0xf5, 0x80, 0x80, 0x80], false],
    ['a sequence cut at the true end of a file', [0x61, 0xe2, 0x82], false],
  ])('%s → %s', (_label, bytes, valid) => {
    expect(isValidUtf8(Uint8Array.from(bytes))).toBe(valid);
  });

  it('accepts a sequence cut by the end of a probe of a longer file', () => {
    expect(isValidUtf8(Uint8Array.from([0x61, 0xe2, 0x82]), true)).toBe(true);
    expect(isValidUtf8(Uint8Array.from([0x61, 0xe2, 0x41]), true)).toBe(false);
  });

  it('property: agrees with a fatal TextDecoder on complete random byte strings', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        // A trailing newline means no sequence is cut by the end.
        const complete = Uint8Array.from([...bytes, 0x0a]);
        let decodes = true;
        try {
          fatal.decode(complete);
        } catch {
          decodes = false;
        }
        expect(isValidUtf8(complete)).toBe(decodes);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});

describe('Utf8Checker', () => {
  /** Where the checker finds invalid sequences in `bytes` (from file offset 100) fed in chunks of the given sizes (the last repeated). */
  function invalidOffsets(bytes: Uint8Array, sizes: readonly number[] = [bytes.length]): number[] {
    const checker = new Utf8Checker();
    const invalid: number[] = [];
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const end = Math.min(bytes.length, at + Math.max(1, sizes[Math.min(k, sizes.length - 1)]));
      checker.push(bytes.subarray(at, end), 100 + at, invalid);
      at = end;
    }
    checker.end(invalid);
    return invalid;
  }

  it.each([
    ['UTF-8 with å ä ö and €', utf8('Åsa,Örjan,€ 12\n'), []],
    ['Windows-1252 text (ä, å, Ö: each a lead byte not followed by its continuation)', cp1252('Västerås\nÖrebro\n'), [101, 106, 109]],
    ['a lone continuation byte', Uint8Array.from([0x61, 0x80, 0x62]), [101]],
    ['an overlong form (0xC0 0xAF for /)', Uint8Array.from([0xc0, 0xaf]), [100, 101]],
    ['a surrogate (U+D800)', Uint8Array.from([0xed, 0xa0, 0x80]), [100]],
    ['a code point beyond U+10FFFF', Uint8Array.from([0xf4, 0x90, 0x80, 0x80]), [100]],
    ['a sequence cut by the end of the file', Uint8Array.from([0x61, 0xe2, 0x82]), [101]],
  ])('%s → invalid at %j', (_label, bytes, offsets) => {
    expect(invalidOffsets(bytes)).toEqual(offsets);
    expect(invalidOffsets(bytes, [1])).toEqual(offsets);
  });

  it('property: finds the same offsets in chunks of any size, and none exactly when a fatal TextDecoder decodes the bytes', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }).map(utf8));
    fc.assert(
      fc.property(bytes, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }), (input, sizes) => {
        const whole = invalidOffsets(input);
        expect(invalidOffsets(input, sizes)).toEqual(whole);
        let decodes = true;
        try {
          fatal.decode(input);
        } catch {
          decodes = false;
        }
        expect(whole.length === 0).toBe(decodes);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('utf16ToUtf8', () => {
  it.each(['le', 'be'] as const)('transcodes UTF-16%s after its BOM to the same text in UTF-8', (order) => {
    const bytes = utf16(CSV, order, true);
    const out = utf16ToUtf8(bytes, order === 'le' ? 'utf-16le' : 'utf-16be', 2);
    expect(new TextDecoder().decode(out)).toBe(CSV);
    expect(Array.from(out)).toEqual(Array.from(utf8(CSV)));
  });
});

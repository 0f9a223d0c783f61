// Text encoding detection for CSV bytes. The scanner works on bytes, so every
// encoding whose delimiters and quotes are single ASCII bytes (UTF-8, Windows-1252)
// is scanned as-is; UTF-16 is transcoded to UTF-8 first (the slower path).

export const ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export type EncodingResult = { ok: true; encoding: Encoding; bomLength: number } | { ok: false; problem: 'binary' };

/** How many leading bytes are inspected for NULs and UTF-8 validity. */
export const PROBE_BYTES = 1 << 20;

/**
 * Detects the text encoding of a CSV: a BOM wins; otherwise NUL bytes mean UTF-16
 * when they sit on every other byte, as ASCII text in UTF-16 does; control bytes (NUL
 * included) beyond a stray few (more than 2, or 1 per 1,000 bytes) mean a binary file;
 * otherwise UTF-8 when the probe is valid UTF-8, else Windows-1252 (Excel's "CSV"
 * export on Western-European Windows). `bytes` may be the file's first bytes only (at least
 * PROBE_BYTES of them, or all) when `fileLength` says how long the file is.
 */
export function detectEncoding(bytes: Uint8Array, fileLength = bytes.length): EncodingResult {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { ok: true, encoding: 'utf-8', bomLength: 3 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, encoding: 'utf-16be', bomLength: 2 };

  const probe = bytes.subarray(0, Math.min(bytes.length, PROBE_BYTES));
  const nuls = countNuls(probe);
  if (nuls > 0) {
    const utf16 = guessBomlessUtf16(probe);
    if (utf16) return { ok: true, encoding: utf16, bomLength: 0 };
  }
  // A stray NUL is counted like any other control byte: one in a text export (a bad paste in a
  // notes field) does not make a 10 MB file binary; a binary file has many.
  if (hasControlBytes(probe)) return { ok: false, problem: 'binary' };
  return { ok: true, encoding: isValidUtf8(probe, probe.length < fileLength) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

function countNuls(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) n++;
  return n;
}

/** BOM-less UTF-16 of mostly-ASCII text has a NUL in every odd (LE) or even (BE) byte. */
function guessBomlessUtf16(bytes: Uint8Array): Encoding | null {
  const pairs = Math.floor(bytes.length / 2);
  if (pairs === 0) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  if (oddNul / pairs > 0.9 && evenNul / pairs < 0.1) return 'utf-16le';
  if (evenNul / pairs > 0.9 && oddNul / pairs < 0.1) return 'utf-16be';
  return null;
}

/** Control bytes other than tab, LF, CR and FF are rare in text and common in binary files. */
function hasControlBytes(bytes: Uint8Array): boolean {
  let bad = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) bad++;
  }
  // A stray control character in a text export happens; a binary file has many.
  return bad > Math.max(2, bytes.length / 1000);
}

/**
 * Strict UTF-8 validation. When `isCut` (the bytes are a probe of a longer file), a
 * sequence cut by the end counts as valid; at the true end of a file it does not.
 */
export function isValidUtf8(bytes: Uint8Array, isCut = false): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return false;
    if (i + need >= n) {
      if (!isCut) return false;
      // Cut at the end of the probe: accept if what is there is continuation bytes.
      for (let k = i + 1; k < n; k++) if ((bytes[k] & 0xc0) !== 0x80) return false;
      return true;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

const NO_WORDS = new Uint32Array(0);

/** The first index from i whose byte is not ASCII (≥ 0x80), or the length: `words` are the bytes' aligned words from `lead`. */
function skipAscii(bytes: Uint8Array, words: Uint32Array, lead: number, i: number): number {
  const n = bytes.length;
  while (i < n && (i < lead || ((i - lead) & 3) !== 0)) {
    if (bytes[i] >= 0x80) return i;
    i++;
  }
  if (i >= n) return n;
  let w = (i - lead) >> 2;
  while (w < words.length && (words[w] & 0x80808080) === 0) w++;
  i = lead + 4 * w;
  while (i < n && bytes[i] < 0x80) i++;
  return i;
}

/**
 * UTF-8 validation of a file read in chunks, in order: a sequence a chunk's end cuts is
 * finished by the next chunk. detectEncoding reads a file as UTF-8 when its first
 * PROBE_BYTES are; this finds what is not UTF-8 further on (a file appended to from an
 * export in Windows-1252), where the decoder shows "�". Invalid sequences are the strict
 * ones of isValidUtf8 (overlong forms, surrogates, beyond U+10FFFF, cut sequences).
 */
export class Utf8Checker {
  /** Continuation bytes still expected by the sequence begun at `start` (a file offset), its code point so far, and its least valid code point. */
  private need = 0;
  private start = 0;
  private cp = 0;
  private min = 0;

  /** Checks `chunk`, the file's bytes from offset `base`; appends the offset where each invalid sequence starts to `invalid`, ascending. */
  push(chunk: Uint8Array, base: number, invalid: number[]): void {
    const n = chunk.length;
    // ASCII, most of a CSV, is skipped a 32-bit word at a time: the chunk's aligned words
    // are chunk[lead + 4w, lead + 4w + 4).
    const lead = (4 - (chunk.byteOffset & 3)) & 3;
    const words = n - lead >= 4 ? new Uint32Array(chunk.buffer, chunk.byteOffset + lead, (n - lead) >> 2) : NO_WORDS;
    // The state in locals: the loop runs over every byte of the file.
    let { need, start, cp, min } = this;
    let i = 0;
    while (i < n) {
      if (need === 0) {
        i = skipAscii(chunk, words, lead, i);
        if (i === n) break;
        const b = chunk[i];
        start = base + i;
        i++;
        // The lead byte says how many continuation bytes follow and the least code point they may make.
        need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
        if (need === 0) invalid.push(start);
        min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
        cp = b & (0x3f >> need);
        continue;
      }
      const c = chunk[i];
      if ((c & 0xc0) !== 0x80) {
        // The sequence ended early: invalid where it began; this byte starts afresh.
        invalid.push(start);
        need = 0;
        continue;
      }
      cp = (cp << 6) | (c & 0x3f);
      i++;
      if (--need === 0 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) invalid.push(start);
    }
    Object.assign(this, { need, start, cp, min });
  }

  /** The file has ended: a sequence still open is invalid. */
  end(invalid: number[]): void {
    if (this.need > 0) invalid.push(this.start);
    this.need = 0;
  }
}

/**
 * A decoder of text read from a CSV's bytes (cells, rows, the sniffing sample) that keeps a
 * leading U+FEFF. The file's BOM is skipped once, by its length (detectEncoding's
 * bomLength); TextDecoder's default drops U+FEFF at the start of every decode, so a cell
 * that starts with one (a zero width no-break space, or a second BOM) lost it.
 */
export function textDecoder(encoding: Encoding): TextDecoder {
  return new TextDecoder(encoding, { ignoreBOM: true });
}

/** Transcodes UTF-16 bytes (after the BOM) to UTF-8 so the byte scanner can read them. */
export function utf16ToUtf8(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', bomLength: number): Uint8Array {
  const text = textDecoder(encoding).decode(bytes.subarray(bomLength));
  return new TextEncoder().encode(text);
}

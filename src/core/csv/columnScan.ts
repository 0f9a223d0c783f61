// Parses chosen columns of scanned rows into typed arrays: numbers, yes/no flags and dates
// into Float64Array (NaN = missing or unparsable), categorical text into codes. The load
// runs it over the columns the first screen needs; ensureColumns (src/core/dataset/dataset.ts)
// over the others when a view first asks. Both see the same cells in the same order, so a
// column comes out the same whichever of the two reads it.
import type { ColumnKind } from '../dataset/dataset';
import { parseDateBytes, type DateOrder } from './dates';
import { isMissingCell, isMissingText, parseFlagBytes, parseNumberBytes, type DecimalSeparator } from './numbers';
import { fieldText, type RowFields } from './scan';
import { IdCollector, type IdCells } from './idCells';

/** Most distinct values a text column may hold and still be categorical. */
export const MAX_CATEGORIES = 50;
/** The code of a missing cell in Column.codes (blank, n/a, …, as for numbers). */
export const MISSING_CODE = 0xffff;

/** What a scan learns of one column. */
export interface ColumnCells {
  /** Parsed values for number, flag and date columns, else null. */
  values: Float64Array | null;
  /** Rows whose non-blank cell does not parse, ascending (numeric and date columns). */
  invalidRows: Uint32Array;
  missingCount: number;
  /** A categorical text column's values in code-unit order, and each row's code; null otherwise. */
  categories: string[] | null;
  codes: Uint16Array | null;
}

/** Ints per byte form in CategoryCoder.forms: start (in formBytes), end, kind << 16 | code, hash. */
const FORM_STRIDE = 4;

/**
 * Dictionary-codes one text column during a scan. Each distinct byte form of a cell (its
 * bytes and field kind) is decoded, trimmed and looked up by text once, so " One year" and
 * "One year" share a code; every other cell is found by a hash of its byte range in a small
 * open-addressing table, so it costs a hash of a few bytes and one byte compare, and builds
 * no string. (Building a key string per cell and looking it up in a Map doubled the 1M-row
 * parse.) A form's bytes are copied into the coder, as the file arrives in chunks that do
 * not stay. The column gives up (isOpen false, its memory dropped) at its
 * MAX_CATEGORIES + 1st distinct value, so a free-text column costs little.
 */
export class CategoryCoder {
  isOpen = true;
  codes: Uint16Array;
  categories: string[] = [];
  private byText = new Map<string, number>();
  /** Hash slot → byte form index + 1, 0 = empty; at most half full. */
  private slots = new Int32Array(128);
  /** FORM_STRIDE ints per byte form: where its bytes lie in formBytes, its field kind and code (kind << 16 | code), and its hash. */
  private forms = new Int32Array(64 * FORM_STRIDE);
  private formCount = 0;
  /** The bytes of every byte form, one after another. */
  private formBytes = new Uint8Array(1024);
  private formBytesUsed = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
  }

  add(row: number, bytes: Uint8Array, start: number, end: number, kind: number, decoder: TextDecoder): void {
    // The hash samples the length, kind and a few bytes (ends, middle, quarter): the
    // comparison below reads every byte anyway, and few forms share all of these.
    const length = end - start;
    let hash = Math.imul(length ^ (kind << 16), 0x01000193);
    if (length > 0) {
      hash = Math.imul(hash ^ bytes[start], 0x01000193);
      hash = Math.imul(hash ^ bytes[end - 1], 0x01000193);
      hash = Math.imul(hash ^ bytes[start + (length >> 1)], 0x01000193);
      hash = Math.imul(hash ^ bytes[start + (length >> 2)], 0x01000193);
    }
    hash ^= hash >>> 15;
    const slots = this.slots;
    const forms = this.forms;
    const formBytes = this.formBytes;
    const mask = slots.length - 1;
    let slot = hash & mask;
    for (let entry = slots[slot]; entry !== 0; entry = slots[slot]) {
      const at = (entry - 1) * FORM_STRIDE;
      const formStart = forms[at];
      if (forms[at + 3] === hash && forms[at + 1] - formStart === length && forms[at + 2] >>> 16 === kind) {
        let diff = 0;
        for (let i = 0; i < length; i++) diff |= formBytes[formStart + i] ^ bytes[start + i];
        if (diff === 0) {
          this.codes[row] = forms[at + 2] & 0xffff;
          return;
        }
      }
      slot = (slot + 1) & mask;
    }
    const code = this.codeOfText(fieldText(bytes, start, end, kind, decoder).trim());
    if (code === null) return this.close();
    this.addForm(slot, bytes, start, end, kind, hash, code);
    this.codes[row] = code;
  }

  /** The code of a new byte form's text: an existing category's, MISSING_CODE, a new one, or null past MAX_CATEGORIES. */
  private codeOfText(text: string): number | null {
    if (text === '' || isMissingText(text)) return MISSING_CODE;
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    if (this.categories.length >= MAX_CATEGORIES) return null;
    const code = this.categories.length;
    this.categories.push(text);
    this.byText.set(text, code);
    return code;
  }

  private addForm(slot: number, bytes: Uint8Array, start: number, end: number, kind: number, hash: number, code: number): void {
    const f = this.formCount++;
    if ((f + 1) * FORM_STRIDE > this.forms.length) {
      const forms = new Int32Array(this.forms.length * 2);
      forms.set(this.forms);
      this.forms = forms;
    }
    const length = end - start;
    if (this.formBytesUsed + length > this.formBytes.length) {
      const formBytes = new Uint8Array(Math.max(this.formBytes.length * 2, this.formBytesUsed + length));
      formBytes.set(this.formBytes.subarray(0, this.formBytesUsed));
      this.formBytes = formBytes;
    }
    this.formBytes.set(bytes.subarray(start, end), this.formBytesUsed);
    const at = f * FORM_STRIDE;
    this.forms[at] = this.formBytesUsed;
    this.forms[at + 1] = this.formBytesUsed + length;
    this.forms[at + 2] = (kind << 16) | code;
    this.forms[at + 3] = hash;
    this.formBytesUsed += length;
    this.slots[slot] = f + 1;
    if (this.formCount * 2 > this.slots.length) this.rehash(this.slots.length * 2);
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let f = 0; f < this.formCount; f++) {
      let slot = this.forms[f * FORM_STRIDE + 3] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = f + 1;
    }
    this.slots = slots;
  }

  grow(capacity: number): void {
    const next = new Uint16Array(capacity);
    next.set(this.codes);
    this.codes = next;
  }

  close(): void {
    this.isOpen = false;
    this.codes = new Uint16Array(0);
    this.byText.clear();
    this.slots = new Int32Array(0);
    this.forms = new Int32Array(0);
    this.formCount = 0;
    this.formBytes = new Uint8Array(0);
    this.formBytesUsed = 0;
  }

  /** Categories in code-unit order, codes renumbered to match; null when closed or empty. */
  finish(rowCount: number): { categories: string[]; codes: Uint16Array } | null {
    if (!this.isOpen || this.categories.length === 0) return null;
    const order = this.categories.map((_, k) => k).sort((a, b) => (this.categories[a] < this.categories[b] ? -1 : this.categories[a] > this.categories[b] ? 1 : 0));
    const renumber = new Uint16Array(this.categories.length);
    order.forEach((old, k) => (renumber[old] = k));
    const codes = this.codes.slice(0, rowCount);
    for (let r = 0; r < rowCount; r++) if (codes[r] !== MISSING_CODE) codes[r] = renumber[codes[r]];
    return { categories: order.map((old) => this.categories[old]), codes };
  }
}

/** How a numeric column's cells are read. */
const READ_NUMBER = 0;
const READ_FLAG = 1;
const READ_DATE_DMY = 2;
const READ_DATE_MDY = 3;

/**
 * The parse state of some columns over rows given one at a time, in file order: numeric,
 * flag and date cells parsed from bytes, text cells dictionary-coded. Rows shorter than a
 * column leave it missing.
 */
export class ColumnScanner {
  /** Indexes of the numeric (number, flag, date) and text columns read, each ascending. */
  private readonly numericColumns: number[] = [];
  private readonly textColumns: number[] = [];
  private readonly readAs: number[] = [];
  private values: (Float64Array | null)[];
  private readonly coders: (CategoryCoder | null)[];
  private readonly invalid: number[][];
  private readonly missing: number[];
  private readonly kinds: readonly ColumnKind[];
  private readonly decimal: DecimalSeparator;
  private readonly decoder: TextDecoder;
  /** The column whose cells are kept as ids (IdCells), or −1. */
  private readonly idColumn: number;
  private readonly ids: IdCollector | null;

  /** Reads `columns` (indexes into kinds, ascending) of up to `capacity` rows, and keeps `idColumn`'s cells as ids when given. */
  constructor(
    kinds: readonly ColumnKind[],
    dateOrders: readonly (DateOrder | null)[],
    columns: readonly number[],
    capacity: number,
    decimal: DecimalSeparator,
    decoder: TextDecoder,
    idColumn: number | null = null,
  ) {
    this.idColumn = idColumn ?? -1;
    this.ids = idColumn === null ? null : new IdCollector(capacity);
    this.kinds = kinds;
    this.decimal = decimal;
    this.decoder = decoder;
    const isRead = new Uint8Array(kinds.length);
    for (const c of columns) isRead[c] = 1;
    this.values = kinds.map((kind, c) => {
      if (isRead[c] === 0) return null;
      if (kind === 'text') {
        this.textColumns.push(c);
        return null;
      }
      this.numericColumns.push(c);
      this.readAs.push(kind === 'flag' ? READ_FLAG : kind === 'date' ? (dateOrders[c] === 'dmy' ? READ_DATE_DMY : READ_DATE_MDY) : READ_NUMBER);
      return new Float64Array(capacity);
    });
    this.coders = kinds.map((kind, c) => (kind === 'text' && isRead[c] === 1 ? new CategoryCoder(capacity) : null));
    this.invalid = kinds.map(() => []);
    this.missing = kinds.map(() => 0);
  }

  /** Reads data row `row`, whose fields lie in `bytes`. */
  row(row: number, bytes: Uint8Array, fields: RowFields): void {
    const count = fields.count;
    const numericColumns = this.numericColumns;
    const decimal = this.decimal;
    for (let n = 0; n < numericColumns.length; n++) {
      const c = numericColumns[n];
      const target = this.values[c] as Float64Array;
      if (c >= count) {
        target[row] = NaN;
        this.missing[c]++;
        continue;
      }
      const s = fields.starts[c];
      const e = fields.ends[c];
      const how = this.readAs[n];
      const v = how === READ_NUMBER ? parseNumberBytes(bytes, s, e, decimal) : how === READ_FLAG ? parseFlagBytes(bytes, s, e) : parseDateBytes(bytes, s, e, how === READ_DATE_DMY ? 'dmy' : 'mdy');
      target[row] = v;
      if (v !== v) {
        if (isMissingCell(bytes, s, e)) this.missing[c]++;
        else this.invalid[c].push(row);
      }
    }
    const textColumns = this.textColumns;
    for (let t = 0; t < textColumns.length; t++) {
      const c = textColumns[t];
      const coder = this.coders[c] as CategoryCoder;
      if (!coder.isOpen) continue;
      if (c >= count) coder.codes[row] = MISSING_CODE;
      else coder.add(row, bytes, fields.starts[c], fields.ends[c], fields.kinds[c], this.decoder);
    }
    const ids = this.ids;
    if (ids !== null) {
      const c = this.idColumn;
      if (c >= count) ids.blank(row);
      else ids.add(row, bytes, fields.starts[c], fields.ends[c], fields.kinds[c], this.decoder);
    }
  }

  /** Room for `capacity` rows: the load grows its arrays when the file has more rows than it guessed. */
  grow(capacity: number): void {
    this.values = this.values.map((column) => {
      if (!column) return null;
      const next = new Float64Array(capacity);
      next.set(column);
      return next;
    });
    for (const coder of this.coders) if (coder?.isOpen) coder.grow(capacity);
    this.ids?.grow(capacity);
  }

  /** The id column's cells after `rowCount` rows, or null when none was kept. */
  finishIds(rowCount: number): { column: number; cells: IdCells } | null {
    return this.ids === null ? null : { column: this.idColumn, cells: this.ids.finish(rowCount) };
  }

  /** What each column read holds after `rowCount` rows, by column index (undefined for columns not read). */
  finish(rowCount: number): (ColumnCells | undefined)[] {
    return this.kinds.map((_kind, c): ColumnCells | undefined => {
      const values = this.values[c];
      const coder = this.coders[c];
      if (!values && !coder) return undefined;
      const coded = coder?.finish(rowCount) ?? null;
      return {
        values: values ? values.subarray(0, rowCount) : null,
        invalidRows: Uint32Array.from(this.invalid[c]),
        missingCount: this.missing[c],
        categories: coded?.categories ?? null,
        codes: coded?.codes ?? null,
      };
    });
  }
}

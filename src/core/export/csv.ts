// The scored CSV: every input row in input order and every input cell as read, then
// crs, crs_band, relationship_group and crs_issues, and when RFM is set up rfm_r, rfm_f,
// rfm_m and rfm_segment, then derived per-customer values (cltv_seed, p_alive…), each named
// apart from the file's own columns (outputColumns.ts). Rows are copied from the file's bytes
// (read again from the file in blocks) where nothing needs changing, so the export is exact
// and fast; every other cell is written by exportCell (cell.ts).
import type { Analysis } from '../scoring/analysis';
import { columnIndex, textDecoderOf, type Dataset } from '../dataset/dataset';
import { bandOf, BANDS, roundScore, type Model } from '../model/model';
import { isMissingCell, parseNumberBytes } from '../csv/numbers';
import { FIELD_ESCAPED, FIELD_PLAIN, FIELD_QUOTED, FIELD_RAW, fieldText, RowFields, scanRows, type ScanRules } from '../csv/scan';
import type { RfmScores } from '../rfm/rfm';
import { RFM_SEGMENTS, RFM_SEGMENT_EXPORT_NAMES } from '../rfm/rfmSpec';
import { gridGroups, GROUP_EXPORT_NAMES, NO_GROUP } from '../groups/segment';
import { forEachRowBlock, gatherRows } from '../dataset/rowBlocks';
import { exportCell, isFormulaStart, isLoneMinus, isNumberBytes, LOCALE_DELIMITERS, type CellFormat } from './cell';
import { MOVEMENT_COLUMNS, outputColumnNames, RFM_COLUMNS, SCORE_COLUMNS, type DerivedColumnName } from './outputColumns';

const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
/** Flush the output buffer into a Blob part at about this size. */
const PART_BYTES = 4 << 20;
/** An RFM score: 1–5, 0 when the customer has none. */
const RFM_SCORES = [0, 1, 2, 3, 4, 5] as const;

/** A derived value (CLTV, P(alive)): up to six decimals, no exponent, no trailing zeros; empty when missing. */
export function formatDerived(value: number, decimalComma: boolean): string {
  if (!Number.isFinite(value)) return '';
  // toFixed writes an exponent from 1e21 on; such a value is a whole number anyway.
  if (Math.abs(value) >= 1e21) return BigInt(value).toString();
  const text = (Math.round(value * 1e6) / 1e6).toFixed(6).replace(/\.?0+$/, '');
  return decimalComma ? text.replace('.', ',') : text;
}

/** Per-customer columns derived beside the score, e.g. the seed-formula CLTV or the lifetime-value fit's P(alive). */
/** Per current row, the customer's side in an earlier file compared with: NaN score and code 255 where they are not in it. */
export interface PreviousScores {
  scores: Float64Array;
  /** Band codes 0..2 (BANDS order). */
  bands: Uint8Array;
  /** Group codes of the grid. */
  groups: Uint8Array;
  gridSize: 2 | 3;
}

export interface DerivedColumn {
  /** Its column's name, unless the file has a column so named (outputColumnNames). */
  name: DerivedColumnName;
  /** What the page calls it ("P(alive)"). */
  label: string;
  values: Float64Array;
}

/** CRS with one decimal, in the file's decimal style; empty for an unscored row. */
export function formatScore(score: number, decimalComma: boolean): string {
  if (score !== score) return '';
  const tenths = Math.round(score * 10); // = roundScore(score) · 10, scores being ≥ 0
  return `${Math.floor(tenths / 10)}${decimalComma ? ',' : '.'}${tenths % 10}`;
}

/** A change in score, rounded as formatScore rounds: "-2.5", "0.0", "3.1"; empty for NaN. */
export function formatScoreChange(change: number, decimalComma: boolean): string {
  if (change !== change) return '';
  const tenths = Math.round(Math.abs(change) * 10);
  return (change < 0 && tenths > 0 ? '-' : '') + formatScore(tenths / 10, decimalComma);
}

class ByteSink {
  parts: Uint8Array<ArrayBuffer>[] = [];
  private buffer = new Uint8Array(PART_BYTES + (1 << 16));
  private length = 0;
  private encoder = new TextEncoder();

  bytes(source: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.length + n > this.buffer.length) this.flush();
    if (n > this.buffer.length) {
      this.parts.push(source.slice(start, end));
      return;
    }
    this.buffer.set(source.subarray(start, end), this.length);
    this.length += n;
    if (this.length >= PART_BYTES) this.flush();
  }

  text(text: string): void {
    if (text.length * 3 + this.length > this.buffer.length) this.flush();
    if (text.length * 3 > this.buffer.length) {
      this.parts.push(this.encoder.encode(text));
      return;
    }
    const { written } = this.encoder.encodeInto(text, this.buffer.subarray(this.length));
    this.length += written;
    if (this.length >= PART_BYTES) this.flush();
  }

  flush(): void {
    if (this.length === 0) return;
    this.parts.push(this.buffer.slice(0, this.length));
    this.length = 0;
  }
}

interface RowContext {
  dataset: Dataset;
  analysis: Analysis;
  model: Model;
  headerCount: number;
  decoder: TextDecoder;
  /** Numeric columns the model reads, with the factor or axis label to name in issues. */
  usedColumns: { index: number; label: string }[];
  /** Raw values of the used columns, and of the as-is factors' columns (clamping is flagged). */
  usedValues: Float64Array[];
  asIsValues: Float64Array[];
  factorLabels: Map<string, string>;
}

/** The issue of a row read again after a stray quote (Dataset.recoveredRows): the cell it opens is read with the quote. */
export const RECOVERED_ROW_ISSUE = 'a quote (") opens a cell and runs past the end of the line; it was read as part of the cell';

/** True when a row needs no issue text: full width, no stray quote, scored, every used value present and in range. */
function isCleanRow(ctx: RowContext, r: number, fields: RowFields): boolean {
  if (fields.count !== ctx.headerCount || fields.isRecovered || ctx.analysis.scores[r] !== ctx.analysis.scores[r]) return false;
  for (const values of ctx.usedValues) if (values[r] !== values[r]) return false;
  for (const values of ctx.asIsValues) if (values[r] < 0 || values[r] > 100) return false;
  return true;
}

/** Why this row's score is partial or missing, and what was changed in it; '' when clean. */
export function rowIssues(ctx: RowContext, r: number, fields: RowFields, bytes: Uint8Array): string {
  if (isCleanRow(ctx, r, fields)) return '';
  const issues: string[] = [];
  const { headerCount, analysis } = ctx;
  if (fields.isRecovered) issues.push(RECOVERED_ROW_ISSUE);
  if (fields.count < headerCount) issues.push(`row has ${fields.count} of ${headerCount} cells; padded with empty cells`);
  if (fields.count > headerCount) {
    const extra: string[] = [];
    for (let k = headerCount; k < fields.count; k++) extra.push(fieldText(bytes, fields.starts[k], fields.ends[k], fields.kinds[k], ctx.decoder));
    issues.push(`row has ${fields.count} cells, header has ${headerCount}; extra cells: ${extra.join(' | ')}`);
  }
  for (const { index, label } of ctx.usedColumns) {
    if (index >= fields.count) continue;
    const s = fields.starts[index];
    const e = fields.ends[index];
    const parsed = parseNumberBytes(bytes, s, e, ctx.dataset.dialect.decimal);
    if (parsed !== parsed && !isMissingCell(bytes, s, e)) {
      issues.push(`${label}: "${fieldText(bytes, s, e, fields.kinds[index], ctx.decoder)}" is not a number`);
    }
  }
  const missing: string[] = [];
  const missingWeighted: string[] = [];
  analysis.factors.forEach((factor, f) => {
    const label = ctx.factorLabels.get(factor.factorId) ?? factor.factorId;
    const value = factor.values[r];
    if (value !== value) {
      missing.push(label);
      if (analysis.weights[f] > 0) missingWeighted.push(label);
      return;
    }
    if (factor.resolved.method === 'as-is') {
      const raw = ctx.dataset.columns[columnIndex(ctx.dataset, factor.column)].values?.[r] ?? NaN;
      if (raw < 0 || raw > 100) issues.push(`${label}: ${raw} is outside 0–100; clamped`);
    }
  });
  if (analysis.scores[r] !== analysis.scores[r]) {
    issues.push(
      analysis.factors.length === 0
        ? 'not scored: no factor is mapped'
        : !analysis.weights.some((weight) => weight > 0)
          ? 'not scored: its factors all have weight 0'
          : // The weighted factors it lacks; any it has carry weight 0.
            `not scored: no value for ${(missingWeighted.length > 0 ? missingWeighted : missing).join(', ')}${missing.length < analysis.factors.length ? ' (the factors it has weigh 0)' : ''}`,
    );
  } else if (missing.length > 0) {
    issues.push(`scored without ${missing.join(', ')} (no value)`);
  }
  return issues.join('; ');
}

function buildContext(dataset: Dataset, analysis: Analysis, model: Model): RowContext {
  const factorLabels = new Map(model.factors.map((factor) => [factor.id, factor.label]));
  const usedColumns: { index: number; label: string }[] = [];
  const addColumn = (column: string | null, label: string): void => {
    if (column === null) return;
    const index = columnIndex(dataset, column);
    if (index >= 0 && !usedColumns.some((used) => used.index === index)) usedColumns.push({ index, label });
  };
  for (const factor of analysis.factors) addColumn(factor.column, factorLabels.get(factor.factorId) ?? factor.factorId);
  addColumn(analysis.axes.profitability.column, 'Profitability');
  addColumn(analysis.axes.loyalty.column, 'Loyalty');
  const valuesOf = (index: number): Float64Array => dataset.columns[index].values ?? new Float64Array(dataset.rowCount).fill(NaN);
  const usedValues = usedColumns.map(({ index }) => valuesOf(index));
  const asIsValues = analysis.factors.filter((factor) => factor.resolved.method === 'as-is').map((factor) => valuesOf(columnIndex(dataset, factor.column)));
  return { dataset, analysis, model, headerCount: dataset.columns.length, decoder: textDecoderOf(dataset), usedColumns, usedValues, asIsValues, factorLabels };
}

/**
 * Writes the scored CSV as Blob parts: UTF-8 with a BOM (so spreadsheets read å ä ö), the
 * input's delimiter, and CRLF after every row as RFC 4180 asks. A clean UTF-8 row is
 * copied byte for byte; a ragged row, a row with a cell exportCell would change (one a
 * spreadsheet would run as a formula or split at a , or ;), or a Windows-1252 row is
 * rebuilt cell by cell from the same text. The columns it adds are named by
 * outputColumnNames: crs_2 and so on where the file has a crs column. With `rfm` (scoreRfm
 * of the same dataset) each row also gets its R, F and M scores (1–5) and segment, each
 * empty where the customer has none (a missing value; M without a monetary column). Each
 * `derived` column (engine.ts: the seed-formula CLTV, the lifetime-value fit's
 * predictions) follows, empty where the customer has no value.
 */
export function exportScoredCsv(
  dataset: Dataset,
  analysis: Analysis,
  model: Model,
  rows: Uint32Array | null = null,
  rfm: RfmScores | null = null,
  derived: readonly DerivedColumn[] = [],
  previous: PreviousScores | null = null,
): Uint8Array<ArrayBuffer>[] {
  const sink = new ByteSink();
  const ctx = buildContext(dataset, analysis, model);
  const delimiter = dataset.dialect.delimiter;
  const delimiterByte = delimiter.charCodeAt(0);
  const decimalComma = dataset.dialect.decimal === 'comma' && delimiter !== ',';
  const isUtf8 = dataset.textEncoding === 'utf-8';
  const fields = new RowFields(Math.max(64, ctx.headerCount + 8));
  // Each row is read alone from its bytes, as the load read it (a stray quote is read as it was there).
  const rules: ScanRules = { headerCells: ctx.headerCount, isInputEnd: true };
  const format: CellFormat = { delimiter, decimal: dataset.dialect.decimal };
  const splitBytes = localeDelimitersBut(delimiterByte);
  // Names the model does not set are written through exportCell once, here; numbers the export formats pass as numbers.
  const bandNames = new Map(BANDS.map((band) => [band, exportCell(band, format, false)]));
  const groupNames = gridGroups(analysis.gridSize).map((group) => exportCell(GROUP_EXPORT_NAMES[group], format, false));
  const segmentNames = RFM_SEGMENTS.map((segment) => exportCell(RFM_SEGMENT_EXPORT_NAMES[segment], format, false));
  const rfmScoreCells = RFM_SCORES.map((score) => (score === 0 ? '' : exportCell(String(score), format, true)));
  const names = outputColumnNames(dataset.columns.map((column) => column.name));
  sink.bytes(UTF8_BOM, 0, 3);
  sink.text(
    [
      ...dataset.columns.map((column) => column.name),
      ...[...SCORE_COLUMNS, ...(rfm ? RFM_COLUMNS : []), ...derived.map((column) => column.name), ...(previous ? MOVEMENT_COLUMNS : [])].map((column) => names[column]),
    ]
      .map((name) => exportCell(name, format, false))
      .join(delimiter) + '\r\n',
  );
  /** Writes data row r, whose bytes are bytes[start, end); `splits` find the locale delimiters in `bytes`. */
  const writeRow = (r: number, bytes: Uint8Array, start: number, end: number, splits: readonly ByteFinder[]): void => {
    scanRows(bytes, start, end, delimiterByte, () => false, fields, rules);
    if (isUtf8 && fields.count === ctx.headerCount && !needsRebuilding(bytes, start, end, fields, format.decimal, splits, delimiterByte)) {
      sink.bytes(bytes, start, end);
    } else {
      sink.text(rebuildRow(ctx, fields, bytes, format));
    }
    const score = analysis.scores[r];
    const group = analysis.groups[r];
    const band = score === score ? (bandNames.get(bandOf(roundScore(score), model.bands)) ?? '') : '';
    const groupName = group === NO_GROUP ? '' : groupNames[group];
    const issues = rowIssues(ctx, r, fields, bytes);
    const rfmCells = rfm ? rfmRowCells(rfm, r, rfmScoreCells, segmentNames, delimiter) : '';
    let derivedCells = '';
    for (const column of derived) derivedCells += delimiter + exportCell(formatDerived(column.values[r], decimalComma), format, true);
    const movementCells = previous ? previousCells(previous, r, score) : '';
    sink.text(
      delimiter +
        exportCell(formatScore(score, decimalComma), format, true) +
        delimiter +
        band +
        delimiter +
        groupName +
        delimiter +
        exportCell(issues, format) +
        rfmCells +
        derivedCells +
        movementCells +
        '\r\n',
    );
  };
  const previousGroupNames = previous ? gridGroups(previous.gridSize).map((group) => exportCell(GROUP_EXPORT_NAMES[group], format, false)) : [];
  const bandCells = BANDS.map((band) => bandNames.get(band) ?? '');
  /** The movement cells of row r, each after a delimiter: the earlier score, the change (both rounded as shown), band and group. */
  const previousCells = (scores: PreviousScores, r: number, score: number): string => {
    const then = scores.scores[r];
    const change = then === then && score === score ? roundScore(score) - roundScore(then) : NaN;
    const bandThen = scores.bands[r];
    const groupThen = scores.groups[r];
    return (
      delimiter +
      exportCell(formatScore(then, decimalComma), format, true) +
      delimiter +
      exportCell(formatScoreChange(change, decimalComma), format, true) +
      delimiter +
      (bandCells[bandThen] ?? '') +
      delimiter +
      (groupThen === NO_GROUP ? '' : (previousGroupNames[groupThen] ?? ''))
    );
  };
  const { rowStarts, rowEnds } = dataset;
  if (rows === null || isAscending(rows)) {
    // Every row in file order, or the view's rows when they are in file order: read a block at a time.
    let wanted: Uint8Array | null = null;
    if (rows !== null) {
      wanted = new Uint8Array(dataset.rowCount);
      for (let k = 0; k < rows.length; k++) wanted[rows[k]] = 1;
    }
    forEachRowBlock(
      dataset,
      (block, base, first, end) => {
        const splits = splitBytes.map((byte) => new ByteFinder(block, byte));
        for (let r = first; r < end; r++) if (wanted === null || wanted[r] === 1) writeRow(r, block, rowStarts[r] - base, rowEnds[r] - base, splits);
      },
      wanted,
    );
  } else {
    // The view's rows in its own order (sorted, say): their bytes gathered first, read in file order.
    const { bytes, at } = gatherRows(dataset, rows);
    const splits = splitBytes.map((byte) => new ByteFinder(bytes, byte));
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      writeRow(r, bytes, at[r], at[r] + (rowEnds[r] - rowStarts[r]), splits);
    }
  }
  sink.flush();
  return sink.parts;
}

function isAscending(rows: Uint32Array): boolean {
  for (let k = 1; k < rows.length; k++) if (rows[k] <= rows[k - 1]) return false;
  return true;
}

/** The RFM cells of row r, each after a delimiter, from the cells written once per score and segment; a score of 0 and segment 255 (not scored) are empty. */
function rfmRowCells(rfm: RfmScores, r: number, scoreCells: readonly string[], segmentNames: readonly string[], delimiter: string): string {
  const score = (scores: Uint8Array | null): string => (scores ? (scoreCells[scores[r]] ?? '') : '');
  const segment = rfm.segments[r];
  return delimiter + score(rfm.r) + delimiter + score(rfm.f) + delimiter + score(rfm.m) + delimiter + (segment < segmentNames.length ? segmentNames[segment] : '');
}

/** The bytes of , and ; other than the file's delimiter: an unquoted cell can hold them, and a spreadsheet of some locale splits there. */
function localeDelimitersBut(delimiter: number): readonly number[] {
  return LOCALE_DELIMITERS.map((text) => text.charCodeAt(0)).filter((code) => code !== delimiter);
}

/**
 * Finds one byte in the rows of a buffer, met in ascending order (a block of the file): it
 * keeps where the next one is, so each stretch of the buffer is searched once (native
 * indexOf) however many rows it spans, and a row without the byte costs two comparisons.
 * A row before the last one asked (a sorted view's rows) is searched on its own.
 */
class ByteFinder {
  /** `next` is the first position at or after `from` holding the byte (bytes.length: none). */
  private from = 0;
  private next = -1;
  private readonly bytes: Uint8Array;
  private readonly byte: number;
  constructor(bytes: Uint8Array, byte: number) {
    this.bytes = bytes;
    this.byte = byte;
  }

  /** The first position in [start, end) holding the byte, or -1. */
  firstIn(start: number, end: number): number {
    if (start < this.from) {
      const at = this.bytes.subarray(start, end).indexOf(this.byte);
      return at === -1 ? -1 : start + at;
    }
    if (this.next < start) {
      const at = this.bytes.indexOf(this.byte, start);
      this.from = start;
      this.next = at === -1 ? this.bytes.length : at;
    }
    return this.next < end ? this.next : -1;
  }
}

/**
 * True when the row bytes[start, end) cannot be copied byte for byte: exportCell would
 * change a cell (cell.ts: one starting with a formula character that is not a number or a
 * lone "-"; an unquoted one holding a , or ; that is not a number), or its quoting is
 * broken (text after a closing quote, a quote never closed) so another reader would split
 * it differently from how the app read it. Per cell only the first byte is read; `splits`
 * find the locale delimiters, and only a cell holding one is parsed, so a clean row costs
 * a look at each cell's first byte and a comparison or two per locale delimiter.
 */
function needsRebuilding(bytes: Uint8Array, start: number, end: number, fields: RowFields, decimal: CellFormat['decimal'], splits: readonly ByteFinder[], delimiter: number): boolean {
  const { count, starts, ends, kinds } = fields;
  for (let k = 0; k < count; k++) {
    if (kinds[k] >= FIELD_RAW) return true;
    // A quoted cell's closing quote is at ends[k]: the delimiter or the row's end must follow it (spaces after it are dropped on rebuild).
    if ((kinds[k] === FIELD_QUOTED || kinds[k] === FIELD_ESCAPED) && ends[k] + 1 < end && bytes[ends[k] + 1] !== delimiter) return true;
    const s = starts[k];
    const e = ends[k];
    if (s < e && isFormulaStart(bytes[s]) && !isLoneMinus(bytes, s, e) && !isNumberBytes(bytes, s, e, decimal)) return true;
  }
  for (const split of splits) {
    // Each cell holding the byte, once: a quoted one stays quoted as copied; an unquoted one must be a number.
    let k = 0;
    for (let at = split.firstIn(start, end); at !== -1; at = split.firstIn(ends[k], end)) {
      while (ends[k] <= at) k++;
      if (kinds[k] === FIELD_PLAIN && !isNumberBytes(bytes, starts[k], ends[k], decimal)) return true;
    }
  }
  return false;
}

/** A row re-written cell by cell through exportCell, padded or cut to the header's width. */
function rebuildRow(ctx: RowContext, fields: RowFields, bytes: Uint8Array, format: CellFormat): string {
  const cells: string[] = [];
  for (let k = 0; k < ctx.headerCount; k++) {
    cells.push(k < fields.count ? exportCell(fieldText(bytes, fields.starts[k], fields.ends[k], fields.kinds[k], ctx.decoder), format) : '');
  }
  return cells.join(format.delimiter);
}

/** The input file's name without its extension, the stem of every file the app saves: "customers.csv" → "customers". */
export function fileStem(inputName: string): string {
  return inputName.replace(/\.[^./\\]+$/, '') || 'customers';
}

/** File name of the export: "customers.csv" → "customers-scored.csv" (or "customers-view.csv" for the table's view). */
export function scoredFileName(inputName: string, suffix: 'scored' | 'view' | 'gone' = 'scored'): string {
  return `${fileStem(inputName)}-${suffix}.csv`;
}

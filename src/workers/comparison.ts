// The engine's side of comparing the current file with an earlier one (issue 17): both are
// scored by the same model, each in its own derivation graph, and matched by an id column.
// Each derivation is memoised on its inputs, so a weight change costs one scoring pass per
// file and one pass over the matched rows; the matching itself waits for a new file or id column.
import { cell } from '../core/derive/memo';
import type { AnalysisGraph } from '../core/derive/graph';
import { bandCodes } from '../core/kpis/breakdown';
import { revenueValues } from '../core/kpis/kpis';
import { BANDS, modelColumns, type Model } from '../core/model/model';
import { gridGroups } from '../core/groups/segment';
import { columnIndex, ensureColumns, idCellsOf } from '../core/dataset/dataset';
import { customerRow, type CustomerRow, type TableView } from '../core/table/table';
import type { IdCells } from '../core/csv/idCells';
import { idColumnOf, matchIds, type IdMatch } from '../core/movement/match';
import { cellMask, earlierSide, goneRows, movementBase, movementPass, type EarlierSide, type MeanChange, type MovementTable } from '../core/movement/movement';
import type { Analysis } from '../core/scoring/analysis';
import type { Kpi } from '../core/kpis/kpis';
import type { ScoreAggregates } from '../core/scoring/score';
import type { DashboardFilter } from '../core/derive/graph';
import { exportScoredCsv } from '../core/export/csv';
import { previousReading, type SqlPreviousReading } from '../core/export/sql';
import type { Scorer, ScorerPass as EarlierPass } from './scorer';

/** The id columns a comparison matches on, by name; null = found from the header (idColumnOf). */
export interface CompareIds {
  current: string | null;
  previous: string | null;
}

/** A movement table as the page gets it. */
export interface MovementCounts {
  counts: number[];
  revenue: number[] | null;
}

/** What the page shows of a comparison: the matching, both movement tables, the mean's change and the earlier KPIs. */
export interface MovementSummary {
  previousName: string;
  previousRows: number;
  idColumn: string;
  previousIdColumn: string;
  /** Both files' column names, for the id pickers. */
  columns: { current: string[]; previous: string[] };
  /** Columns the model reads that the earlier file does not have: its factors there count as missing. */
  missingColumns: string[];
  match: Omit<IdMatch, 'previousOf' | 'currentStatus' | 'previousStatus'>;
  bands: MovementCounts;
  groups: MovementCounts & { gridSize: 2 | 3 };
  mean: MeanChange;
}

/** The earlier file's headline figures under the current model and filter: what each tile compares with. */
export interface EarlierFigures {
  /** The distribution, bands and groups (SummaryTiles: customers, mean and median CRS, band shares). */
  aggregates: ScoreAggregates;
  kpis: Kpi[];
}

/** The earlier side of one customer, for the explanation. */
export interface PreviousCustomer {
  score: number;
  band: number;
  group: number;
  /** The factor whose points changed most, and by how much (points now − then); null when none changed. */
  mover: { factorId: string; change: number } | null;
}

const counts = (table: MovementTable): MovementCounts => ({ counts: Array.from(table.counts), revenue: table.revenue ? Array.from(table.revenue) : null });
const factorColumns = (analysis: Analysis) => analysis.factors.map((factor, f) => ({ factorId: factor.factorId, weight: analysis.weights[f], values: factor.values }));

/** The earlier file's id column unless one is chosen: one named as the current file's, else found from its header. */
export function earlierIdColumn(names: readonly string[], currentId: string | null): string {
  return currentId !== null && names.includes(currentId) ? currentId : names[idColumnOf(names)];
}

export function createComparison(current: AnalysisGraph, previous: AnalysisGraph, previousName: string) {
  const now = current.dataset;
  const then = previous.dataset;
  const idsCell = cell<{ current: IdCells; previous: IdCells; columns: [string, string] }>();
  const matchCell = cell<IdMatch>();
  const resolveIds = (ids: CompareIds): [string, string] => {
    const currentNames = now.columns.map((column) => column.name);
    const previousNames = then.columns.map((column) => column.name);
    const currentId = ids.current !== null && currentNames.includes(ids.current) ? ids.current : currentNames[idColumnOf(currentNames)];
    const previousId = ids.previous !== null && previousNames.includes(ids.previous) ? ids.previous : earlierIdColumn(previousNames, currentId);
    return [currentId, previousId];
  };
  const matchOf = (ids: CompareIds): { match: IdMatch; columns: [string, string] } => {
    const [currentId, previousId] = resolveIds(ids);
    const texts = idsCell.get([currentId, previousId], () => ({
      // Kept by each file's load when they are the ids it found; read again otherwise.
      current: idCellsOf(now, columnIndex(now, currentId)),
      previous: idCellsOf(then, columnIndex(then, previousId)),
      columns: [currentId, previousId],
    }));
    return { match: matchCell.get([texts], () => matchIds(texts.current, texts.previous)), columns: texts.columns };
  };
  /** Both analyses of `model` (interned in each graph) with the columns it reads scanned. */
  /** `model` as the earlier file's graph knows it, with the columns it reads there scanned. */
  const earlierModel = (model: Model) => {
    ensureColumns(then, modelColumns(model));
    return previous.intern(model);
  };
  const analyses = (model: Model) => {
    const previousModel = earlierModel(model);
    return { a: current.analysis(model), b: previous.analysis(previousModel), previousModel };
  };
  // The earlier side (band codes, matched sum) of each pass the scoring thread made, by its score array, with the match status it was summed over.
  const sides = new WeakMap<Float64Array, { status: Uint8Array; side: EarlierSide }>();
  // Arrays from the scoring thread that go back to it to be written again: every adopted pass's but the last (the graph keeps one pass, so the others are superseded), and any not adopted.
  let adopted: EarlierPass[] = [];
  let unused: EarlierPass[] = [];
  /**
   * Starts the earlier file's scoring pass for `model` on `scorer` (a thread of its own), to be
   * adopted by its graph when it is done; null when that pass is kept already. The engine scores
   * the current file meanwhile, then awaits this before it asks for the comparison's parts.
   * `withSide`: the movement is asked for, so the thread also makes the movement's EarlierSide.
   */
  const scoreEarlierOn = (scorer: Scorer, model: Model, ids: CompareIds, withSide: boolean): Promise<void> | null => {
    const previousModel = earlierModel(model);
    const job = previous.scoringJob(previousModel);
    if (job === null) return null;
    const { match } = matchOf(ids);
    const recycled = [...unused, ...adopted.slice(0, -1)].flatMap((pass) => (pass.side ? [pass.scored.scores, pass.side.bands] : [pass.scored.scores]));
    adopted = adopted.slice(-1);
    unused = [];
    return scorer.score(job, match.previousStatus, withSide, recycled).then((pass) => {
      if (!previous.adoptScored(previousModel, job, pass.scored)) return void unused.push(pass);
      if (pass.side) sides.set(pass.scored.scores, { status: match.previousStatus, side: pass.side });
      adopted.push(pass);
    });
  };

  const sideCell = cell<EarlierSide>();
  /** The earlier side of `b`'s pass: made by the scoring thread with it, else here. */
  const sideOf = (model: Model, b: Analysis, match: IdMatch) => {
    const made = sides.get(b.scores);
    return made?.status === match.previousStatus ? made.side : sideCell.get([b, match, model.bands], () => earlierSide(b.scores, match.previousStatus, model.bands));
  };
  const bandsCell = cell<Uint8Array>();
  // Keyed on the analyses, not their score arrays: each graph's scoring pass rewrites one buffer in place, a new Analysis object per pass is its version.
  const bandsOf = (model: Model, a: Analysis, b: Analysis, match: IdMatch): [Uint8Array, Uint8Array] => [bandsCell.get([a, model.bands], () => bandCodes(a.scores, model.bands)), sideOf(model, b, match).bands];
  const summaryCell = cell<MovementSummary>();
  const baseCell = cell<ReturnType<typeof movementBase>>();

  const summary = (model: Model, ids: CompareIds): MovementSummary => {
    const { match, columns } = matchOf(ids);
    const { a, b } = analyses(model);
    const size = a.gridSize;
    const revenueNow = revenueValues(now, a);
    const revenueThen = revenueValues(then, b);
    // What only weights change is kept: the group table and the factor sums per presence pattern.
    const factorsNow = factorColumns(a);
    const factorsThen = factorColumns(b);
    const base = baseCell.get([match, a.groups, b.groups, revenueNow, revenueThen, ...factorsNow.map((f) => f.values), '|', ...factorsThen.map((f) => f.values)], () =>
      movementBase(match, { groups: a.groups, factors: factorsNow, revenue: revenueNow }, { groups: b.groups, factors: factorsThen, revenue: revenueThen }, gridGroups(size).length),
    );
    return summaryCell.get([base, a, b, model.bands], () => {
      // One pass over each file's scores: the band table and the mean; the split from the base.
      const revenue = revenueNow && revenueThen ? { now: revenueNow, then: revenueThen } : null;
      const moved = movementPass(base, { now: a.scores, then: b.scores }, sideOf(model, b, match), { now: a.weights, then: b.weights }, model.bands, revenue);
      const { previousOf: _p, currentStatus: _c, previousStatus: _s, ...matchCounts } = match;
      return {
        previousName,
        previousRows: then.rowCount,
        idColumn: columns[0],
        previousIdColumn: columns[1],
        columns: { current: now.columns.map((column) => column.name), previous: then.columns.map((column) => column.name) },
        missingColumns: modelColumns(model).filter((column): column is string => column !== null && columnIndex(then, column) < 0),
        match: matchCounts,
        bands: counts(moved.bands),
        groups: { ...counts(moved.groups), gridSize: size },
        mean: moved.mean,
      };
    });
  };

  const figuresCell = cell<EarlierFigures>();
  /** The earlier file's tiles under `model`, over the customers the same filter leaves there: its scoring pass and tallies, not the movement's pass. */
  const earlier = (model: Model, filter: DashboardFilter): EarlierFigures => {
    const { previousModel } = analyses(model);
    const view = { rfmSegment: filter.rfmSegment ?? null, group: filter.group ?? null };
    const aggregates = previous.aggregates(previousModel, view);
    const kpis = previous.kpis(previousModel, view);
    return figuresCell.get([aggregates, kpis], () => ({ aggregates, kpis }));
  };

  const maskCell = cell<Uint8Array>();
  /** The current rows of a movement cell, for the table's view; null when the view has none. */
  const viewMask = (model: Model, view: TableView, ids: CompareIds): Uint8Array | null => {
    const filter = view.movement;
    if (!filter) return null;
    const { match } = matchOf(ids);
    const { a, b } = analyses(model);
    const [bandNow, bandThen] = bandsOf(model, a, b, match);
    const isBand = filter.table === 'band';
    const codesNow = isBand ? bandNow : a.groups;
    const codesThen = isBand ? bandThen : b.groups;
    const categories = isBand ? BANDS.length : gridGroups(a.gridSize).length;
    return maskCell.get([match, codesNow, codesThen, filter.table, filter.from, filter.to], () => cellMask(match, codesNow, codesThen, categories, filter));
  };

  /** Per current row: the earlier score, band and group (NaN / 255 where the customer is not matched), for the export. */
  const previousColumns = (model: Model, ids: CompareIds) => {
    const { match } = matchOf(ids);
    const { a, b } = analyses(model);
    const [, bandThen] = bandsOf(model, a, b, match);
    const scores = new Float64Array(now.rowCount).fill(NaN);
    const bands = new Uint8Array(now.rowCount).fill(255);
    const groups = new Uint8Array(now.rowCount).fill(255);
    for (let r = 0; r < now.rowCount; r++) {
      const p = match.previousOf[r];
      if (p < 0) continue;
      scores[r] = b.scores[p];
      bands[r] = bandThen[p];
      groups[r] = b.groups[p];
    }
    return { scores, bands, groups, gridSize: a.gridSize };
  };

  /** The earlier side of a customer (their current row, as the explanation shows it), or null when they are not in the earlier file (new, or an id that cannot be matched). */
  const customer = (model: Model, nowRow: CustomerRow, ids: CompareIds): PreviousCustomer | null => {
    const { match } = matchOf(ids);
    const p = match.previousOf[nowRow.row] ?? -1;
    if (p < 0) return null;
    const { a, b, previousModel } = analyses(model);
    const [, bandThen] = bandsOf(model, a, b, match);
    const thenRow = customerRow(then, b, previousModel, p);
    let mover: PreviousCustomer['mover'] = null;
    for (const factor of nowRow.factors) {
      const before = thenRow.factors.find((f) => f.factorId === factor.factorId)?.points;
      const change = (factor.points === factor.points ? factor.points : 0) - (before !== undefined && before === before ? before : 0);
      if (change !== 0 && (mover === null || Math.abs(change) > Math.abs(mover.change))) mover = { factorId: factor.factorId, change };
    }
    return { score: b.scores[p], band: bandThen[p], group: b.groups[p], mover };
  };

  /** The earlier rows gone since (for the export of a "gone" cell). */
  const gone = (model: Model, ids: CompareIds, table: 'band' | 'group', from: number | null) => {
    const { match } = matchOf(ids);
    const { a, b } = analyses(model);
    const [, bandThen] = bandsOf(model, a, b, match);
    return table === 'band' ? goneRows(match, bandThen, BANDS.length, from) : goneRows(match, b.groups, gridGroups(a.gridSize).length, from);
  };

  /** The earlier file as the warehouse SQL reads it: its own columns and factors under `model`, and the id columns matched on. */
  const sqlReading = (model: Model, ids: CompareIds): SqlPreviousReading => {
    const [idColumn, previousIdColumn] = resolveIds(ids);
    const { b, previousModel } = analyses(model);
    return previousReading(then, b, previousModel, { idColumn, previousIdColumn });
  };

  /** The earlier file's customers gone since (from one earlier band or group, or all) as a scored CSV of that file: its rows and columns, its scores. */
  const goneExport = (model: Model, ids: CompareIds, table: 'band' | 'group', from: number | null) => {
    const { b, previousModel } = analyses(model);
    return exportScoredCsv(then, b, previousModel, gone(model, ids, table, from), previous.rfmScores(previousModel));
  };

  return { scoreEarlierOn, summary, earlier, viewMask, previousColumns, customer, goneExport, sqlReading };
}

export type Comparison = ReturnType<typeof createComparison>;

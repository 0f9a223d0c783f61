// The analysis as a graph of named derivations: columns → normalised factors → factor
// matrix → scores → histogram, bands, groups, tiles, table page, scatter, validation, RFM,
// lifetime value… Each derivation is a pure function of the inputs it declares, memoised
// on their identity by one helper (./memo.ts), so a change recomputes exactly what reads
// it: a weight change re-runs the scoring pass and what reads the scores, a split change
// the grouping, a mapping change the factor it touched. Nothing runs until it is asked for.
// One graph holds one dataset's derivations; the engine asks it for what the views on
// screen show.
import { computeGroups, normalizeFactor, valueHistogram, type Analysis, type FactorValues, type PredictedInput } from '../scoring/analysis';
import { columnValues, type Dataset } from '../dataset/dataset';
import type { Factor, Model } from '../model/model';
import { KPI_DEFINITIONS, computeKpi, revenueMedianOf, revenueValues, sourceColumn, sourceValues, type Kpi, type KpiContext, type KpiSource } from '../kpis/kpis';
import { emptyTally, outcomeCountsFromTally, tallyClasses, type ScoreTally } from '../scoring/tally';
import { seedCltvColumn } from '../clv/seedCltv';
import { rulePoints } from '../scoring/rules';
import { aggregatesOnRows, factorMatrix, scoreMatrix, type FactorMatrix, type ScoreAggregates } from '../scoring/score';
import { codeMask, groupCode } from '../groups/segment';
import { gather, kpiBreakdown, kpisOnRows, maskedRows, segmentSums, type BreakdownBy, type KpiBreakdown } from '../kpis/breakdown';
import { scatterBins, type ScatterBins } from '../groups/scatter';
import { goodRuns, outcomeColumn, readOutcome, validate, type OutcomeColumn, type OutcomeRead, type ValidationSummary } from '../validation/outcome';
import { runsFromTenths, type TenthOutcomeCounts } from '../validation/runs';
import { aucFromRuns } from '../validation/roc';
import { scoreRfm, segmentMask, summarizeRfm, type RfmScores, type RfmSummary } from '../rfm/rfm';
import { fitLifetimeValue, type ClvInputs, type ClvResult } from '../clv/fromDataset';
import { crsPage, searchMatches, textRanks, viewOrder, type TableView } from '../table/table';
import { cell, cells, stable } from './memo';

/** Revenue (profitability column) per group code and in all: the grid's revenue shares; null without the column. */
export type RevenueFigures = { byGroup: number[]; total: number } | null;

/** The AUC beside the sliders: one counting pass over the scores, without the rest of the validation. */
export interface AucFigure {
  column: string;
  auc: number;
  problem: string | null;
}

/** The lifetime-value fit of a model's inputs: per-customer predictions and the panel's result. */
export interface LifetimeFit {
  predicted: PredictedInput;
  result: ClvResult | null;
}

/** A filter of the dashboard: an RFM segment and a relationship group, each optional. */
export type DashboardFilter = Pick<TableView, 'rfmSegment' | 'group'>;

/**
 * What one scoring pass reads, for a pass run elsewhere (a worker of its own, beside the
 * engine's): the inputs of scoreMatrix, and the graph's key for the pass it will adopt.
 */
export interface ScoringJob {
  matrix: FactorMatrix;
  weights: number[];
  bands: Model['bands'];
  groups: Uint8Array;
  extra: Float64Array | null;
  /** The class byte per customer the pass counts under (ScoreTally), or null. */
  classes: Uint8Array | null;
  key: readonly unknown[];
}

/** A pass run elsewhere on a ScoringJob: what scoreMatrix wrote and returned. */
export interface ScoredElsewhere {
  scores: Float64Array;
  aggregates: ScoreAggregates;
  /** The tally's counts (classes × tenths), or null without classes. */
  tallyCounts: Uint32Array | null;
}

/** Rows a filter leaves: the segment's (null without one), and those the KPI tiles and factor histograms cover. */
interface FilterRows {
  segmentMask: Uint8Array | null;
  segmentRows: Uint32Array | null;
  groupMask: Uint8Array | null;
  kpiRows: Uint32Array;
}

function bothMasks(a: Uint8Array | null, b: Uint8Array | null): Uint8Array | null {
  if (a === null || b === null) return a ?? b;
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

function knownSum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) total += values[i];
  return total;
}

export type AnalysisGraph = ReturnType<typeof createAnalysisGraph>;

/**
 * The derivations of one dataset, each asked for by name with the current model. `viewMask`
 * gives the rows a view keeps for a reason the dataset alone cannot tell (a movement cell of
 * two files compared), or null.
 */
export function createAnalysisGraph(dataset: Dataset, viewMask: (model: Model, view: TableView) => Uint8Array | null = () => null) {
  const data = dataset;
  // Models arrive as fresh copies: unchanged slices keep their identity through this.
  const intern = stable<Model>();
  const internView = stable<TableView>();

  const factorCells = cells<FactorValues | null>();
  /** A mapped factor's 0..100 values: its column, normalisation, direction and shape (not its weight). */
  const factorValues = (factor: Factor): FactorValues | null => factorCells.of(factor.id).get([factor.column, factor.normalization, factor.isHigherBetter, factor.shape], () => normalizeFactor(data, factor));

  const factorsCell = cell<FactorValues[]>();
  const factorList = cell<{ factors: FactorValues[]; weights: number[] }>();
  /** The model's scored factors (mapped to a usable column) and their weights, aligned. */
  const scoredFactors = (model: Model) => {
    factorCells.keep(model.factors.map((factor) => factor.id));
    const factors: FactorValues[] = [];
    const weights: number[] = [];
    for (const factor of model.factors) {
      const values = factorValues(factor);
      if (!values) continue;
      factors.push(values);
      weights.push(factor.weight);
    }
    // The list keeps its identity while its factors do, whatever the weights: what reads only the factors stays.
    const kept = factorsCell.get(factors, () => factors);
    return factorList.get([kept, ...weights], () => ({ factors: kept, weights }));
  };

  const matrixCell = cell<FactorMatrix>();
  const matrix = (factors: FactorValues[]): FactorMatrix =>
    matrixCell.get(factors, () =>
      factorMatrix(
        factors.map((factor) => factor.values),
        data.rowCount,
      ),
    );

  const lifetimeCell = cell<LifetimeFit>();
  let fits = 0;
  /** The lifetime-value fit: only when an axis or the panel asks for it. */
  const lifetime = (inputs: ClvInputs): LifetimeFit =>
    lifetimeCell.get([inputs], () => {
      const fitted = fitLifetimeValue(data, inputs);
      const key = `fit ${++fits}`;
      if ('problem' in fitted) return { predicted: { key, values: null, problem: fitted.problem }, result: null };
      // A fit that ran away or did not settle is not read anywhere: not on an axis, not in the export.
      if (fitted.result.warning !== null) return { predicted: { key, values: null, problem: fitted.result.warning }, result: fitted.result };
      return { predicted: { key, values: { pAlive: fitted.pAlive, clv: fitted.clv, expectedPurchases: fitted.expectedPurchases }, problem: null }, result: fitted.result };
    });
  /** The predictions the grid reads: fitted only when an axis asks for them. */
  const predicted = (model: Model): PredictedInput | null => {
    const wants = model.axes.profitability.source.kind === 'predicted' || model.axes.loyalty.source.kind === 'predicted';
    return wants && model.lifetime !== null ? lifetime(model.lifetime).predicted : null;
  };

  const groupsCell = cell<ReturnType<typeof computeGroups>>();
  /** Relationship groups: the axes' specs and grid size, and what each axis's source reads. */
  const groups = (model: Model) => {
    const sourceInput = (axis: 'profitability' | 'loyalty') => {
      const source = model.axes[axis].source;
      if (source.kind === 'factor') {
        const factor = model.factors.find((f) => f.id === source.factorId);
        return factor ? factorValues(factor) : null;
      }
      if (source.kind === 'seedCltv') return model.kpiInputs;
      if (source.kind === 'predicted') return predicted(model);
      return null;
    };
    return groupsCell.get([model.axes, model.gridSize, sourceInput('profitability'), sourceInput('loyalty')], () => computeGroups(data, model, factorValues, predicted(model)));
  };

  const rulesCell = cell<Float64Array | null>();
  const rulePointsOf = (model: Model) => rulesCell.get([model.rules], () => rulePoints(data, model.rules));

  const outcomeReadCell = cell<OutcomeRead | null>();
  /** The outcome column's yes/no values and codes: kept while the column stays. */
  const outcomeRead = (model: Model): OutcomeRead | null => outcomeReadCell.get([model.outcome.column], () => readOutcome(data, model.outcome.column));

  const revenueMedianCell = cell<number>();
  /** The revenue column's median: the at-risk tile's threshold (a 2×2 grid split at it has it already). */
  const revenueMedian = (model: Model): number => {
    const { axes } = groups(model);
    return revenueMedianCell.get([axes.profitability], () => revenueMedianOf(data, { axes }));
  };

  const tallyCell = cell<ScoreTally | null>();
  /** The class byte per customer (outcome × revenue above the median) the scoring pass counts under: at-risk and the AUC without a pass of their own. */
  const tally = (model: Model): ScoreTally | null => {
    const read = outcomeRead(model);
    const { axes } = groups(model);
    const median = revenueMedian(model);
    return tallyCell.get([read, axes.profitability, median], () => {
      const revenue = revenueValues(data, { axes });
      return read === null && revenue === null ? null : emptyTally(tallyClasses(read?.codes ?? null, revenue, median, data.rowCount));
    });
  };

  // The scoring pass writes into one buffer per graph (and the tally's counts); `scored` (a new object per pass) is their version.
  const scoreBuffer = new Float64Array(data.rowCount);
  const scoredCell = cell<{ scores: Float64Array; aggregates: ScoreAggregates; tally: ScoreTally | null }>();
  const scoringInputs = (model: Model) => {
    const { weights, factors } = scoredFactors(model);
    const grouped = groups(model);
    const rules = rulePointsOf(model);
    const m = matrix(factors);
    const counted = tally(model);
    return { weights, groups: grouped.groups, rules, matrix: m, tally: counted, key: [m, grouped.groups, rules, model.bands, counted, ...weights] };
  };
  const scoredPass = (model: Model) => {
    const { weights, groups: codes, rules, matrix: m, tally: counted, key } = scoringInputs(model);
    return scoredCell.get(key, () => ({
      scores: scoreBuffer,
      aggregates: scoreMatrix(m, weights, model.bands, codes, scoreBuffer, rules, counted),
      tally: counted,
    }));
  };
  /** The inputs of `model`'s scoring pass, for a pass run elsewhere; null when the pass is kept already. */
  const scoringJob = (model: Model): ScoringJob | null => {
    const { weights, groups: codes, rules, matrix: m, tally: counted, key } = scoringInputs(model);
    if (scoredCell.peek(key) !== undefined) return null;
    return { matrix: m, weights, bands: model.bands, groups: codes, extra: rules, classes: counted?.classes ?? null, key };
  };
  /**
   * A pass run elsewhere on scoringJob(model), kept as this graph's pass for `model`; false
   * when it was not kept (the graph made that pass itself meanwhile, or `model` reads other inputs now).
   */
  const adoptScored = (model: Model, job: ScoringJob, scored: ScoredElsewhere): boolean => {
    const { tally: counted, key } = scoringInputs(model);
    if (key.length !== job.key.length || key.some((input, i) => !Object.is(input, job.key[i]))) return false;
    let isAdopted = false;
    scoredCell.get(key, () => {
      isAdopted = true;
      return { scores: scored.scores, aggregates: scored.aggregates, tally: counted && scored.tallyCounts ? { classes: counted.classes, counts: scored.tallyCounts } : null };
    });
    return isAdopted;
  };
  const analysisCell = cell<Analysis>();
  /** Every customer's CRS and the aggregates of one fused pass, with what it read: the Analysis the rest of core takes. */
  const analysis = (model: Model): Analysis => {
    const { factors, weights } = scoredFactors(model);
    const grouped = groups(model);
    const rules = rulePointsOf(model);
    const scored = scoredPass(model);
    return analysisCell.get([factors, weights, grouped, rules, scored], () => ({
      factors,
      weights,
      axes: grouped.axes,
      gridSize: model.gridSize,
      axisValues: grouped.axisValues,
      groups: grouped.groups,
      rulePoints: rules,
      scores: scored.scores,
      aggregates: scored.aggregates,
    }));
  };

  const kpiContext = (model: Model): KpiContext => ({ bands: model.bands, revenueMedian: revenueMedian(model) });

  const fixedKpisCell = cell<Map<string, Kpi>>();
  /** The KPIs that do not read the scores (churn, NPS, revenue figures…): kept while their columns stay. */
  const fixedKpis = (model: Model, a: Analysis) =>
    fixedKpisCell.get([model.kpiInputs, a.axes.profitability.column], () => {
      const context = kpiContext(model);
      const fixed = new Map<string, Kpi>();
      for (const definition of KPI_DEFINITIONS) {
        if (definition.variants.some((variant) => variant.sources.includes('scores'))) continue;
        fixed.set(
          definition.id,
          computeKpi(
            definition,
            (source: KpiSource) => sourceValues(source, data, a, model),
            context,
            (source) => sourceColumn(source, a, model),
          ),
        );
      }
      return fixed;
    });

  const kpisCell = cell<Kpi[]>();
  /** Every KPI tile over all customers. */
  const kpis = (model: Model): Kpi[] => {
    const a = analysis(model);
    const fixed = fixedKpis(model, a);
    const counts = scoredPass(model).tally?.counts ?? null;
    return kpisCell.get([fixed, a, model.bands, counts], () =>
      KPI_DEFINITIONS.map(
        (definition) =>
          fixed.get(definition.id) ??
          computeKpi(
            definition,
            (source: KpiSource) => sourceValues(source, data, a, model),
            { ...kpiContext(model), tally: counts },
            (source) => sourceColumn(source, a, model),
          ),
      ),
    );
  };

  const rfmCell = cell<RfmScores | null>();
  /** R, F, M and the segment per customer: the RFM spec's columns and cuts, not the scores. */
  const rfmScores = (model: Model): RfmScores | null => rfmCell.get([model.rfm], () => scoreRfm(data, model.rfm));

  const rfmSummaryCell = cell<RfmSummary | null>();
  /** The RFM panel: figures per segment and cell, with the mean CRS and churn per segment. */
  const rfmSummary = (model: Model): RfmSummary | null => {
    const scores = rfmScores(model);
    const a = analysis(model);
    // Churn as the KPI tiles read it, else an outcome column where a yes is bad.
    const churnColumn = model.kpiInputs.churn ?? (model.outcome.column !== null && !model.outcome.isGood ? model.outcome.column : null);
    return rfmSummaryCell.get([scores, a.scores, a.aggregates, churnColumn], () => {
      if (!scores) return null;
      const values = columnValues(data, churnColumn);
      return summarizeRfm(scores, a.scores, churnColumn !== null && values ? { column: churnColumn, values } : null);
    });
  };

  const segmentMaskCell = cell<Uint8Array | null>();
  const segmentRowsCell = cell<Uint32Array | null>();
  const groupMaskCell = cell<Uint8Array | null>();
  const kpiRowsCell = cell<Uint32Array>();
  /** The rows an RFM segment and a group filter leave (kept while the segment, the RFM scores and the groups stay). */
  const filterRows = (model: Model, filter: DashboardFilter): FilterRows => {
    const a = analysis(model);
    const scores = filter.rfmSegment ? rfmScores(model) : null;
    const segment = segmentMaskCell.get([filter.rfmSegment ?? null, scores], () => (filter.rfmSegment ? (scores ? segmentMask(scores.segments, filter.rfmSegment) : new Uint8Array(data.rowCount)) : null));
    const segmentRows = segmentRowsCell.get([segment], () => (segment ? maskedRows(segment) : null));
    const code = filter.group === null ? -1 : groupCode(a.gridSize, filter.group);
    const group = groupMaskCell.get([a.groups, code], () => (code < 0 ? null : codeMask(a.groups, code)));
    const kpiRows = kpiRowsCell.get([segment, segmentRows, group], () => (group === null ? (segmentRows ?? new Uint32Array(0)) : maskedRows(bothMasks(segment, group) ?? group)));
    return { segmentMask: segment, segmentRows, groupMask: group, kpiRows };
  };
  const isFiltered = (rows: FilterRows) => rows.segmentMask !== null || rows.groupMask !== null;

  const aggregatesCell = cell<ScoreAggregates>();
  /** The distribution, bands and grid counts: over the segment's customers when one is chosen. */
  const aggregates = (model: Model, filter: DashboardFilter): ScoreAggregates => {
    const a = analysis(model);
    const rows = filterRows(model, filter).segmentRows;
    if (rows === null) return a.aggregates;
    return aggregatesCell.get([a.aggregates, rows, model.bands], () => aggregatesOnRows(a.scores, a.groups, model.bands, rows));
  };

  const filteredKpisCell = cell<Kpi[]>();
  /** The KPI tiles: over everyone, or over the customers a filter leaves. */
  const shownKpis = (model: Model, filter: DashboardFilter): Kpi[] => {
    const rows = filterRows(model, filter);
    if (!isFiltered(rows)) return kpis(model);
    const a = analysis(model);
    const context = kpiContext(model);
    return filteredKpisCell.get([a, rows.kpiRows, model.kpiInputs, model.bands, context.revenueMedian], () => kpisOnRows(data, a, model, rows.kpiRows, context));
  };

  const factorHistogramsCell = cell<FactorValues[]>();
  /** Each factor's histogram: over everyone, or over the customers a filter leaves. */
  const shownFactors = (model: Model, filter: DashboardFilter): FactorValues[] => {
    const { factors } = scoredFactors(model);
    const rows = filterRows(model, filter);
    if (!isFiltered(rows)) return factors;
    return factorHistogramsCell.get([...factors, rows.kpiRows], () => factors.map((factor) => ({ ...factor, ...valueHistogram(gather(factor.values, rows.kpiRows)) })));
  };

  const groupFiguresCell = cell<{ revenue: RevenueFigures; rows: Uint32Array | null; codes: Uint8Array | null }>();
  /** Revenue per group (over the segment's customers when one is chosen): what the grid's shares read. */
  const groupFigures = (model: Model, filter: DashboardFilter) => {
    const a = analysis(model);
    const rows = filterRows(model, filter).segmentRows;
    return groupFiguresCell.get([a.groups, a.axes.profitability.column, rows, model.kpiInputs], () => {
      const revenueValues = sourceValues('revenue', data, a, model);
      const segments = a.gridSize ** 2;
      if (rows === null) {
        return { revenue: revenueValues ? { byGroup: Array.from(segmentSums(revenueValues, a.groups, segments)), total: knownSum(revenueValues) } : null, rows, codes: null };
      }
      const codes = new Uint8Array(rows.length);
      for (let k = 0; k < codes.length; k++) codes[k] = a.groups[rows[k]];
      const gathered = revenueValues ? gather(revenueValues, rows) : null;
      return { revenue: gathered ? { byGroup: Array.from(segmentSums(gathered, codes, segments)), total: knownSum(gathered) } : null, rows, codes };
    });
  };
  const revenue = (model: Model, filter: DashboardFilter): RevenueFigures => groupFigures(model, filter).revenue;

  const scatterCell = cell<ScatterBins | null>();
  /** Profitability × loyalty binned, as the grid splits them (over the segment's customers when one is chosen). */
  const scatter = (model: Model, filter: DashboardFilter): ScatterBins | null => {
    const a = analysis(model);
    const figures = groupFigures(model, filter);
    return scatterCell.get([a.axisValues.profitability, a.axisValues.loyalty, a.groups, figures], () => {
      const { profitability, loyalty } = a.axisValues;
      if (!profitability || !loyalty) return null;
      if (figures.rows === null || figures.codes === null) return scatterBins(loyalty, profitability, a.groups);
      return scatterBins(gather(loyalty, figures.rows), gather(profitability, figures.rows), figures.codes);
    });
  };

  const outcomeCell = cell<OutcomeColumn | null>();
  /** The outcome column as yes/no, its counts and the rates per group: kept while the column and the groups stay. */
  const outcome = (model: Model): OutcomeColumn | null => {
    const a = analysis(model);
    const read = outcomeRead(model);
    return outcomeCell.get([read, a.groups, a.gridSize], () => outcomeColumn(data, a, model, read));
  };

  const outcomeCountsCell = cell<TenthOutcomeCounts | null>();
  /**
   * Scored customers per one-decimal score by outcome, for the AUC and the validation panel:
   * summed from the scoring pass's tally (its classes read the outcome's codes, so it exists
   * whenever an outcome column does). Null without an outcome column.
   */
  const outcomeCounts = (model: Model): TenthOutcomeCounts | null => {
    const scored = scoredPass(model);
    const read = outcomeRead(model);
    // Keyed on the pass, not the tally: its counts are one buffer each pass fills again.
    return outcomeCountsCell.get([scored, read], () => (read !== null && scored.tally !== null ? outcomeCountsFromTally(scored.tally.counts) : null));
  };

  const validationCell = cell<ValidationSummary | null>();
  /** The validation panel: AUC, ROC, gains and outcome rates of the scores as shown, over everyone. */
  const validation = (model: Model): ValidationSummary | null => {
    const a = analysis(model);
    const column = outcome(model);
    const counts = outcomeCounts(model);
    return validationCell.get([a, column, model.outcome.isGood, model.bands, counts], () => validate(data, a, model, column, counts));
  };

  const aucCell = cell<AucFigure | null>();
  /** The AUC badge: the same AUC the validation panel shows, from one counting pass. */
  const auc = (model: Model): AucFigure | null => {
    const a = analysis(model);
    const read = outcome(model);
    const counts = outcomeCounts(model);
    return aucCell.get([a.scores, a.aggregates, read, model.outcome.isGood, counts], () => {
      if (read === null || counts === null) return null;
      const { column } = read;
      const isGood = model.outcome.isGood;
      const runs = runsFromTenths(counts);
      const known = runs.totalPositives + runs.totalNegatives;
      const problem =
        known === 0 ? `“${column}” has no yes/no (1/0) values.` : runs.totalPositives === 0 || runs.totalNegatives === 0 ? `Every known value of “${column}” is the same: nothing to tell apart.` : null;
      return { column, auc: aucFromRuns(goodRuns(runs, isGood)), problem };
    });
  };

  const breakdownCell = cell<KpiBreakdown>();
  /** Every KPI per group or band (within the RFM segment chosen, if any). */
  const breakdown = (model: Model, by: BreakdownBy, filter: DashboardFilter): KpiBreakdown => {
    const a = analysis(model);
    const mask = filterRows(model, filter).segmentMask;
    const context = kpiContext(model);
    return breakdownCell.get([a, by, mask, model.kpiInputs, context.revenueMedian], () => kpiBreakdown(data, a, model, by, context, mask));
  };

  const matchesCell = cell<Uint8Array | null>();
  let lastSearch: { query: string; matches: Uint8Array | null } = { query: '', matches: null };
  /** Rows matching the table's search (1 = match), null when blank; typing narrows within the last matches. */
  const matches = (search: string): Uint8Array | null =>
    matchesCell.get([search.trim()], () => {
      const query = search.trim();
      const result = searchMatches(data, query, lastSearch);
      lastSearch = { query, matches: result };
      return result;
    });
  const ranksCells = cells<Float64Array>();
  const ranksOf = (column: number): Float64Array => ranksCells.of(String(column)).get([], () => textRanks(data, column));

  const riskMaskCell = cell<Uint8Array | null>();
  /** The at-risk view's row mask: revenue above the median (none without a revenue column: nobody is at risk then). */
  const riskMask = (model: Model, view: TableView): Uint8Array | null => {
    if (!view.atRisk) return null;
    const a = analysis(model);
    const revenue = revenueValues(data, a);
    const median = revenueMedian(model);
    return riskMaskCell.get([revenue, median], () => {
      const mask = new Uint8Array(data.rowCount);
      if (revenue) for (let i = 0; i < mask.length; i++) mask[i] = revenue[i] > median ? 1 : 0;
      return mask;
    });
  };
  /** What the table keeps besides band, group and search: the RFM segment, the at-risk rule and a movement cell. */
  const tableMaskCell = cell<Uint8Array | null>();
  const tableMask = (model: Model, view: TableView): Uint8Array | null => {
    const segment = filterRows(model, view).segmentMask;
    const risk = riskMask(model, view);
    const extra = viewMask(model, view);
    return tableMaskCell.get([segment, risk, extra], () => bothMasks(bothMasks(segment, risk), extra));
  };

  const orderCell = cell<Uint32Array>();
  /** The table's full order for a view not sorted by CRS (sorting by a column is kept while the scores and the view stay). */
  const order = (model: Model, view: TableView): Uint32Array => {
    const a = analysis(model);
    const keep = tableMask(model, view);
    const searched = matches(view.search);
    return orderCell.get([a, view, keep, searched], () => viewOrder(data, a, model, view, { matches: () => searched, textRanks: (_dataset, column) => ranksOf(column) }, keep));
  };

  /** Rows [start, start + count) of the table's view, and how many the view has. */
  const tableRows = (model: Model, view: TableView, start: number, count: number): { total: number; rows: Uint32Array } => {
    if (view.sortBy === 'crs') {
      // Sorted by CRS, the order changes with every weight: take the page without a full sort.
      const a = analysis(model);
      return crsPage(a, model, view, start, count, bothMasks(matches(view.search), tableMask(model, view)));
    }
    const rows = order(model, view);
    return { total: rows.length, rows: rows.subarray(start, start + count) };
  };

  const seedCell = cell<ReturnType<typeof seedCltvColumn>>();
  /** The seed-formula CLTV per customer, kept while the columns it reads stay. */
  const seedCltv = (model: Model) => {
    const a = analysis(model);
    return seedCell.get([model.kpiInputs, a.axes.profitability.column], () => seedCltvColumn(data, model, a.axes.profitability.column));
  };

  return {
    dataset: data,
    /** The model with every unchanged part as the previous one: call once per message, then pass the result on. */
    intern,
    internView,
    analysis,
    scoringJob,
    adoptScored,
    factors: shownFactors,
    aggregates,
    kpis: shownKpis,
    revenue,
    scatter,
    validation,
    auc,
    rfmScores,
    rfmSummary,
    breakdown,
    tableRows,
    order,
    filterRows: (model: Model, filter: DashboardFilter) => filterRows(model, filter),
    matrix: (model: Model) => matrix(scoredFactors(model).factors),
    lifetime,
    /** The fit of these inputs if it was made already (an explained customer never starts one). */
    lifetimeIfFitted: (inputs: ClvInputs): LifetimeFit | null => lifetimeCell.peek([inputs]) ?? null,
    seedCltv,
  };
}

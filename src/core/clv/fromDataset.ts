// Lifetime value from a customer file: the BG/NBD inputs (x, t_x, T in weeks) and the
// spend per order derived from the columns a user picks, the two fits, and a summary of
// P(alive) and predicted CLV per customer.
import { columnIndex, type Dataset } from '../dataset/dataset';
import { expectedPurchasesColumn, fitBgNbd, probabilityAliveColumn, type BgNbdParams, type RfmColumns } from './bgnbd';
import { customerLifetimeValueColumn, fitGammaGamma, type GammaGammaParams } from './gammaGamma';
import { rfmFromPurchaseDates } from './rfm';
import { holdoutByFrequency, type HoldoutBucket } from './holdout';

/** Likelihood passes a lifetime-value fit may take in the app (a regular fit needs ~120). */
export const FIT_EVALUATIONS = 400;
/** BFGS iterations a lifetime-value fit may take in the app (a regular fit needs ~30). */
export const FIT_ITERATIONS = 60;

export const AGE_UNITS = ['months', 'weeks', 'days'] as const;
export type AgeUnit = (typeof AGE_UNITS)[number];
const WEEKS_PER: Record<AgeUnit, number> = { months: 52 / 12, weeks: 1, days: 1 / 7 };

/** Which columns hold what the lifetime-value model needs. */
export interface ClvInputs {
  /** Orders per customer (all of them, the first included): repeat purchases x = orders − 1. */
  orders: string | null;
  /** Customer age, from the first purchase to now, in `ageUnit`. */
  age: string | null;
  ageUnit: AgeUnit;
  /** Days since the last purchase: t_x = age − days since last. */
  daysSinceLast: string | null;
  /** First and last purchase dates (date columns): when both are set they give t_x and T, as of the latest last purchase. */
  firstPurchase: string | null;
  lastPurchase: string | null;
  /** Average order value; without it, revenue ÷ orders. */
  orderValue: string | null;
  revenue: string | null;
  horizonMonths: number;
  /** Discount rate per month, e.g. 0.01. */
  monthlyDiscount: number;
  /** Purchases each customer made after the calibration period (a holdout), and its length: the fit is then checked against them. */
  holdoutPurchases: string | null;
  holdoutMonths: number;
}

/** The columns a fit with these inputs reads (the engine scans them first: src/core/dataset/dataset.ts, ensureColumns). */
export function clvInputColumns(inputs: ClvInputs): (string | null)[] {
  return [inputs.orders, inputs.age, inputs.daysSinceLast, inputs.firstPurchase, inputs.lastPurchase, inputs.orderValue, inputs.revenue, inputs.holdoutPurchases];
}

function column(dataset: Dataset, name: string | null): Float64Array | null {
  if (name === null) return null;
  const c = columnIndex(dataset, name);
  return c >= 0 ? (dataset.columns[c].values ?? null) : null;
}

/**
 * Per customer: x = orders − 1 (whole orders ≥ 1 only), T = age in weeks, t_x = T − days
 * since last / 7 (clamped to [0, T]; 0 when x = 0), mean spend = order value (or revenue ÷
 * orders). Rows that do not fit (no orders, age 0, a missing value) get NaN, which the fits
 * leave out.
 */
export function clvColumns(dataset: Dataset, inputs: ClvInputs): { data: RfmColumns; meanSpend: Float64Array } | null {
  const orders = column(dataset, inputs.orders);
  const age = column(dataset, inputs.age);
  const sinceLast = column(dataset, inputs.daysSinceLast);
  const orderValue = column(dataset, inputs.orderValue);
  const revenue = column(dataset, inputs.revenue);
  const first = column(dataset, inputs.firstPurchase);
  const last = column(dataset, inputs.lastPurchase);
  if (!orders || (!orderValue && !revenue)) return null;
  const spendOf = (i: number) => (orderValue ? orderValue[i] : revenue ? revenue[i] / orders[i] : NaN);
  if (first && last) {
    // Dates: as of the latest last purchase in the file (the end of the calibration period).
    let end = -Infinity;
    for (let i = 0; i < last.length; i++) if (last[i] > end) end = last[i];
    const data = rfmFromPurchaseDates(first, last, orders, end, 7);
    return { data, meanSpend: Float64Array.from(data.x, (x, i) => (x === x ? spendOf(i) : NaN)) };
  }
  if (!age || !sinceLast) return null;
  const n = dataset.rowCount;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const meanSpend = new Float64Array(n);
  const weeksPerUnit = WEEKS_PER[inputs.ageUnit];
  for (let i = 0; i < n; i++) {
    const count = orders[i];
    const weeks = age[i] * weeksPerUnit;
    const last = sinceLast[i] / 7;
    if (!(count >= 1) || !Number.isInteger(count) || !(weeks > 0) || !(last >= 0)) {
      x[i] = tx[i] = T[i] = meanSpend[i] = NaN;
      continue;
    }
    x[i] = count - 1;
    T[i] = weeks;
    tx[i] = count === 1 ? 0 : Math.min(weeks, Math.max(0, weeks - last));
    meanSpend[i] = spendOf(i);
  }
  return { data: { x, tx, T }, meanSpend };
}

export interface ClvResult {
  bgnbd: { params: BgNbdParams; logLikelihood: number; customers: number; converged: boolean };
  spend: { params: GammaGammaParams; logLikelihood: number; customers: number; converged: boolean } | null;
  /** Share of customers with P(alive) ≥ 0.5, and the mean P(alive). */
  aliveShare: number;
  meanAlive: number;
  /** Mean and total predicted CLV over the horizon; NaN without a spend fit. */
  meanClv: number;
  totalClv: number;
  /** Customers with a prediction. */
  predicted: number;
  /** P(alive) in ten bins of 0.1. */
  aliveHistogram: number[];
  /** What a reader should know about this fit (a degenerate parameter, a heavy-tailed spend). */
  notes: string[];
  /** Expected against actual holdout purchases by calibration frequency, when a holdout column is given. */
  holdout: HoldoutBucket[] | null;
  /** Why the predictions must not be read (see fitWarning); null when they can be. */
  warning: string | null;
}

/** A rate or shape parameter outside these (toward 0, or past a million) is the optimiser running away, not an estimate. */
const PARAMETER_RANGE = [1e-4, 1e6] as const;
const inRange = (value: number) => value > PARAMETER_RANGE[0] && value < PARAMETER_RANGE[1];
/** Two shapes both past this grow together toward a limit the model has (everyone alike), which is an answer, not a failure. */
const AT_LIMIT = 1e4;

/**
 * Why a fit's predictions should not be read, or null when they can be. The purchase model
 * (BG/NBD) ran away — r or α went to 0 or past 1e6, or its log-likelihood came out positive —
 * or stopped before it settled; or the spend model (Gamma-Gamma) did either. The text says
 * what to change. Not failures: two parameters growing together toward a limit the model has,
 * where its predictions hold — r and α (everyone buys at the same rate), a and b (everyone
 * has the same drop-out chance), q and γ (everyone has the same mean spend), p alone with γ
 * shrinking (each customer's orders are all the same value).
 */
export function fitWarning(result: Pick<ClvResult, 'bgnbd' | 'spend'>, ageUnit: AgeUnit): string | null {
  const { params, logLikelihood, converged } = result.bgnbd;
  const rateAtLimit = params.r > AT_LIMIT && params.alpha > AT_LIMIT;
  if (!(params.r > PARAMETER_RANGE[0]) || !(params.alpha > PARAMETER_RANGE[0]) || (!rateAtLimit && !(inRange(params.r) && inRange(params.alpha))) || logLikelihood > 0) {
    return `The purchase model (BG/NBD) ran to the edge of its parameters, so its predictions are not shown. Check that "Age is in" matches the age column (now ${ageUnit}), that orders count each customer's orders (1 or more), and that days since the last purchase are days.`;
  }
  const dropOutAtLimit = params.a > AT_LIMIT && params.b > AT_LIMIT;
  if (!converged && !rateAtLimit && !dropOutAtLimit) {
    return `The purchase model (BG/NBD) stopped before it settled, so its predictions are not shown. Check that "Age is in" matches the age column (now ${ageUnit}) and that orders and days since the last purchase cover the same period as the age; a file with few repeat buyers may not carry enough to fit.`;
  }
  const spend = result.spend;
  if (spend) {
    const { p, q, gamma } = spend.params;
    const sameOrderValues = p > AT_LIMIT;
    const sameMeanSpend = q > AT_LIMIT && gamma > AT_LIMIT;
    const ranAway =
      !(p > PARAMETER_RANGE[0]) ||
      !(q > PARAMETER_RANGE[0]) ||
      !(gamma > 0) ||
      (!sameOrderValues && !(gamma > PARAMETER_RANGE[0])) ||
      (!sameMeanSpend && !(q < PARAMETER_RANGE[1] && gamma < PARAMETER_RANGE[1]));
    if (ranAway || (!spend.converged && !sameOrderValues && !sameMeanSpend)) {
      return 'The spend model (Gamma-Gamma) did not settle, so the predictions are not shown. Check that the order value column is the average value of one order (not a total), in one currency, and that repeat buyers have a positive value.';
    }
  }
  return null;
}

export interface FitParameterRow {
  name: string;
  value: number;
  unit: string;
  meaning: string;
}

/**
 * Each fitted parameter with its unit and what it means. The purchase model runs in weeks
 * whatever unit the age column has (it is converted), so α is in weeks and r / α is purchases
 * per week; γ is in the order value's currency.
 */
/** A figure inside a sentence: fixed digits, or a dash when there is none. */
const shown = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

export function fitParameterRows(result: Pick<ClvResult, 'bgnbd' | 'spend'>): FitParameterRow[] {
  const { r, alpha, a, b } = result.bgnbd.params;
  const rows: FitParameterRow[] = [
    { name: 'r', value: r, unit: 'none (shape)', meaning: 'How purchase rates vary between customers; r / α is the mean rate.' },
    { name: 'α', value: alpha, unit: 'weeks', meaning: `Scale of purchase rates: a typical active customer buys about r / α = ${shown(r / alpha, 3)} times a week.` },
    { name: 'a', value: a, unit: 'none (shape)', meaning: `With b, the chance of dropping out after a purchase: a / (a + b) = ${shown(a / (a + b), 3)} on average.` },
    { name: 'b', value: b, unit: 'none (shape)', meaning: 'With a, how that drop-out chance varies between customers.' },
  ];
  if (result.spend) {
    const { p, q, gamma } = result.spend.params;
    rows.push(
      { name: 'p', value: p, unit: 'none (shape)', meaning: "How one customer's order values vary around their own mean." },
      { name: 'q', value: q, unit: 'none (shape)', meaning: 'How mean spend varies between customers; at q ≤ 1 there is no population mean.' },
      { name: 'γ', value: gamma, unit: 'currency of the order value', meaning: q > 1 ? `Scale of spend: mean order value p·γ / (q − 1) = ${shown((p * gamma) / (q - 1), 2)}.` : 'Scale of spend.' },
    );
  }
  return rows;
}

/** Per customer, from a lifetime-value fit: P(alive), CLV over the horizon and purchases expected in it (NaN where not predicted). */
export interface LifetimePredictions {
  pAlive: Float64Array;
  clv: Float64Array;
  expectedPurchases: Float64Array;
}

/** Fits BG/NBD and Gamma-Gamma and predicts per customer; the columns come back for the engine to keep. */
export function fitLifetimeValue(dataset: Dataset, inputs: ClvInputs): ({ result: ClvResult } & LifetimePredictions) | { problem: string } {
  const columns = clvColumns(dataset, inputs);
  if (!columns) return { problem: 'Choose the orders and order value (or revenue) columns, and either first and last purchase dates or customer age and days since last purchase.' };
  // A file whose purchases show no drop-out drives a → 0, b → ∞ and the search wanders (6,000
  // passes, over a minute at 1M); capped, such a fit stops within seconds and says it did not converge.
  const bgnbd = fitBgNbd(columns.data, { maxEvaluations: FIT_EVALUATIONS, maxIterations: FIT_ITERATIONS });
  if (!(bgnbd.customerCount > 0) || !Number.isFinite(bgnbd.params.r)) return { problem: 'No customer has whole orders ≥ 1, an age above 0 and a days-since-last-purchase value.' };
  const gg = fitGammaGamma(columns.data.x, columns.meanSpend);
  const holdoutPurchases = column(dataset, inputs.holdoutPurchases);
  const spendOk = Number.isFinite(gg.params.p) && Number.isFinite(gg.params.q) && Number.isFinite(gg.params.gamma);
  const notes: string[] = [];
  // E[p] = a/(a+b): the chance a customer drops out after a purchase. Near 0, the data shows no drop-out.
  if (bgnbd.params.a / (bgnbd.params.a + bgnbd.params.b) < 1e-4) {
    notes.push(
      'The fit finds almost no drop-out (a / (a + b) ≈ 0), so P(alive) is close to 1 for everyone. The columns may not carry that signal, for example orders counted over the last 12 months against an age over the whole relationship.',
    );
  }
  if (spendOk && gg.params.q <= 1) {
    notes.push('Spend is heavy-tailed (q ≤ 1): there is no population mean spend, so CLV is predicted only for customers with repeat purchases, from their own spend.');
  }
  const pAlive = probabilityAliveColumn(bgnbd.params, columns.data);
  const clv = spendOk
    ? customerLifetimeValueColumn(bgnbd.params, gg.params, columns.data, columns.meanSpend, { horizonPeriods: inputs.horizonMonths, periodLength: 52 / 12, discountRatePerPeriod: inputs.monthlyDiscount })
    : new Float64Array(dataset.rowCount).fill(NaN);
  let alive = 0;
  let aliveSum = 0;
  let known = 0;
  let clvSum = 0;
  let predicted = 0;
  const histogram = new Array<number>(10).fill(0);
  for (let i = 0; i < pAlive.length; i++) {
    const p = pAlive[i];
    if (p === p) {
      known++;
      aliveSum += p;
      if (p >= 0.5) alive++;
      histogram[Math.min(9, Math.floor(p * 10))]++;
    }
    if (clv[i] === clv[i]) {
      predicted++;
      clvSum += clv[i];
    }
  }
  const bgnbdResult = { params: bgnbd.params, logLikelihood: bgnbd.logLikelihood, customers: bgnbd.customerCount, converged: bgnbd.converged };
  const spendResult = spendOk ? { params: gg.params, logLikelihood: gg.logLikelihood, customers: gg.customerCount, converged: gg.converged } : null;
  return {
    pAlive,
    clv,
    expectedPurchases: expectedPurchasesColumn(bgnbd.params, inputs.horizonMonths * (52 / 12), columns.data),
    result: {
      bgnbd: bgnbdResult,
      spend: spendResult,
      aliveShare: known > 0 ? alive / known : NaN,
      meanAlive: known > 0 ? aliveSum / known : NaN,
      meanClv: predicted > 0 ? clvSum / predicted : NaN,
      totalClv: predicted > 0 ? clvSum : NaN,
      predicted,
      aliveHistogram: histogram,
      notes,
      holdout: holdoutPurchases ? holdoutByFrequency(bgnbd.params, columns.data, holdoutPurchases, inputs.holdoutMonths * (52 / 12)) : null,
      warning: fitWarning({ bgnbd: bgnbdResult, spend: spendResult }, inputs.ageUnit),
    },
  };
}

/**
 * The unit a customer-age column counts in, from its name: "age_weeks", "weeks as customer"
 * → weeks; "tenure_days", "days_active" → days; otherwise months (tenure is usually months).
 */
export function ageUnitOf(column: string | null): AgeUnit {
  const words = new Set(
    (column ?? '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z]+/),
  );
  if (['weeks', 'week', 'wks', 'wk', 'w'].some((word) => words.has(word))) return 'weeks';
  if (['days', 'day', 'd'].some((word) => words.has(word))) return 'days';
  return 'months';
}

const DAYS_SINCE_LAST = /days since (the )?last (purchase|order)|\brecency\b|days since purchase/;

/**
 * Columns guessed from the model and the headers: orders and order value from the KPI
 * inputs, age from the loyalty axis (its unit from the header: months, weeks or days),
 * revenue from the profitability axis, days since the last purchase by name.
 */
export function defaultClvInputs(
  columns: readonly { name: string; kind: string }[],
  model: { kpiInputs: { orders: string | null; aov: string | null }; axes: { loyalty: { column: string | null }; profitability: { column: string | null } } },
): ClvInputs {
  const numeric = columns.filter((c) => c.kind === 'number');
  // The loyalty axis's column is the age when it is a number (a date there is a start date: see firstPurchase).
  const age = numeric.some((c) => c.name === model.axes.loyalty.column) ? model.axes.loyalty.column : null;
  const ageUnit = ageUnitOf(age);
  const sinceLast = numeric.find((c) => DAYS_SINCE_LAST.test(c.name.toLowerCase().replace(/[_-]+/g, ' ')))?.name ?? null;
  const dates = columns.filter((c) => c.kind === 'date');
  const words = (name: string) => name.toLowerCase().replace(/[_-]+/g, ' ');
  const firstPurchase = dates.find((c) => /first (purchase|order)|customer since|signup|sign up/.test(words(c.name)))?.name ?? null;
  const lastPurchase = dates.find((c) => /last (purchase|order)/.test(words(c.name)))?.name ?? null;
  return {
    orders: model.kpiInputs.orders,
    age,
    ageUnit,
    daysSinceLast: sinceLast,
    // Both dates, or neither: one alone cannot give recency and age.
    firstPurchase: firstPurchase && lastPurchase ? firstPurchase : null,
    lastPurchase: firstPurchase && lastPurchase ? lastPurchase : null,
    orderValue: model.kpiInputs.aov,
    revenue: model.axes.profitability.column,
    horizonMonths: 12,
    monthlyDiscount: 0.01,
    holdoutPurchases: null,
    holdoutMonths: 6,
  };
}

// Auto-mapping of headers to factors and axes by name. Patterns are tried in order, so
// the first listed is the best match; a column maps to one role at most among factors.
import type { Column } from '../dataset/dataset';

export type MappableColumn = Pick<Column, 'name' | 'kind'>;
import { KPI_INPUTS, type Axis, type Factor, type KpiInput, type Model } from '../model/model';
import { shapeForColumn } from '../model/modelEdits';

/** Lower-cased header with separators collapsed: "Total_Revenue (SEK)" → "total revenue sek". */
export function normalizeHeader(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

interface RolePattern {
  pattern: RegExp;
  /** Headers this role must not take although the pattern matches them. */
  exclude?: RegExp;
  /** Higher is worse: tickets, complaints, days since last purchase. */
  isHigherWorse?: boolean;
}

export const FACTOR_PATTERNS: Record<string, readonly RolePattern[]> = {
  engagement: [{ pattern: /engagement/ }, { pattern: /\bactivity\b|\bactive days\b|\blogins?\b|\bsessions?\b|\busage\b|\bvisits?\b/ }],
  satisfaction: [
    { pattern: /\bcsat\b|satisfaction/ },
    { pattern: /\bnps\b|net promoter|likelihood to recommend|\brecommend/ },
    { pattern: /\brating\b|\breview score\b|\bstars?\b/, exclude: /support|service|ticket/ },
  ],
  purchase: [
    { pattern: /\borders?\b|\bpurchases?\b|purchase (count|frequency)|\bfrequency\b|\btransactions?\b/, exclude: /days since|\brecency\b|\blast (purchase|order)|\bvalue\b|\bsize\b/ },
    { pattern: /days since (last )?(purchase|order)|\brecency\b/, isHigherWorse: true },
    { pattern: /\brevenue\b|\bspend\b|\bmonetary\b|total charges|\bsales\b/ },
  ],
  support: [
    { pattern: /support (rating|score|satisfaction|quality)|service (rating|score|quality)|first contact resolution|\bfcr\b/ },
    { pattern: /support tickets?|\btickets?\b|complaints?|\bescalations?\b|\bincidents?\b|\bcases?\b/, exclude: /\bclosed\b|\bresolved\b/, isHigherWorse: true },
  ],
};

/**
 * Whether a header names something where more is worse (tickets, open cases, complaints,
 * days since the last purchase): a column chosen for a factor by hand starts inverted then,
 * as auto-mapping would have it.
 */
export function isHigherWorseHeader(name: string): boolean {
  const header = normalizeHeader(name);
  return Object.values(FACTOR_PATTERNS).some((roles) => roles.some((role) => role.isHigherWorse === true && role.pattern.test(header) && !role.exclude?.test(header)));
}

/**
 * Axis columns by header, best tier first. Loyalty also takes a date that says when the
 * relationship began (customer since, became a customer, first purchase, created): the
 * axis then reads the time from it to the column's latest date (src/core/groups/tenure.ts).
 */
export const AXIS_PATTERNS: Record<Axis, readonly { pattern: RegExp; exclude?: RegExp; kinds: readonly string[] }[]> = {
  profitability: [
    { pattern: /\bclt?v\b|lifetime value/, kinds: ['number'] },
    { pattern: /\b(total |annual )?revenue\b|\bmonetary\b|total charges|\bprofit\b|\bmargin\b|\bspend\b|\bsales\b/, kinds: ['number'] },
    { pattern: /monthly charges|\barr\b|\bmrr\b|\bacv\b/, kinds: ['number'] },
  ],
  loyalty: [
    { pattern: /\btenure\b/, kinds: ['number', 'date'] },
    {
      pattern:
        /customer since|months (as )?customer|\bmonths active\b|\bage (months|days|years)\b|relationship (length|months|years|start)|became (a )?customer|customer start|first (purchase|order|deal|contract)\b/,
      exclude: /\blast\b/,
      kinds: ['number', 'date'],
    },
    { pattern: /signup|sign up|\bjoined\b|\bcreated?\b|\bonboard(ed|ing)?\b|\bstart date\b/, exclude: /\blast\b|modified|updated|closed|\btickets?\b|\bcases?\b|\borders?\b/, kinds: ['number', 'date'] },
  ],
};

/**
 * A date column that says when a customer was last active. Engagement takes it (scored
 * by recency) only when no numeric column matched Engagement: a count of logins says
 * more than one date, and the date may be the only activity signal a file has.
 */
export const LAST_ACTIVITY_PATTERN = /\blast (purchase|purchased|order|ordered|login|log in|logged in|activity|active|seen|visit)\b/;

/** Header patterns of the KPI inputs, and the column kinds each accepts (yes/no columns are flags). */
export const KPI_INPUT_PATTERNS: Record<KpiInput, { pattern: RegExp; exclude?: RegExp; kinds: readonly string[] }> = {
  churn: { pattern: /churn|attrition|cancel+ed|\blost\b|\bdefected\b/, kinds: ['flag', 'number'] },
  renewal: { pattern: /renew/, kinds: ['flag', 'number'] },
  conversion: { pattern: /convert|conversion|\bwon\b|\bwin\b|\bclosed\b/, kinds: ['flag', 'number'] },
  upsell: { pattern: /up ?sell|up ?sold|cross ?s(ell|old)|\bexpan(ded|sion)\b/, kinds: ['flag', 'number'] },
  fcr: { pattern: /first contact resolution|\bfcr\b|resolved (on )?first/, kinds: ['flag', 'number'] },
  nps: { pattern: /\bnps\b|net promoter|recommend/, kinds: ['number'] },
  csat: { pattern: /\bcsat\b|satisfaction/, exclude: /support|service/, kinds: ['number'] },
  ces: { pattern: /\bces\b|customer effort|effort score/, kinds: ['number'] },
  cltv: { pattern: /\bclt?v\b|lifetime value/, kinds: ['number'] },
  orders: { pattern: /\borders?\b|\bpurchases?\b|purchase count|\btransactions?\b|order count/, exclude: /days since|\brecency\b|\blast\b|\bvalue\b|\bsize\b|\bamount\b/, kinds: ['number'] },
  aov: { pattern: /average order value|\baov\b|avg order|order value|basket (size|value)/, kinds: ['number'] },
  lifespan: { pattern: /lifespan|life span|expected (lifetime|life)\b(?! value)/, kinds: ['number'] },
  acquisitionCost: { pattern: /acquisition cost|\bcac\b|cost to acquire/, kinds: ['number'] },
  salesCycle: { pattern: /sales cycle|cycle (length|days)|days to (close|convert)/, kinds: ['number'] },
  stage: { pattern: /^(deal |opportunity )?stage( name)?$|\bdeal stage\b|\bopportunity stage\b/, exclude: /lifecycle|duration|length|days|\bage\b/, kinds: ['text'] },
  stageLength: { pattern: /days in (current )?stage|stage (duration|length|age|days)|time in (current )?stage/, kinds: ['number'] },
};

/** The first column of an accepted kind whose header matches the input's pattern, or null. */
export function matchKpiInput(columns: readonly MappableColumn[], input: KpiInput): string | null {
  const { pattern, exclude, kinds } = KPI_INPUT_PATTERNS[input];
  for (const column of columns) {
    if (!kinds.includes(column.kind)) continue;
    const header = normalizeHeader(column.name);
    if (pattern.test(header) && !exclude?.test(header)) return column.name;
  }
  return null;
}

/**
 * The outcome to validate against: the user's, while its column exists; otherwise a
 * churn column (a yes is bad), else a renewal or conversion one (a yes is good).
 */
function autoOutcome(outcome: Model['outcome'], inputs: Model['kpiInputs'], kinds: ReadonlyMap<string, string>): Model['outcome'] {
  if (outcome.column !== null && kinds.has(outcome.column)) return outcome;
  if (inputs.churn !== null) return { column: inputs.churn, isGood: false };
  if (inputs.renewal !== null) return { column: inputs.renewal, isGood: true };
  if (inputs.conversion !== null) return { column: inputs.conversion, isGood: true };
  return { column: null, isGood: outcome.isGood };
}

interface MatchResult {
  column: string;
  isHigherWorse: boolean;
}

function matchIn(columns: readonly MappableColumn[], role: RolePattern, taken: ReadonlySet<string>): MatchResult | null {
  for (const column of columns) {
    if (column.kind !== 'number' || taken.has(column.name)) continue;
    const header = normalizeHeader(column.name);
    if (role.pattern.test(header) && !role.exclude?.test(header)) return { column: column.name, isHigherWorse: role.isHigherWorse === true };
  }
  return null;
}

/**
 * Maps each factor still unmapped (or mapped to a column the file lacks) to a numeric
 * column whose header matches its patterns. Patterns are tried tier by tier across all
 * factors (every factor's best pattern first), so "support_rating" goes to support's
 * "support rating" before satisfaction's looser "rating". Factors matched through a
 * "higher is worse" pattern are inverted. Engagement left without a match may take a
 * date column named like "last login" (LAST_ACTIVITY_PATTERN), scored by recency. Axes
 * likewise. User choices on present columns (numeric or date) are kept.
 */
export function autoMap(model: Model, columns: readonly MappableColumn[]): Model {
  const present = new Set(columns.filter((column) => column.kind === 'number' || column.kind === 'date').map((column) => column.name));
  const taken = new Set<string>();
  const matches = new Map<string, MatchResult>();
  for (const factor of model.factors) if (factor.column !== null && present.has(factor.column)) taken.add(factor.column);
  const open = model.factors.filter((factor) => factor.column === null || !present.has(factor.column));
  const tiers = Math.max(0, ...open.map((factor) => (FACTOR_PATTERNS[factor.id] ?? []).length));
  for (let tier = 0; tier < tiers; tier++) {
    for (const factor of open) {
      const role = FACTOR_PATTERNS[factor.id]?.[tier];
      if (!role || matches.has(factor.id)) continue;
      const match = matchIn(columns, role, taken);
      if (!match) continue;
      matches.set(factor.id, match);
      taken.add(match.column);
    }
  }
  const engagement = open.find((factor) => factor.id === 'engagement');
  const lastActivity =
    engagement && !matches.has(engagement.id) ? columns.find((column) => column.kind === 'date' && !taken.has(column.name) && LAST_ACTIVITY_PATTERN.test(normalizeHeader(column.name))) : undefined;
  const factors: Factor[] = model.factors.map((factor) => {
    if (factor.column !== null && present.has(factor.column)) return factor;
    if (factor === engagement && lastActivity) return { ...factor, column: lastActivity.name, isHigherBetter: true, shape: shapeForColumn(factor.shape, 'date') };
    const match = matches.get(factor.id);
    return match ? { ...factor, column: match.column, isHigherBetter: !match.isHigherWorse, shape: shapeForColumn(factor.shape, undefined) } : { ...factor, column: null };
  });
  const axes = { ...model.axes };
  for (const axis of ['profitability', 'loyalty'] as const) {
    const spec = model.axes[axis];
    if (spec.column !== null && present.has(spec.column)) continue;
    const match = AXIS_PATTERNS[axis]
      .map((role) => columns.find((column) => role.kinds.includes(column.kind) && role.pattern.test(normalizeHeader(column.name)) && !role.exclude?.test(normalizeHeader(column.name))))
      .find((column) => column !== undefined);
    axes[axis] = { ...spec, column: match ? match.name : null, split: null, upper: null };
  }
  const kinds = new Map(columns.map((column) => [column.name, column.kind]));
  const kpiInputs = { ...model.kpiInputs };
  for (const input of KPI_INPUTS) {
    const chosen = model.kpiInputs[input];
    if (chosen !== null && KPI_INPUT_PATTERNS[input].kinds.includes(kinds.get(chosen) ?? '')) continue;
    kpiInputs[input] = matchKpiInput(columns, input);
  }
  return { ...model, factors, axes, kpiInputs, outcome: autoOutcome(model.outcome, kpiInputs, kinds), rfm: autoRfm(model.rfm, columns), lifetime: keptLifetime(model.lifetime, kinds) };
}

/** A lifetime-value fit carries over to a file that has all of its columns; otherwise it is dropped, to be fitted again. */
function keptLifetime(lifetime: Model['lifetime'], kinds: ReadonlyMap<string, string>): Model['lifetime'] {
  if (lifetime === null) return null;
  const named = [lifetime.orders, lifetime.age, lifetime.daysSinceLast, lifetime.firstPurchase, lifetime.lastPurchase, lifetime.orderValue, lifetime.revenue, lifetime.holdoutPurchases];
  return named.every((column) => column === null || kinds.has(column)) ? lifetime : null;
}

/**
 * RFM columns by header, best pattern first: recency (days since, or a last-purchase date),
 * frequency (orders), monetary (revenue or spend before average order value).
 */
export const RFM_PATTERNS: Record<'recency' | 'frequency' | 'monetary', { patterns: readonly RegExp[]; exclude?: RegExp; kinds: readonly string[] }> = {
  recency: {
    patterns: [/days since (last )?(purchase|order)|\brecency\b/, /\blast (purchase|purchased|order|ordered)\b/, /\blast (activity|active|engagement|login|logged in|seen|visit|contact(ed)?)\b|\blast touch/],
    kinds: ['number', 'date'],
  },
  frequency: {
    patterns: [/\borders?\b|\bpurchases?\b|purchase (count|frequency)|\bfrequency\b|\btransactions?\b|order count/],
    exclude: /days since|\brecency\b|\blast\b|\bvalue\b|\bsize\b|\bamount\b/,
    kinds: ['number'],
  },
  monetary: { patterns: [/\bmonetary\b|\b(total )?revenue\b|\bspend\b|\bsales\b/, /average order value|\bavg order\b|\baov\b|order value/], kinds: ['number'] },
};

/** Keeps each RFM column the user chose while the file has it (numeric or date), else maps it by header. */
export function autoRfm(spec: Model['rfm'], columns: readonly MappableColumn[]): Model['rfm'] {
  const pick = (role: keyof typeof RFM_PATTERNS, chosen: string | null): string | null => {
    const { patterns, exclude, kinds } = RFM_PATTERNS[role];
    const candidates = columns.filter((column) => kinds.includes(column.kind));
    if (chosen !== null && candidates.some((column) => column.name === chosen)) return chosen;
    for (const pattern of patterns) {
      const found = candidates.find((column) => pattern.test(normalizeHeader(column.name)) && !exclude?.test(normalizeHeader(column.name)));
      if (found) return found.name;
    }
    return null;
  };
  return { ...spec, recency: pick('recency', spec.recency), frequency: pick('frequency', spec.frequency), monetary: pick('monetary', spec.monetary) };
}

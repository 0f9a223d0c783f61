// RFM as part of the model: the segments and dimensions, their names, and the spec a model
// holds (columns, cut points, segment map) with its defaults. Apart from rfm.ts, which scores
// and summarises, so that model.ts can hold an RfmSpec without importing the scoring code
// (rfm.ts imports model.ts and score.ts, and score.ts imports model.ts: that was a cycle).

export const RFM_SEGMENTS = ['champions', 'loyal', 'potentialLoyalists', 'newCustomers', 'promising', 'needAttention', 'aboutToSleep', 'atRisk', 'cannotLose', 'hibernating', 'lost'] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export const RFM_SEGMENT_LABELS: Record<RfmSegment, string> = {
  champions: 'Champions',
  loyal: 'Loyal customers',
  potentialLoyalists: 'Potential loyalists',
  newCustomers: 'New customers',
  promising: 'Promising',
  needAttention: 'Need attention',
  aboutToSleep: 'About to sleep',
  atRisk: 'At risk',
  cannotLose: 'Cannot lose them',
  hibernating: 'Hibernating',
  lost: 'Lost',
};

/**
 * Each segment's name in exported files (the scored CSV's and the SQL's rfm_segment): lower
 * case words like GROUP_EXPORT_NAMES, fixed so a warehouse query on them keeps working
 * when the on-screen labels are reworded.
 */
export const RFM_SEGMENT_EXPORT_NAMES: Record<RfmSegment, string> = {
  champions: 'champions',
  loyal: 'loyal',
  potentialLoyalists: 'potential loyalists',
  newCustomers: 'new customers',
  promising: 'promising',
  needAttention: 'need attention',
  aboutToSleep: 'about to sleep',
  atRisk: 'at risk',
  cannotLose: 'cannot lose',
  hibernating: 'hibernating',
  lost: 'lost',
};

export const RFM_DIMENSIONS = ['r', 'f', 'm'] as const;
export type RfmDimension = (typeof RFM_DIMENSIONS)[number];
export const RFM_DIMENSION_LABELS: Record<RfmDimension, string> = { r: 'Recency (days since)', f: 'Frequency (orders)', m: 'Monetary' };

export interface RfmSpec {
  /** Days since the last purchase (number column) or the last purchase date (date column). */
  recency: string | null;
  /** Orders (purchase count). */
  frequency: string | null;
  /** Revenue or average order value. */
  monetary: string | null;
  /** Per dimension, 4 ascending cut points on the raw value (days for recency), or null = quintiles. */
  cuts: Record<RfmDimension, number[] | null>;
  /** Segment of each R×F cell, index (r − 1)·5 + (f − 1). */
  segmentMap: RfmSegment[];
}

/** The segment of R score r and F score f (1..5) in the standard RFM map. */
export function standardSegment(r: number, f: number): RfmSegment {
  if (r === 5 && f >= 4) return 'champions';
  if (r >= 3 && f >= 4) return 'loyal';
  if (r >= 4 && f >= 2) return 'potentialLoyalists';
  if (r === 5) return 'newCustomers';
  if (r === 4) return 'promising';
  if (r === 3) return f === 3 ? 'needAttention' : 'aboutToSleep';
  if (f === 5) return 'cannotLose';
  if (f >= 3) return 'atRisk';
  // Rarely and long ago: hibernating at R 2, lost at R 1.
  return r === 2 ? 'hibernating' : 'lost';
}

/**
 * The standard RFM map (the widely used R×F grid): champions R5 F4–5; loyal R3–4 F4–5;
 * potential loyalists R4–5 F2–3; new customers R5 F1; promising R4 F1; need attention
 * R3 F3; about to sleep R3 F1–2; at risk R1–2 F3–4; cannot lose them R1–2 F5;
 * hibernating R2 F1–2; lost R1 F1–2.
 */
export function defaultSegmentMap(): RfmSegment[] {
  return Array.from({ length: 25 }, (_, k) => standardSegment(Math.floor(k / 5) + 1, (k % 5) + 1));
}

export function defaultRfm(): RfmSpec {
  return { recency: null, frequency: null, monetary: null, cuts: { r: null, f: null, m: null }, segmentMap: defaultSegmentMap() };
}

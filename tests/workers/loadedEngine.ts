import { defaultModel } from '../../src/core/model/model';
import { createEngine } from '../../src/workers/engine';
import { ANALYSIS_PARTS, mergeParts, type AnalysisDemand, type AnalysisSummary, type EngineResponse, type TableRequest } from '../../src/workers/protocol';
import { DEFAULT_VIEW } from '../../src/core/table/table';
import type { BreakdownBy } from '../../src/core/kpis/breakdown';

/** An engine with `csv` loaded under the default model: its handler, every message it posted, and the 'loaded' one. */
export async function loadedEngine(csv: string, name = 'c.csv') {
  const messages: EngineResponse[] = [];
  const handle = createEngine((message) => messages.push(message));
  await handle({ type: 'load', file: new Blob([csv]), name, model: defaultModel(), demand: fullDemand() });
  const loaded = messages.find((m) => m.type === 'loaded');
  if (loaded?.type !== 'loaded') throw new Error('expected loaded');
  return { handle, messages, loaded, last: () => messages.at(-1) };
}

/** A demand for every part of the analysis: what a page with every view on screen asks. */
export function fullDemand(table: TableRequest = { view: DEFAULT_VIEW, start: 0, count: 60 }, breakdownBy: BreakdownBy | null = null): AnalysisDemand {
  return { parts: [...ANALYSIS_PARTS], table, breakdownBy };
}

/** The dashboard the parts of a 'loaded' or 'analyzed' message make, merged into what came before. */
export function summaryOf(message: EngineResponse | undefined, before: AnalysisSummary | null = null): AnalysisSummary {
  if (message?.type !== 'loaded' && message?.type !== 'analyzed') throw new Error(`expected loaded or analyzed, got ${message?.type}`);
  return mergeParts(before, message.parts);
}

// Selectors the features share. Each returns a primitive or a stable reference.
import type { AppState } from './store';

export const selectRowCount = (s: AppState): number => s.dataset?.rowCount ?? 0;
export const selectHasData = (s: AppState): boolean => s.dataset !== null;
export const selectAggregates = (s: AppState) => s.analysis?.aggregates ?? null;
export const selectFactorIds = (s: AppState): string => s.model.factors.map((factor) => factor.id).join('|');
export const selectTotalWeight = (s: AppState): number => s.model.factors.reduce((sum, factor) => sum + (factor.column !== null ? Math.max(0, factor.weight) : 0), 0);
export const selectRuleIds = (s: AppState): string => s.model.rules.map((rule) => rule.id).join('|');

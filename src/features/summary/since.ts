import { useAppStore } from '../../state/store';
import { formatKpiChange } from '../../core/display/format';
import type { EarlierFigures } from '../../workers/comparison';

type Unit = Parameters<typeof formatKpiChange>[1];

/**
 * Compared with an earlier file: its figures under the same model and filter, and a tile's
 * change since ("+1.2 pt since march.csv"), null where either side has no figure.
 */
export function useSince(): { earlier: EarlierFigures | null; since: (now: number, before: number | undefined, unit: Unit) => string | null } {
  const earlier = useAppStore((s) => (s.earlier?.status === 'ready' ? (s.analysis?.earlier ?? null) : null));
  const name = useAppStore((s) => s.earlier?.name ?? '');
  const since = (now: number, before: number | undefined, unit: Unit) =>
    earlier !== null && before !== undefined && Number.isFinite(before) && Number.isFinite(now) ? `${formatKpiChange(now - before, unit)} since ${name}` : null;
  return { earlier, since };
}

import type { BreakdownBy } from '../../core/kpis/breakdown';
import { useAppStore } from '../../state/store';

/** Shows every tile's value per relationship group or per band, or not. */
export function BreakdownSelect() {
  const by = useAppStore((s) => s.breakdownBy);
  const setBreakdownBy = useAppStore((s) => s.setBreakdownBy);
  return (
    <label className="inline-control">
      <span>Break tiles down by</span>
      <select value={by ?? ''} onChange={(event) => setBreakdownBy(toBreakdown(event.currentTarget.value))}>
        <option value="">Nothing</option>
        <option value="group">Relationship group</option>
        <option value="band">Band</option>
      </select>
    </label>
  );
}

function toBreakdown(value: string): BreakdownBy | null {
  return value === 'group' || value === 'band' ? value : null;
}

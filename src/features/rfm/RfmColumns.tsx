import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store';
import { ColumnPicker } from '../../ui/ColumnPicker';

type Role = 'recency' | 'frequency' | 'monetary';

const ROLES: readonly { role: Role; label: string; kinds: readonly string[] }[] = [
  { role: 'recency', label: 'Recency column (days since, or last purchase date)', kinds: ['number', 'date'] },
  { role: 'frequency', label: 'Frequency column (orders)', kinds: ['number'] },
  { role: 'monetary', label: 'Monetary column (revenue or order value)', kinds: ['number'] },
];

/** The three RFM column selects. */
export function RfmColumns() {
  return (
    <div className="rfm-columns">
      {ROLES.map((spec) => (
        <ColumnSelect key={spec.role} {...spec} />
      ))}
    </div>
  );
}

function ColumnSelect({ role, label, kinds }: { role: Role; label: string; kinds: readonly string[] }) {
  const chosen = useAppStore((s) => s.model.rfm[role]);
  const names = useAppStore(useShallow((s) => (s.dataset?.columns ?? []).filter((c) => kinds.includes(c.kind)).map((c) => c.name)));
  const setRfmColumn = useAppStore((s) => s.setRfmColumn);
  return <ColumnPicker label={label} value={chosen} columns={names} onChange={(column) => setRfmColumn(role, column)} />;
}

import { useAppStore } from '../../state/store';

/**
 * How the file was read, changeable: which row is the header (found above a report's title
 * lines, src/core/csv/header.ts) and, for a spreadsheet, which sheet. A change reads the
 * same file again.
 */
export function ReadChoices() {
  const header = useAppStore((s) => s.dataset?.header ?? null);
  const sheets = useAppStore((s) => s.dataset?.sheets ?? null);
  const canReread = useAppStore((s) => s.loadedFrom !== null && s.loading === null);
  const rereadWith = useAppStore((s) => s.rereadWith);
  if (!header) return null;
  return (
    <div className="read-choices">
      {sheets && sheets.names.length > 1 ? (
        <label>
          <span>Sheet</span>
          <select value={sheets.read} disabled={!canReread} onChange={(event) => rereadWith({ sheet: event.currentTarget.value, headerIndex: undefined })}>
            {sheets.names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        <span>Header row</span>
        <select value={header.index} disabled={!canReread} onChange={(event) => rereadWith({ headerIndex: Number(event.currentTarget.value) })}>
          {header.candidates.map((candidate) => (
            <option key={candidate.index} value={candidate.index}>
              Line {candidate.line}: {candidate.preview || '(no text)'}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

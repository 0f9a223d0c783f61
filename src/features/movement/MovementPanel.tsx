import { useState, type DragEvent } from 'react';
import { withDemand, type ViewProps } from '../../state/demand';
import { formatCount, formatScore, formatSignedScore } from '../../core/display/format';
import { bandMovementLabels, groupMovementLabels } from '../../core/movement/movement';
import { useAppStore } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { ColumnPicker } from '../../ui/ColumnPicker';
import { FilePicker } from '../../ui/FilePicker';
import { EARLIER_SAMPLE_FILE, SAMPLE_FILE, withBundledFile } from '../../ui/bundledFile';
import { goToTable } from '../../ui/goToTable';
import { MovementTable } from './MovementTable';
import { FlowChart, type FlowNode } from './FlowChart';
import { NEW_KEY, GONE_KEY } from '../../core/movement/flowSummary';
import { gridGroups } from '../../core/groups/segment';
import { BAND_FILLS, GROUP_FILLS, NO_GROUP_FILL } from '../../ui/palette';
import { fileStem } from '../../core/export/csv';
import type { MovementSummary } from '../../workers/comparison';

const NEW_FILL = '#3f86d1';
const GONE_FILL = '#8a93a6';

/** A flow chart's nodes: the categories with their colours, then none, then new (earlier side) or gone (current side). */
function flowNodes(names: { from: string[]; to: string[] }, fills: readonly string[]): { from: FlowNode[]; to: FlowNode[] } {
  const categories = fills.map((color, k) => ({ key: `c${k}`, label: names.to[k], color }));
  const none = { key: 'none', label: names.to[fills.length], color: NO_GROUP_FILL };
  return { from: [...categories, none, { key: NEW_KEY, label: 'New', color: NEW_FILL }], to: [...categories, none, { key: GONE_KEY, label: 'Gone', color: GONE_FILL }] };
}

/** The picker of an earlier file, and its drop zone: the panel itself. */
function EarlierPicker({ label }: { label: string }) {
  const compareWithEarlier = useAppStore((s) => s.compareWithEarlier);
  return <FilePicker text={label} label="Compare with an earlier file" className="button small" onFile={(file) => compareWithEarlier(file, file.name)} />;
}

/** What the matching could not pair, named: blank and repeated ids, ids repeated in the earlier file, columns the earlier file lacks. */
function matchNotes(movement: MovementSummary): string[] {
  const { match } = movement;
  const notes: string[] = [];
  const examples = (ids: string[], count: number) => `${ids.map((id) => `“${id}”`).join(', ')}${count > ids.length ? '…' : ''}`;
  if (match.blank.current > 0) notes.push(`${formatCount(match.blank.current)} customers of the current file have no ${movement.idColumn}: not compared.`);
  if (match.blank.previous > 0) notes.push(`${formatCount(match.blank.previous)} rows of ${movement.previousName} have no ${movement.previousIdColumn}: not compared.`);
  if (match.duplicate.current > 0)
    notes.push(`${formatCount(match.duplicate.current)} customers of the current file share an id with another (${examples(match.duplicate.currentIds, match.duplicate.current)}): not compared.`);
  if (match.duplicate.previous > 0)
    notes.push(`${formatCount(match.duplicate.previous)} rows of ${movement.previousName} share an id with another (${examples(match.duplicate.previousIds, match.duplicate.previous)}): not compared.`);
  if (match.ambiguous > 0) notes.push(`${formatCount(match.ambiguous)} customers have an id that repeats in ${movement.previousName}: not compared.`);
  if (movement.missingColumns.length > 0) notes.push(`${movement.previousName} has no column ${movement.missingColumns.map((c) => `“${c}”`).join(', ')}: those factors count as missing there.`);
  return notes;
}

/** The change in mean CRS over the customers in both files, split by factor. */
function MeanChange({ movement }: { movement: MovementSummary }) {
  const labels = useAppStore((s) => s.model.factors);
  const { mean } = movement;
  if (mean.customers === 0) return <p className="muted">No customer is in both files with a score in each: there is no change to split.</p>;
  const labelOf = (id: string) => labels.find((factor) => factor.id === id)?.label ?? id;
  const parts = mean.byFactor.filter((entry) => Number.isFinite(entry.contribution));
  return (
    <div className="mean-change">
      <p>
        Mean CRS of the {formatCount(mean.customers)} customers in both files: {formatScore(mean.previousMean)} → {formatScore(mean.currentMean)} (<strong>{formatSignedScore(mean.change)}</strong>).
      </p>
      <ul aria-label="What moved the mean">
        {parts.map((entry) => (
          <li key={entry.factorId}>
            {labelOf(entry.factorId)}: {formatSignedScore(entry.contribution)}
          </li>
        ))}
        {Math.abs(mean.rest) >= 0.05 ? <li>Rules and the 0–100 limit: {formatSignedScore(mean.rest)}</li> : null}
      </ul>
    </div>
  );
}

/**
 * Two snapshots: the current file and an earlier export, matched on an id column and scored
 * by the same model. Who moved between bands and groups, who is new and who is gone, and
 * what moved the mean; each cell lists its customers in the table.
 */
function MovementPanelBody({ view }: { view: ViewProps }) {
  const earlier = useAppStore((s) => s.earlier);
  const movement = useAppStore((s) => s.analysis?.movement ?? null);
  const ids = useAppStore((s) => s.earlierIds);
  const setIds = useAppStore((s) => s.setEarlierIds);
  const forget = useAppStore((s) => s.forgetEarlier);
  const compareWithEarlier = useAppStore((s) => s.compareWithEarlier);
  const setTableView = useAppStore((s) => s.setTableView);
  const showAlert = useAppStore((s) => s.showAlert);
  const datasetName = useAppStore((s) => s.dataset?.name ?? 'customers.csv');
  const [isOver, setIsOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setIsOver(false);
    const file = event.dataTransfer.files[0];
    if (file) compareWithEarlier(file, file.name);
  };
  /** The sample's snapshot a quarter before (scripts/generate-earlier-sample.mjs), fetched from this app's own origin. */
  const compareWithSample = () => withBundledFile(EARLIER_SAMPLE_FILE, compareWithEarlier, (reason) => showAlert(`The sample's earlier snapshot could not be loaded: ${reason}.`));
  const requestExport = useAppStore((s) => s.requestExport);
  const exportGone = (table: 'band' | 'group') => (from: number) => requestExport({ gone: { table, from } });
  const list = (table: 'band' | 'group') => (from: number, to: number) => {
    setTableView({ band: null, group: null, atRisk: false, rfmSegment: null, search: '', movement: { table, from, to } });
    goToTable();
  };
  const isReady = earlier?.status === 'ready' && movement !== null;
  const notes = isReady ? [...matchNotes(movement), ...earlier.notices] : [];
  return (
    <Panel {...view} title="Since an earlier file" id="movement" className={`movement${isOver ? ' over' : ''}`} actions={earlier ? <EarlierPicker label="Another earlier file" /> : null}>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setIsOver(true);
        }}
        onDragLeave={() => setIsOver(false)}
        onDrop={onDrop}
      >
        {earlier === null ? (
          <div className="movement-empty">
            <p className="muted">
              Load last month’s or last quarter’s export of the same CRM (or drop it here) to see who moved between bands and groups, who is new, who is gone and what moved the mean. Both files are scored by
              the current model and matched on a customer id; the earlier file stays in this browser too.
            </p>
            <div className="movement-empty-actions">
              <EarlierPicker label="Compare with an earlier file" />
              {datasetName === SAMPLE_FILE ? (
                <button type="button" className="button small" onClick={compareWithSample}>
                  Try the sample’s earlier snapshot
                </button>
              ) : null}
            </div>
          </div>
        ) : earlier.status === 'reading' ? (
          <p className="muted" role="status">
            Reading {earlier.name}…
          </p>
        ) : earlier.status === 'failed' ? (
          <p className="alert" role="alert">
            {earlier.message}
          </p>
        ) : null}
        {earlier && isReady ? (
          <>
            <p role="status">
              Compared with <strong>{earlier.name}</strong> ({formatCount(movement.previousRows)} rows): {formatCount(movement.match.matched)} customers in both, {formatCount(movement.match.added)} new,{' '}
              {formatCount(movement.match.gone)} gone.
            </p>
            {notes.length > 0 ? (
              <ul className="movement-notes small">
                {notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            ) : null}
            <div className="movement-ids">
              <ColumnPicker label="Customer id (current file)" value={movement.idColumn} columns={movement.columns.current} onChange={(column) => setIds({ ...ids, current: column })} />
              <ColumnPicker label="Customer id (earlier file)" value={movement.previousIdColumn} columns={movement.columns.previous} onChange={(column) => setIds({ ...ids, previous: column })} />
            </div>
            <MeanChange movement={movement} />
            <MovementTable caption="Band movement" {...bandMovementLabels()} table={movement.bands} onList={list('band')} onExportGone={exportGone('band')} />
            <GroupMovement movement={movement} onList={list('group')} onExportGone={exportGone('group')} />
            <div className="charts movement-flows">
              <FlowChart title="Band movement flow" {...flowNodes(bandMovementLabels(), BAND_FILLS)} counts={movement.bands.counts} fileStem={`${fileStem(datasetName)}-band-flow`} onError={showAlert} />
              <FlowChart
                title="Group movement flow"
                {...flowNodes(
                  groupMovementLabels(movement.groups.gridSize),
                  gridGroups(movement.groups.gridSize).map((group) => GROUP_FILLS[group]),
                )}
                counts={movement.groups.counts}
                fileStem={`${fileStem(datasetName)}-group-flow`}
                onError={showAlert}
              />
            </div>
          </>
        ) : null}
        {earlier ? (
          <button type="button" className="button small" onClick={forget}>
            Forget the earlier file
          </button>
        ) : null}
      </div>
    </Panel>
  );
}

function GroupMovement({ movement, onList, onExportGone }: { movement: MovementSummary; onList: (from: number, to: number) => void; onExportGone: (from: number) => void }) {
  const names = groupMovementLabels(movement.groups.gridSize);
  return <MovementTable caption="Group movement" from={names.from} to={names.to} table={movement.groups} onList={onList} onExportGone={onExportGone} />;
}

/** Asks for the movement only while on screen (src/state/demand.ts). */
export const MovementPanel = withDemand(['movement'], MovementPanelBody);

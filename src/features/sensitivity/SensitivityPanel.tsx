import { formatCount } from '../../core/display/format';
import { STABILITY_SPREAD } from '../../core/whatIf/sensitivity';
import { useAppStore } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { TornadoChart } from './TornadoChart';
import { TornadoTable } from './TornadoTable';
import { ScrollBox } from '../../ui/ScrollBox';

/**
 * How much the scores hang on the exact weights. Computed on demand only ("Analyse
 * sensitivity"): 2k re-scorings (with an AUC each) plus 20 ranked draws take ~3 s at 1M
 * customers, too much for every slider step. A result for an earlier model says so.
 */
export function SensitivityPanel() {
  // Figures for another file (loaded since, or cleared) say nothing about this one.
  const sensitivity = useAppStore((s) => (s.sensitivity?.loadId === s.loadId ? s.sensitivity : null));
  const model = useAppStore((s) => s.model);
  const pending = useAppStore((s) => s.analysingSensitivity);
  const request = useAppStore((s) => s.requestSensitivity);
  const labelOf = (factorId: string) => model.factors.find((f) => f.id === factorId)?.label ?? factorId;
  const isStale = sensitivity !== null && sensitivity.model !== model;
  const summary = sensitivity?.summary ?? null;
  return (
    <Panel
      title="Sensitivity"
      id="sensitivity"
      className="sensitivity"
      actions={
        <button type="button" className="button small" onClick={request} disabled={pending}>
          {pending ? 'Analysing…' : 'Analyse sensitivity'}
        </button>
      }
    >
      {!summary ? <p className="muted">How many customers change band when a weight moves 10 points, and how steady the ranking is under nearby weights. Computed when you ask.</p> : null}
      {isStale ? <p className="warning">These figures are for an earlier model: analyse again to see the current one.</p> : null}
      {summary ? (
        <>
          <p className="stability-summary">
            Rank stability: Spearman <strong>{summary.stability.meanSpearman.toFixed(3)}</strong> on average, <strong>{summary.stability.minSpearman.toFixed(3)}</strong> at worst{' '}
            <span className="muted small">
              between the current ranking and {formatCount(summary.stability.draws)} nearby models (every weight scaled by 1 ± up to {Math.round(STABILITY_SPREAD * 100)} %, drawn with a fixed seed); 1 = the
              same order.
            </span>
          </p>
          {summary.tornado.factors.length === 0 ? (
            <p className="muted">Map a factor to see the tornado.</p>
          ) : (
            <div className="tornado-grid">
              <TornadoChart tornado={summary.tornado} labelOf={labelOf} />
              <ScrollBox className="tornado-table-scroll" label="Tornado table">
                <TornadoTable tornado={summary.tornado} labelOf={labelOf} hasOutcome={Number.isFinite(summary.tornado.auc)} />
              </ScrollBox>
            </div>
          )}
          {summary.tornado.groupsIgnoreWeights ? (
            <p className="muted small">Group changes are 0 by construction: relationship groups come from the profitability and loyalty columns, not from the CRS.</p>
          ) : null}
        </>
      ) : null}
    </Panel>
  );
}

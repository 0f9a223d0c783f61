import { BANDS, BAND_LABELS } from '../../core/model/model';
import { formatAuc, formatCount, formatScore, formatShare } from '../../core/display/format';
import type { ScenarioSide } from '../../core/whatIf/scenario';
import { useAppStore } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { ScrollBox } from '../../ui/ScrollBox';

/** Save the model as A, change it, and see A against the current model (B): AUC, mean, bands, and who moved band. */
export function ScenarioCompare() {
  const scenarioA = useAppStore((s) => s.scenarioA);
  const comparison = useAppStore((s) => s.scenario);
  const weightsB = useAppStore((s) =>
    s.model.factors
      .filter((f) => f.column !== null)
      .map((f) => `${f.label} ${f.weight}`)
      .join(', '),
  );
  const save = useAppStore((s) => s.saveScenarioA);
  const clear = useAppStore((s) => s.clearScenarioA);
  return (
    <Panel
      title="Scenario compare"
      id="scenario"
      className="scenario"
      actions={
        <>
          <button type="button" className="button small" onClick={save}>
            {scenarioA ? 'Save current as A again' : 'Save current as A'}
          </button>
          {scenarioA ? (
            <button type="button" className="button small" onClick={clear}>
              Clear A
            </button>
          ) : null}
        </>
      }
    >
      {!scenarioA ? (
        <p className="muted">Save the current model as scenario A, then change weights, mapping, shapes or rules: A and the current model (B) are compared side by side, with the customers who change band.</p>
      ) : !comparison ? (
        <p className="muted">Comparing…</p>
      ) : (
        <>
          <table className="data-table scenario-table">
            <caption>Scenario A against the current model (B)</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">A</th>
                <th scope="col">B (current)</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Weights</th>
                <td className="weights-cell">{scenarioA.weights}</td>
                <td className="weights-cell">{weightsB}</td>
              </tr>
              <tr>
                <th scope="row">AUC</th>
                <td>{formatAuc(comparison.a.auc)}</td>
                <td>{formatAuc(comparison.b.auc)}</td>
              </tr>
              <tr>
                <th scope="row">Mean CRS</th>
                <td>{formatScore(comparison.a.mean)}</td>
                <td>{formatScore(comparison.b.mean)}</td>
              </tr>
              {BANDS.map((band, b) => (
                <tr key={band}>
                  <th scope="row">{BAND_LABELS[band]}</th>
                  <td>{bandShare(comparison.a, b)}</td>
                  <td>{bandShare(comparison.b, b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="scenario-changed" role="group" aria-label={`Customers who change band: ${formatCount(comparison.changed)}`}>
            <strong>{formatCount(comparison.changed)}</strong> customers change band
            {comparison.scoredInOneOnly > 0 ? `; ${formatCount(comparison.scoredInOneOnly)} are scored under only one of the two` : ''}.
          </p>
          {comparison.list.length > 0 ? (
            <ScrollBox className="moved-scroll" label="Who changed band">
              <table className="data-table">
                <caption>Who changed band{comparison.changed > comparison.list.length ? ` (the ${formatCount(comparison.list.length)} with the largest change)` : ''}</caption>
                <thead>
                  <tr>
                    <th scope="col">Customer</th>
                    <th scope="col">CRS A</th>
                    <th scope="col">CRS B</th>
                    <th scope="col">Band</th>
                  </tr>
                </thead>
                <tbody>
                  {comparison.list.map((move) => (
                    <tr key={move.row}>
                      <th scope="row">{move.name || move.id}</th>
                      <td>{formatScore(move.crsA)}</td>
                      <td>{formatScore(move.crsB)}</td>
                      <td>
                        {BAND_LABELS[BANDS[move.bandA]]} → {BAND_LABELS[BANDS[move.bandB]]}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          ) : null}
        </>
      )}
    </Panel>
  );
}

function bandShare(side: ScenarioSide, band: number): string {
  return `${formatShare(side.bandCounts[band], side.scored)} (${formatCount(side.bandCounts[band])})`;
}

import { formatCount } from '../../core/display/format';
import { WEIGHT_STEP, type FactorSensitivity, type Tornado } from '../../core/whatIf/sensitivity';
import { formatChange } from './formatChange';

/** The tornado's text alternative: one row per factor with every figure of both moves. */
export function TornadoTable({ tornado, labelOf, hasOutcome }: { tornado: Tornado; labelOf: (factorId: string) => string; hasOutcome: boolean }) {
  const moves = [`−${WEIGHT_STEP}`, `+${WEIGHT_STEP}`];
  const measures = ['Band changes', 'Group changes', 'Mean CRS', ...(hasOutcome ? ['AUC'] : [])];
  return (
    <table className="data-table tornado-table">
      <caption>Each weight moved {WEIGHT_STEP} points down and up (within 0–100), the others kept</caption>
      <thead>
        <tr>
          <th scope="col">Factor</th>
          <th scope="col">Weight (moved to)</th>
          {measures.flatMap((measure) => moves.map((move) => <th scope="col" key={`${measure}${move}`}>{`${measure} ${move}`}</th>))}
        </tr>
      </thead>
      <tbody>
        {tornado.factors.map((f) => (
          <FactorRow key={f.factorId} label={labelOf(f.factorId)} factor={f} hasOutcome={hasOutcome} />
        ))}
      </tbody>
    </table>
  );
}

function FactorRow({ label, factor, hasOutcome }: { label: string; factor: FactorSensitivity; hasOutcome: boolean }) {
  const { weight, down, up } = factor;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        {weight} ({down.weight}, {up.weight})
      </td>
      <td>{formatCount(down.bandChanges)}</td>
      <td>{formatCount(up.bandChanges)}</td>
      <td>{formatCount(down.groupChanges)}</td>
      <td>{formatCount(up.groupChanges)}</td>
      <td>{formatChange(down.meanChange, 1)}</td>
      <td>{formatChange(up.meanChange, 1)}</td>
      {hasOutcome ? <td>{formatChange(down.aucChange, 3)}</td> : null}
      {hasOutcome ? <td>{formatChange(up.aucChange, 3)}</td> : null}
    </tr>
  );
}

import { withDemand, type ViewProps } from '../../state/demand';
import { Panel } from '../../ui/Panel';
import { useAppStore } from '../../state/store';
import { selectFactorIds } from '../../state/selectors';
import { AddFactor } from './AddFactor';
import { AxisMapping } from './AxisMapping';
import { BandThresholds } from './BandThresholds';
import { FactorMapping } from './FactorMapping';
import { KpiInputMapping } from './KpiInputMapping';
import { RulesEditor } from './RulesEditor';

/** Which column feeds each factor and axis, and how it is brought to 0–100. */
function MappingPanelBody({ view }: { view: ViewProps }) {
  const ids = useAppStore(selectFactorIds);
  const noneMapped = useAppStore((s) => s.dataset !== null && s.model.factors.every((factor) => factor.column === null));
  return (
    <Panel {...view} title="Column mapping" id="mapping" className="mapping">
      {noneMapped ? <p className="warning">No column of this file was recognised as a factor. Choose a column for at least one factor below to score your customers.</p> : null}
      <div className="mapping-grid">
        {ids.split('|').map((id) => (
          <FactorMapping key={id} factorId={id} />
        ))}
        <AddFactor />
        <AxisMapping axis="profitability" />
        <AxisMapping axis="loyalty" />
        <BandThresholds />
      </div>
      <RulesEditor />
      <KpiInputMapping />
    </Panel>
  );
}

/** Asks for its parts only while on screen (src/state/demand.ts); its pickers list every column, so it asks for all of them to be read. */
export const MappingPanel = withDemand(['factors', 'axes', 'columns'], MappingPanelBody);

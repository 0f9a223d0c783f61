import { useDeferredValue } from 'react';
import { CustomerExplanation } from './features/explain/CustomerExplanation';
import { CustomerTable } from './features/table/CustomerTable';
import { DistributionChart } from './features/distribution/DistributionChart';
import { ExportButton } from './features/export/ExportButton';
import { FactorDistributions } from './features/distribution/FactorDistributions';
import { GroupBands } from './features/groups/GroupBands';
import { ActionsPanel } from './features/actions/ActionsPanel';
import { GroupsGrid } from './features/groups/GroupsGrid';
import { RelationshipScatter } from './features/groups/RelationshipScatter';
import { BreakdownSelect } from './features/summary/BreakdownSelect';
import { MappingPanel } from './features/mapping/MappingPanel';
import { DataNotices } from './features/status/DataNotices';
import { StatusAlert } from './features/status/StatusAlert';
import { StatusLine } from './features/status/StatusLine';
import { ReadChoices } from './features/status/ReadChoices';
import { MissingKpis } from './features/summary/KpiTiles';
import { Tiles } from './features/summary/Tiles';
import { UploadPanel } from './features/upload/UploadPanel';
import { WeightsPanel } from './features/weights/WeightsPanel';
import { AucBadge } from './features/validation/AucBadge';
import { ValidationPanel } from './features/validation/ValidationPanel';
import { ScenarioCompare } from './features/scenario/ScenarioCompare';
import { RfmPanel } from './features/rfm/RfmPanel';
import { SensitivityPanel } from './features/sensitivity/SensitivityPanel';
import { ReportButtons } from './features/report/ReportButtons';
import { SqlExport } from './features/export/SqlExport';
import { Menu } from './ui/Menu';
import { SectionNav, type Section } from './ui/SectionNav';
import { ClvPanel } from './features/clv/ClvPanel';
import { MovementPanel } from './features/movement/MovementPanel';
import { FilterBanner } from './features/summary/FilterBanner';
import { ModelFileActions } from './features/modelFile/ModelFileActions';
import { ClearDataButton } from './features/modelFile/ClearDataButton';
import { ModelNotice } from './features/modelFile/ModelNotice';
import { useAppStore } from './state/store';
import { selectHasData } from './state/selectors';

/** The panels the dashboard's contents link to, in page order. */
const SECTIONS: readonly Section[] = [
  { id: 'weights', label: 'Weights' },
  { id: 'distribution', label: 'Distribution' },
  { id: 'groups', label: 'Groups' },
  { id: 'scatter', label: 'Scatter' },
  { id: 'actions', label: 'Actions' },
  { id: 'movement', label: 'Movement' },
  { id: 'customers', label: 'Customers' },
  { id: 'validation', label: 'Outcome' },
  { id: 'scenario', label: 'Scenarios' },
  { id: 'rfm', label: 'RFM' },
  { id: 'clv', label: 'Lifetime value' },
  { id: 'sensitivity', label: 'Sensitivity' },
  { id: 'factor-distributions', label: 'Factors' },
  { id: 'mapping', label: 'Column mapping' },
];

/** Composition only: the features, laid out. */
export function App() {
  const hasData = useAppStore(selectHasData);
  // A new file, for the dashboard to take the focus the upload controls had.
  const loadKey = useAppStore((s) => (s.dataset ? `${s.dataset.name}\u0000${s.dataset.rowCount}` : null));
  // The first screen (status, weights, tiles, the CRS distribution and the groups grid)
  // mounts at once; the panels below it mount in a second, interruptible (time-sliced)
  // render after that first paint: mounting everything in one go was the load's longest
  // main-thread task, and the first screen waited for panels no one could see yet.
  const showDetails = useDeferredValue(hasData);
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <h1>CRS Studio</h1>
          <span className="tagline muted">Customer Relationship Score · your data never leaves this browser</span>
        </div>
        <div className="topbar-actions">
          {hasData ? (
            <>
              <UploadPanel compact />
              <ExportButton />
            </>
          ) : null}
          <Menu label={hasData ? 'More' : 'Model'}>
            {hasData ? (
              <>
                <ReportButtons />
                <SqlExport />
              </>
            ) : null}
            <ModelFileActions />
          </Menu>
          {hasData ? <ClearDataButton /> : null}
        </div>
      </header>
      <section className="statusbar" aria-label="File">
        <StatusLine />
        {hasData ? <ReadChoices /> : null}
        <DataNotices />
        <ModelNotice />
        {hasData ? <BreakdownSelect /> : null}
      </section>
      <StatusAlert />
      {hasData ? (
        <main className="dashboard">
          <SectionNav sections={SECTIONS} loadKey={loadKey} />
          <aside className="sidebar">
            <WeightsPanel />
            <AucBadge />
          </aside>
          <div className="content">
            <FilterBanner />
            <Tiles />
            <MissingKpis />
            <div className="charts">
              <DistributionChart />
              <GroupsGrid />
            </div>
            {showDetails ? (
              <div className="charts">
                <RelationshipScatter />
                <GroupBands />
              </div>
            ) : null}
            {showDetails ? <ActionsPanel /> : null}
            {showDetails ? <MovementPanel /> : null}
            {showDetails ? (
              <div className="customers-row">
                <CustomerTable />
                <CustomerExplanation />
              </div>
            ) : null}
            {showDetails ? <ValidationPanel /> : null}
            {showDetails ? <ScenarioCompare /> : null}
            {showDetails ? <RfmPanel /> : null}
            {showDetails ? <ClvPanel /> : null}
            {showDetails ? <SensitivityPanel /> : null}
            {showDetails ? <FactorDistributions /> : null}
            {showDetails ? <MappingPanel /> : null}
          </div>
        </main>
      ) : (
        <main className="empty">
          <UploadPanel compact={false} />
        </main>
      )}
    </div>
  );
}

import { useDeferredValue } from 'react';
import { DistributionChart } from './features/distribution/DistributionChart';
import { ExportButton } from './features/export/ExportButton';
import { GroupsGrid } from './features/groups/GroupsGrid';
import { MappingPanel } from './features/mapping/MappingPanel';
import { DataNotices } from './features/status/DataNotices';
import { StatusLine } from './features/status/StatusLine';
import { SummaryTiles } from './features/summary/SummaryTiles';
import { UploadPanel } from './features/upload/UploadPanel';
import { WeightsPanel } from './features/weights/WeightsPanel';
import { useAppStore } from './state/store';
import { selectHasData } from './state/selectors';
import { Alert } from './ui/Alert';

/** Composition only: the features, laid out. */
export function App() {
  const hasData = useAppStore(selectHasData);
  // The mapping panel mounts in a second, interruptible render after the first dashboard
  // paint: mounting everything at once was the load's longest main-thread task.
  const showMapping = useDeferredValue(hasData);
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
        </div>
      </header>
      <div className="statusbar">
        <StatusLine />
        <DataNotices />
      </div>
      <Alert />
      {hasData ? (
        <main className="dashboard">
          <aside className="sidebar">
            <WeightsPanel />
          </aside>
          <div className="content">
            <SummaryTiles />
            <div className="charts">
              <DistributionChart />
              <GroupsGrid />
            </div>
            {showMapping ? <MappingPanel /> : null}
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

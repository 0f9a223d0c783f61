import { useDemand, ShownScope } from '../../state/demand';
import { KpiTiles } from './KpiTiles';
import { SummaryTiles } from './SummaryTiles';

/** The summary and KPI tiles: asks for the KPIs (and their breakdown) only while on screen. */
export function Tiles() {
  const { ref, isShown } = useDemand(TILE_PARTS);
  return (
    <div className="tiles" ref={ref}>
      <ShownScope isShown={isShown}>
        <SummaryTiles />
        <KpiTiles />
      </ShownScope>
    </div>
  );
}

const TILE_PARTS = ['scores', 'kpis'] as const;

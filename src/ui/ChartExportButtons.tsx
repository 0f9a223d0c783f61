import type { RefObject } from 'react';
import { pngBlob, standaloneSvg, svgBlob, themeColors, type LegendItem } from './chartExport';
import { downloadBlob } from './download';

interface ChartExportButtonsProps {
  container: RefObject<HTMLDivElement | null>;
  title: string;
  /** Read when the user exports, so the chart need not re-render when it changes. */
  subtitle: () => string;
  fileStem: string;
  /** The chart's series and colours, drawn into the image. */
  legend?: readonly LegendItem[];
  /** Tells the user an export failed (the feature passes the store's showAlert). */
  onError: (message: string) => void;
}

/** The chart's own SVG: recharts' surface, or one of ours marked with the chart-svg class. */
const CHART_SVG = 'svg.recharts-surface, svg.chart-svg';

/** "Export PNG" and "Export SVG" for the chart inside `container`; their names say which chart. */
export function ChartExportButtons({ container, title, subtitle, fileStem, legend, onError }: ChartExportButtonsProps) {
  const build = () => {
    const svg = container.current?.querySelector(CHART_SVG);
    if (!(svg instanceof SVGSVGElement) || !container.current) throw new Error('the chart is not drawn yet');
    return standaloneSvg(svg, { title, subtitle: subtitle(), legend, ...themeColors(container.current) });
  };
  const exportSvg = () => {
    try {
      downloadBlob(svgBlob(build().markup), `${fileStem}.svg`);
    } catch (error) {
      onError(`The SVG could not be made: ${error instanceof Error ? error.message : String(error)}.`);
    }
  };
  const exportPng = async () => {
    try {
      const { markup, width, height } = build();
      downloadBlob(await pngBlob(markup, width, height), `${fileStem}.png`);
    } catch (error) {
      onError(`The PNG could not be made: ${error instanceof Error ? error.message : String(error)}.`);
    }
  };
  return (
    <>
      <button type="button" className="button small" onClick={exportPng} aria-label={`Export PNG: ${title}`}>
        PNG
      </button>
      <button type="button" className="button small" onClick={exportSvg} aria-label={`Export SVG: ${title}`}>
        SVG
      </button>
    </>
  );
}

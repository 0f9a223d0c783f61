import type { RefObject } from 'react';
import { pngBlob, standaloneSvg, svgBlob, themeColors } from '../../ui/chartExport';
import { downloadBlob } from '../../ui/download';
import { useAppStore } from '../../state/store';

interface ChartExportButtonsProps {
  container: RefObject<HTMLDivElement | null>;
  title: string;
  /** Read when the user exports, so the chart need not re-render when it changes. */
  subtitle: () => string;
  fileStem: string;
}

/** "Export PNG" and "Export SVG" for the chart inside `container`. */
export function ChartExportButtons({ container, title, subtitle, fileStem }: ChartExportButtonsProps) {
  const showAlert = useAppStore((s) => s.showAlert);
  const build = () => {
    const svg = container.current?.querySelector('svg.recharts-surface');
    if (!(svg instanceof SVGSVGElement) || !container.current) throw new Error('the chart is not drawn yet');
    return standaloneSvg(svg, { title, subtitle: subtitle(), ...themeColors(container.current) });
  };
  const exportSvg = () => {
    try {
      downloadBlob(svgBlob(build().markup), `${fileStem}.svg`);
    } catch (error) {
      showAlert(`The SVG could not be made: ${error instanceof Error ? error.message : String(error)}.`);
    }
  };
  const exportPng = async () => {
    try {
      const { markup, width, height } = build();
      downloadBlob(await pngBlob(markup, width, height), `${fileStem}.png`);
    } catch (error) {
      showAlert(`The PNG could not be made: ${error instanceof Error ? error.message : String(error)}.`);
    }
  };
  return (
    <>
      <button type="button" className="button small" onClick={exportPng}>
        Export PNG
      </button>
      <button type="button" className="button small" onClick={exportSvg}>
        Export SVG
      </button>
    </>
  );
}

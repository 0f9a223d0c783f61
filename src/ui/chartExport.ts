// Chart export: a chart's SVG made self-contained (title, background, fonts, no external
// references), saved as SVG, or drawn at 2× into a canvas and saved as PNG. All local.

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif';
const TITLE_HEIGHT = 48;

export interface ChartImageOptions {
  title: string;
  subtitle: string;
  background: string;
  foreground: string;
}

/** A standalone SVG document of `svg` with a title block on top; text is escaped by the DOM. */
export function standaloneSvg(svg: SVGSVGElement, options: ChartImageOptions): { markup: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width || Number(svg.getAttribute('width')) || 640);
  const chartHeight = Math.round(box.height || Number(svg.getAttribute('height')) || 320);
  const height = chartHeight + TITLE_HEIGHT;
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', FONT);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', options.background);
  root.append(background);
  const title = document.createElementNS(SVG_NS, 'text');
  title.setAttribute('x', '16');
  title.setAttribute('y', '22');
  title.setAttribute('font-size', '16');
  title.setAttribute('font-weight', '600');
  title.setAttribute('fill', options.foreground);
  title.textContent = options.title;
  const subtitle = document.createElementNS(SVG_NS, 'text');
  subtitle.setAttribute('x', '16');
  subtitle.setAttribute('y', '40');
  subtitle.setAttribute('font-size', '11');
  subtitle.setAttribute('fill', options.foreground);
  subtitle.setAttribute('opacity', '0.75');
  subtitle.textContent = options.subtitle;
  const titleElement = document.createElementNS(SVG_NS, 'title');
  titleElement.textContent = options.title;
  root.append(titleElement, title, subtitle);
  const chart = svg.cloneNode(true);
  if (chart instanceof SVGSVGElement) {
    chart.setAttribute('x', '0');
    chart.setAttribute('y', String(TITLE_HEIGHT));
    chart.setAttribute('width', String(width));
    chart.setAttribute('height', String(chartHeight));
    chart.removeAttribute('class');
    chart.removeAttribute('style');
    resolveCssVariables(chart, svg);
    chart.querySelectorAll('text, tspan').forEach((node) => {
      if (!node.getAttribute('fill')) node.setAttribute('fill', options.foreground);
    });
    root.append(chart);
  }
  return { markup: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`, width, height };
}

export function svgBlob(markup: string): Blob {
  return new Blob([markup], { type: 'image/svg+xml;charset=utf-8' });
}

/** Renders SVG markup to a PNG at `scale`× pixel ratio. */
export async function pngBlob(markup: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(svgBlob(markup));
  try {
    const image = new Image();
    image.decoding = 'sync';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart image could not be drawn'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw to a canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Page colours for the exported image, read from the theme's CSS variables. */
export function themeColors(element: Element): { background: string; foreground: string } {
  const style = getComputedStyle(element);
  return {
    background: style.getPropertyValue('--surface').trim() || '#ffffff',
    foreground: style.getPropertyValue('--text').trim() || '#1a1f2e',
  };
}

/** Replaces var(--x) in fill, stroke and style attributes with the live value: a standalone file has no stylesheet. */
function resolveCssVariables(clone: Element, live: Element): void {
  const style = getComputedStyle(live);
  const resolve = (value: string): string => value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => style.getPropertyValue(name).trim() || '#888888');
  for (const node of [clone, ...clone.querySelectorAll('*')]) {
    for (const attribute of ['fill', 'stroke', 'style']) {
      const value = node.getAttribute(attribute);
      if (value?.includes('var(')) node.setAttribute(attribute, resolve(value));
    }
  }
}

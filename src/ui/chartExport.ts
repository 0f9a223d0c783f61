// Chart export: a chart's SVG made self-contained (title, background, fonts, no external
// references), saved as SVG, or drawn at 2× into a canvas and saved as PNG. All local.

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif';
/** Average width of a character of the 11 px subtitle, for wrapping it to the image's width. */
const SUBTITLE_CHAR_WIDTH = 6;

export interface LegendItem {
  label: string;
  color: string;
}

export interface ChartImageOptions {
  title: string;
  /** The data and model summary under the title; wrapped to the image's width. */
  subtitle: string;
  background: string;
  foreground: string;
  /** Series colours and what they mean: drawn under the subtitle, so the image explains itself. */
  legend?: readonly LegendItem[];
}

/** Words of text in lines of at most maxChars (a longer word gets a line of its own). */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function svgElement(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * A standalone SVG document of `svg` with a header on top: title, the wrapped subtitle
 * (data and model summary) and the legend. Text goes in as text nodes, so the serializer
 * escapes it: a column named <script> stays text.
 */
export function standaloneSvg(svg: SVGSVGElement, options: ChartImageOptions): { markup: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width || Number(svg.getAttribute('width')) || 640);
  const chartHeight = Math.round(box.height || Number(svg.getAttribute('height')) || 320);
  const subtitleLines = wrapText(options.subtitle, Math.max(40, Math.floor((width - 32) / SUBTITLE_CHAR_WIDTH)));
  const legend = options.legend ?? [];
  const legendTop = 34 + subtitleLines.length * 14;
  const headerHeight = legendTop + (legend.length > 0 ? 22 : 4);
  const height = chartHeight + headerHeight;
  const root = svgElement('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT });
  root.append(svgElement('rect', { width: '100%', height: '100%', fill: options.background }));
  root.append(svgElement('title', {}, options.title));
  root.append(svgElement('text', { x: 16, y: 22, 'font-size': 16, 'font-weight': 600, fill: options.foreground }, options.title));
  const subtitle = svgElement('text', { x: 16, y: 40, 'font-size': 11, fill: options.foreground, opacity: 0.75 });
  subtitleLines.forEach((line, k) => subtitle.append(svgElement('tspan', { x: 16, dy: k === 0 ? 0 : 14 }, line)));
  root.append(subtitle);
  let x = 16;
  for (const item of legend) {
    root.append(svgElement('rect', { x, y: legendTop, width: 10, height: 10, rx: 2, fill: item.color }));
    root.append(svgElement('text', { x: x + 14, y: legendTop + 9, 'font-size': 11, fill: options.foreground }, item.label));
    x += 14 + item.label.length * SUBTITLE_CHAR_WIDTH + 16;
  }
  const chart = svg.cloneNode(true);
  if (chart instanceof SVGSVGElement) {
    chart.setAttribute('x', '0');
    chart.setAttribute('y', String(headerHeight));
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

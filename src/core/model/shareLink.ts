// A model in a link: `#model=<base64url of the model's UTF-8 JSON>`. Only the model goes
// in the link, never data; the fragment is not sent to any server when the link is opened.
import { parseModelJson, type ParsedModel } from './modelSchema';
import { modelColumns, type Model } from './model';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Map([...ALPHABET].map((char, i) => [char, i]));
const PREFIX = '#model=';

/** RFC 4648 §5 base64url without padding. */
export function base64UrlEncode(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) text += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return text;
}

/** The bytes of base64url text (padding optional), or null when it is not base64url. */
export function base64UrlDecode(text: string): Uint8Array | null {
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((body.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let out = 0;
  for (const char of body) {
    const v = VALUES.get(char);
    if (v === undefined) return null;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (value >> bits) & 255;
    }
  }
  return bytes;
}

/** The fragment carrying the model: "#model=eyJ2ZXJzaW9uIjox…". */
export function encodeModelHash(model: Model): string {
  return PREFIX + base64UrlEncode(new TextEncoder().encode(JSON.stringify(model)));
}

/** The page's address with the model as its fragment (any previous fragment replaced). */
export function shareUrlOf(href: string, model: Model): string {
  const hashAt = href.indexOf('#');
  return (hashAt === -1 ? href : href.slice(0, hashAt)) + encodeModelHash(model);
}

/**
 * The model in a location hash: null when the hash carries none; otherwise the model, or
 * the problems (bad base64url or UTF-8 at the root, then the schema's paths).
 */
export function decodeModelHash(hash: string): ParsedModel | null {
  if (!hash.startsWith(PREFIX)) return null;
  const bytes = base64UrlDecode(hash.slice(PREFIX.length));
  if (bytes === null) return { ok: false, problems: [{ path: '', message: 'the link is cut or altered: its model is not base64url' }] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ path: '', message: 'the link is cut or altered: its model is not UTF-8 text' }] };
  }
  return parseModelJson(text);
}

/**
 * The model with every points-per-value table emptied: for a share link that must not carry
 * the file's category values (plan names, regions, company names). The factors keep their
 * columns and weights; the recipient's app spreads points over their own values again.
 */
export function withoutCategoryValues(model: Model): Model {
  return { ...model, factors: model.factors.map((factor) => (factor.shape.kind === 'categories' ? { ...factor, shape: { kind: 'categories', points: {} } } : factor)) };
}

/** What a share link of this model carries beside weights and settings, in words for the user before copying. */
export function shareLinkContents(model: Model): string {
  const columns = new Set(modelColumns(model).filter((column) => column !== null)).size;
  const categories = model.factors.filter((factor) => factor.shape.kind === 'categories' && Object.keys(factor.shape.points).length > 0).length;
  const splits = Object.values(model.axes).filter((axis) => axis.split !== null || axis.upper !== null).length + model.rules.length;
  const parts = [`${columns} column name${columns === 1 ? '' : 's'}`];
  if (categories > 0) parts.push(`the category values of ${categories} factor${categories === 1 ? '' : 's'}`);
  if (splits > 0) parts.push(`${splits} split or rule value${splits === 1 ? '' : 's'}`);
  return `The link holds the model: weights, bands and settings, with ${parts.join(', ')}. It never holds a customer row.`;
}

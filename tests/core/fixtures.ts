// Shared builders for the core tests: byte encodings of text, a dataset from CSV text,
// and a model with chosen factor columns. Not a test file (no .test. in the name).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseCsv, type Dataset } from '../../src/core/dataset/dataset';
import { defaultModel, type Model } from '../../src/core/model/model';

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Windows-1252 bytes of text (Latin-1 range plus €); throws on anything else. */
export function cp1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    if (ch === '€') return 0x80;
    const code = ch.charCodeAt(0);
    if (code > 0xff || (code >= 0x80 && code < 0xa0)) throw new Error(`not in the cp1252 test range: ${ch}`);
    return code;
  });
}

/** UTF-16 bytes of text, optionally with a BOM. */
export function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const units = (bom ? '\ufeff' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (order === 'le' ? 0 : 1)] = u & 0xff;
    out[2 * i + (order === 'le' ? 1 : 0)] = u >> 8;
  }
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Parses CSV text (or bytes) and fails the test if the load was refused. */
export function load(input: string | Uint8Array, name = 'customers.csv'): Dataset {
  const result = parseCsv(typeof input === 'string' ? utf8(input) : input, name);
  if (!result.ok) throw new Error(`expected the CSV to load, got ${JSON.stringify(result.problem)}`);
  return result.dataset;
}

export function column(dataset: Dataset, name: string) {
  const found = dataset.columns.find((c) => c.name === name);
  expect(found, `column ${name}`).toBeDefined();
  return found!;
}

/** Default model with the given factor → column mapping (others unmapped) and axes. */
export function modelWith(
  columns: Partial<Record<'engagement' | 'satisfaction' | 'purchase' | 'support', string>>,
  axes: { profitability?: string; loyalty?: string; profitSplit?: number; loyaltySplit?: number } = {},
): Model {
  const model = defaultModel();
  model.factors = model.factors.map((factor) => ({ ...factor, column: columns[factor.id as keyof typeof columns] ?? null }));
  model.axes = {
    profitability: { column: axes.profitability ?? null, split: axes.profitability === undefined ? null : (axes.profitSplit ?? null), upper: null, source: { kind: 'column' } },
    loyalty: { column: axes.loyalty ?? null, split: axes.loyalty === undefined ? null : (axes.loyaltySplit ?? null), upper: null, source: { kind: 'column' } },
  };
  return model;
}

/** A file from the project root, e.g. 'public/sample-customers.csv'. */
export function projectFile(path: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../..', path)));
}

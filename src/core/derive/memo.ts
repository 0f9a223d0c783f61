// The engine's one memo helper, and the structural sharing that makes it work across
// worker messages. A derivation is a cell that keeps its last value and the inputs it was
// computed from; it recomputes only when one of those inputs is not the same object
// (Object.is), like React's useMemo outside React or Observable Plot's memoize. Inputs that
// arrive as fresh copies (a model posted to the worker is a structured clone each time)
// go through `stable` first, which hands back the previous object wherever the new one is
// deep-equal to it (TanStack Query's replaceEqualDeep): an unchanged slice of the model
// keeps its identity, so exactly the derivations that read a changed slice recompute.

export interface Cell<T> {
  /** The value for these inputs: the kept one when every input is the same object as last time. */
  get(inputs: readonly unknown[], compute: () => T): T;
  /** The kept value if it was computed from these inputs, else undefined: asks without computing. */
  peek(inputs: readonly unknown[]): T | undefined;
  /** Forgets the kept value (a new dataset). */
  reset(): void;
}

/** A derivation's memo: one entry, keyed on the identity of its declared inputs. */
export function cell<T>(): Cell<T> {
  let inputs: readonly unknown[] | null = null;
  let value: T;
  const isKept = (next: readonly unknown[]) => inputs !== null && inputs.length === next.length && inputs.every((input, i) => Object.is(input, next[i]));
  return {
    get(next, compute) {
      if (isKept(next)) return value;
      value = compute();
      inputs = next;
      return value;
    },
    peek(next) {
      return isKept(next) ? value : undefined;
    },
    reset() {
      inputs = null;
    },
  };
}

/** A family of cells, one per key (a factor's id): derivations that exist once per item. */
export function cells<T>(): { of(key: string): Cell<T>; keep(keys: Iterable<string>): void; reset(): void } {
  const byKey = new Map<string, Cell<T>>();
  return {
    of(key) {
      let found = byKey.get(key);
      if (!found) {
        found = cell<T>();
        byKey.set(key, found);
      }
      return found;
    },
    /** Drops the cells of keys no longer in use (a removed factor). */
    keep(keys) {
      const live = new Set(keys);
      for (const key of byKey.keys()) if (!live.has(key)) byKey.delete(key);
    },
    reset() {
      byKey.clear();
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `next` with every part that deep-equals the same part of `previous` replaced by the
 * previous object, so unchanged parts keep their identity; `previous` itself when all is equal.
 * Plain objects and arrays are compared by content, anything else (typed arrays, Blobs) by identity.
 */
export function replaceEqualDeep<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return next;
  const bothArrays = Array.isArray(previous) && Array.isArray(next);
  if (!bothArrays && !(isPlainObject(previous) && isPlainObject(next))) return next;
  const prev = previous as Record<string, unknown>;
  const nextRecord = next as Record<string, unknown>;
  const keys = Object.keys(nextRecord);
  const out: Record<string, unknown> | unknown[] = bothArrays ? [] : {};
  let equal = Object.keys(prev).length === keys.length;
  for (const key of keys) {
    const value = replaceEqualDeep(prev[key], nextRecord[key]);
    (out as Record<string, unknown>)[key] = value;
    if (!Object.is(value, prev[key]) || !Object.hasOwn(prev, key)) equal = false;
  }
  return (equal ? previous : out) as T;
}

/** Keeps the previous value of a series while each new one deep-equals it: `stable()(x)` is x's first equal. */
export function stable<T>(): (next: T) => T {
  let last: T | undefined;
  let has = false;
  return (next) => {
    last = has ? replaceEqualDeep(last, next) : next;
    has = true;
    return last;
  };
}

import { canonicalJson } from '../../core/audit/canonical';

/**
 * Matches a document's rows to the rows stored from its previous import, so a re-import updates in place:
 * each key function is tried in turn (e.g. kind+title, then kind+number) and a stored row is matched at most once.
 */
export function matchRows<P, E extends { id: string }>(parsed: P[], existing: E[], keys: ((row: P | E) => string)[]): (E | null)[] {
  const result: (E | null)[] = parsed.map(() => null);
  const taken = new Set<string>();
  for (const key of keys) {
    const pool = new Map<string, E[]>();
    for (const e of existing) {
      if (taken.has(e.id)) continue;
      const k = key(e);
      pool.set(k, [...(pool.get(k) ?? []), e]);
    }
    parsed.forEach((p, i) => {
      if (result[i]) return;
      const candidates = pool.get(key(p));
      const hit = candidates?.shift();
      if (hit) {
        result[i] = hit;
        taken.add(hit.id);
      }
    });
  }
  return result;
}

/** The fields of `next` whose value differs from `prev` (compared as canonical JSON). */
export function changedFields<T extends object>(prev: T, next: Partial<T>, fields: readonly (keyof T)[]): (keyof T)[] {
  return fields.filter((f) => next[f] !== undefined && canonicalJson(prev[f]) !== canonicalJson(next[f]));
}

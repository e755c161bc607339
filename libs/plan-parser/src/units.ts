/**
 * Which counties and zones an item's text names, resolved through the org units' aliases and through the
 * document's own shorthand for groups of counties.
 */
import { unique } from './text';
import type { AmbiguousName, GroupAbbreviation, OrgUnitRef } from './types';

interface Needle {
  text: string;
  codes: string[];
}

export interface UnitMatcher {
  mentions(text: string): string[];
}

function occurs(text: string, needle: string, guard: AmbiguousName | undefined): boolean {
  const notAfter = guard?.notAfter ?? '';
  const notBefore = guard?.notBefore ?? '';
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const prev = text[at - 1] ?? '';
    const next = text[at + needle.length] ?? '';
    if ((prev && notAfter.includes(prev)) || (next && notBefore.includes(next))) continue;
    return true;
  }
  return false;
}

/**
 * Finds the counties and zones a text names: by their names and aliases, by the document's group abbreviations
 * (e.g. "丰樟高" = 丰城、樟树、高安) and skipping a name where it is only part of an everyday word (`ambiguous`).
 * All three are the city's data (its org units and the locality settings), never written here.
 */
export function unitMatcher(units: OrgUnitRef[], groups: GroupAbbreviation[], ambiguous: AmbiguousName[] = []): UnitMatcher {
  const guards = new Map(ambiguous.map((a) => [a.name, a]));
  const places = units.filter((u) => u.kind === 'county' || u.kind === 'zone');
  const byName = new Map<string, string>();
  for (const u of places) for (const name of [u.name, ...u.aliases]) if (name) byName.set(name, u.code);
  const needles: Needle[] = [...byName].map(([text, code]) => ({ text, codes: [code] }));
  for (const g of groups) {
    const codes = g.members.map((m) => byName.get(m)).filter((c): c is string => c !== undefined);
    // A group counts only when every member is a known unit of this city.
    if (g.abbreviation && codes.length === g.members.length && codes.length > 0) needles.push({ text: g.abbreviation, codes });
  }
  const order = new Map(places.map((u, i) => [u.code, i]));
  return {
    mentions(text: string): string[] {
      const codes = needles.filter((n) => occurs(text, n.text, guards.get(n.text))).flatMap((n) => n.codes);
      return unique(codes).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    },
  };
}

/**
 * Which counties and zones an item's text names, resolved through the org units' aliases and through the
 * document's own shorthand for groups of counties.
 */
import { unique } from './text';
import type { GroupAbbreviation, OrgUnitRef } from './types';

/**
 * The Yichun plan's own group abbreviations (found by reading the document):
 *  - "丰樟高" (丰城、樟树、高安) and "奉靖" (奉新、靖安): "支持丰樟高和奉靖两组团融入大南昌都市圈";
 *  - "袁上万宜" (袁州、上高、万载、宜丰): footnote "三区：袁上万宜协同发展区".
 * Not resolved on purpose: "宜万" (宜春中心城区 + 万载) and "昌铜" (南昌 + 铜鼓) each name one county
 * together with a city that is no org unit, so the county is already found by its own name where it matters.
 */
export const YICHUN_GROUP_ABBREVIATIONS: GroupAbbreviation[] = [
  { abbreviation: '丰樟高', members: ['丰城', '樟树', '高安'] },
  { abbreviation: '奉靖', members: ['奉新', '靖安'] },
  { abbreviation: '袁上万宜', members: ['袁州', '上高', '万载', '宜丰'] },
];

/**
 * Two-character aliases that also occur inside everyday words: "提高安全" is not 高安, "以上高标准" and
 * "上高速" are not 上高 (while "以上高、万载为重点" is). A match preceded or followed by these characters
 * is skipped.
 */
const NOT_AFTER: Record<string, string> = { 高安: '提升较更最偏过' };
const NOT_BEFORE: Record<string, string> = { 高安: '全', 上高: '速温峰效标质水' };

interface Needle {
  text: string;
  codes: string[];
}

export interface UnitMatcher {
  mentions(text: string): string[];
}

function occurs(text: string, needle: string): boolean {
  const notAfter = NOT_AFTER[needle] ?? '';
  const notBefore = NOT_BEFORE[needle] ?? '';
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const prev = text[at - 1] ?? '';
    const next = text[at + needle.length] ?? '';
    if ((prev && notAfter.includes(prev)) || (next && notBefore.includes(next))) continue;
    return true;
  }
  return false;
}

export function unitMatcher(units: OrgUnitRef[], groups: GroupAbbreviation[]): UnitMatcher {
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
      const codes = needles.filter((n) => occurs(text, n.text)).flatMap((n) => n.codes);
      return unique(codes).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    },
  };
}

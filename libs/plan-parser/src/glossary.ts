/**
 * The glossary: the footnotes at the end of the document ("� 三线一单：生态保护红线、……"), each paired
 * with the reference that broke a sentence in the text, and linked to every item whose text uses the term.
 */
import type { FootnoteRef } from './assemble';
import { NeedleSearch } from './text';
import type { ParsedGlossaryTerm, ParsedItem, ParseProblem } from './types';

interface Reference {
  line: number;
  itemKey: string | null;
  phrases: string[];
}

/**
 * The words a footnote reference stood after. Terms are quoted, so the reference follows the closing
 * quote: "“三屏多廊多斑块”", or a run of them: "“一企一库”“两区两场”".
 */
export function referencePhrases(before: string): string[] {
  const tail = /(?:“[^“”]{1,40}”)+$/.exec(before);
  if (tail) return [...tail[0].matchAll(/“([^“”]+)”/g)].map((m) => m[1] ?? '').filter(Boolean);
  const word = /[\u4e00-\u9fffA-Za-z0-9]{1,10}$/.exec(before);
  return word ? [word[0]] : [];
}

function splitFootnote(text: string): { term: string; explanation: string } | null {
  const m = /^([^：:。]{1,30})[：:]\s*([\s\S]*)$/.exec(text);
  if (!m) return null;
  return { term: (m[1] ?? '').trim(), explanation: (m[2] ?? '').trim() };
}

export function buildGlossary(
  footnotes: { line: number; text: string }[],
  refs: FootnoteRef[],
  items: ParsedItem[],
  problems: ParseProblem[],
): ParsedGlossaryTerm[] {
  const references: Reference[] = refs.map((r) => ({ line: r.line, itemKey: r.itemKey, phrases: referencePhrases(r.before) }));
  if (footnotes.length > 0 && references.length !== footnotes.length) {
    problems.push({
      line: footnotes[0]?.line ?? 1,
      severity: 'warning',
      message: `正文中有${references.length}处脚注引用（句中断行），文末有${footnotes.length}条脚注，数量不一致；已按顺序配对，请核对术语的关联条目`,
    });
  }
  const entries = footnotes.map((f, i) => {
    const parts = splitFootnote(f.text);
    if (!parts) {
      problems.push({ line: f.line, severity: 'warning', message: `第${f.line}行的脚注不是“术语：解释”的格式，整条作为解释保存` });
    }
    return { footnote: f, term: parts?.term ?? '', explanation: parts?.explanation ?? f.text, ref: references[i] ?? null, number: i + 1 };
  });
  const termCount = new Map<string, number>();
  for (const e of entries) termCount.set(e.term, (termCount.get(e.term) ?? 0) + 1);
  // A term footnoted twice with different explanations ("三屏") belongs to the places it was footnoted;
  // any other term also links every item that uses it.
  const keysOf = (e: (typeof entries)[number]): string[] => {
    const phrases = e.ref?.phrases ?? [];
    const shared = (termCount.get(e.term) ?? 0) > 1;
    return [...phrases, ...(e.term && (!shared || phrases.length === 0) ? [e.term] : [])];
  };
  // Which items use each key, found in one pass over every item's text (by item position, in order).
  const needles = [...new Set(entries.flatMap(keysOf))];
  const search = new NeedleSearch(needles);
  const usedBy = new Map<string, number[]>(needles.map((n) => [n, []]));
  items.forEach((it, position) => {
    for (const index of search.find(`${it.title}\n${it.body}`)) usedBy.get(needles[index] as string)?.push(position);
  });
  const positionOf = new Map(items.map((it, position) => [it.key, position]));

  return entries.map((e) => {
    const phrases = e.ref?.phrases ?? [];
    if (e.term && e.ref && !phrases.some((p) => p.includes(e.term))) {
      problems.push({
        line: e.footnote.line,
        severity: 'warning',
        message: `第${e.number}条脚注“${e.term}”与第${e.ref.line}行的脚注引用“${phrases.join('、')}”对不上，请核对`,
      });
    }
    const linked = new Set(keysOf(e).flatMap((k) => usedBy.get(k) ?? []));
    const own = e.ref?.itemKey ? positionOf.get(e.ref.itemKey) : undefined;
    if (own !== undefined) linked.add(own);
    const itemKeys = [...linked].sort((a, b) => a - b).map((position) => (items[position] as ParsedItem).key);
    return {
      number: e.number,
      term: e.term || phrases.join('、'),
      explanation: e.explanation,
      itemKeys,
      line: e.footnote.line,
      referenceText: phrases.join('、'),
      referenceLine: e.ref?.line ?? null,
    };
  });
}

/** Fills each item's glossaryTerms / footnoteNumbers from the glossary's links. */
export function linkGlossary(items: ParsedItem[], glossary: ParsedGlossaryTerm[]): void {
  const byKey = new Map(items.map((it) => [it.key, it]));
  const termsOf = new Map<ParsedItem, Set<string>>();
  for (const g of glossary) {
    for (const key of g.itemKeys) {
      const item = byKey.get(key);
      if (!item) continue;
      const terms = termsOf.get(item) ?? new Set(item.glossaryTerms);
      termsOf.set(item, terms);
      if (!terms.has(g.term)) {
        terms.add(g.term);
        item.glossaryTerms.push(g.term);
      }
      item.footnoteNumbers.push(g.number);
    }
  }
}

/**
 * Lines of a plan document and what each one is. The text exports we read come from Word
 * ("save as plain text"), which leaves these marks:
 *  - a paragraph is one line; paragraphs are separated by one empty line;
 *  - table cells (and boxed text, which Word keeps as one-cell tables) start with a tab;
 *  - a table or box ends with two or more empty lines;
 *  - a footnote reference becomes a bare line break inside the sentence;
 *  - the footnotes come last, each starting with U+FFFD (the replacement character).
 */

export const FOOTNOTE_MARK = '\uFFFD';

export type LineKind = 'blank' | 'chapter' | 'section' | 'column' | 'caption' | 'footnote' | 'trailer' | 'cell' | 'text';

export interface Heading {
  numberText: string;
  number: number | null;
  title: string;
}

export interface SourceLine {
  /** 1-based */
  no: number;
  /** trimmed (JS trim also drops U+3000 and NBSP) */
  text: string;
  /** starts with a tab, possibly after spaces: a table cell or boxed text */
  indented: boolean;
  kind: LineKind;
  heading: Heading | null;
}

const NUMERAL = '[零〇一二两三四五六七八九十百\\d]{1,5}';
const GAP = '[\\s\\u3000]*';
// The export sometimes drops the spaces between "第二节" and its title ("第二节提升固体废物……").
const HEADING_RE = new RegExp(`^第(${NUMERAL})([章节])${GAP}(.*)$`);
const COLUMN_RE = new RegExp(`^专栏${GAP}(${NUMERAL})${GAP}(.*)$`);
const CAPTION_RE = /^表[\s\u3000]*(\d{1,3})(?![\d.．])[\s\u3000]*(.*)$/;
const TRAILER_RE = /^(抄送|主送|印发|报送)[：:]/;
const INDENT_RE = /^[ \u3000\u00a0]*\t/;
const HEADING_TITLE_MAX = 60;

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "十二" → 12, "二十" → 20, "一百零五" → 105, "7" → 7; null when it is not a numeral. */
export function parseChineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = DIGIT[ch] ?? 0;
    }
  }
  return total + current;
}

/** "二〇二五" → 2025, "2025" → 2025 (years are written digit by digit). */
export function parseYear(s: string): number | null {
  if (/^\d{4}$/.test(s)) return Number(s);
  if (!/^[零〇一二三四五六七八九]{4}$/.test(s)) return null;
  return Number([...s].map((ch) => String(DIGIT[ch] ?? 0)).join(''));
}

function headingFrom(m: RegExpExecArray, numberIndex: number, titleIndex: number): Heading | null {
  const title = (m[titleIndex] ?? '').trim();
  if (title.length > HEADING_TITLE_MAX || /[。；]/.test(title)) return null;
  const numberText = m[numberIndex] ?? '';
  return { numberText, number: parseChineseNumber(numberText), title };
}

function classify(raw: string): { kind: LineKind; heading: Heading | null; indented: boolean } {
  const text = raw.trim();
  const indented = INDENT_RE.test(raw);
  // A lone tab is an empty table cell; it reads as an empty line anywhere but inside a table.
  if (text === '') return { kind: indented ? 'cell' : 'blank', heading: null, indented };
  if (text.startsWith(FOOTNOTE_MARK)) return { kind: 'footnote', heading: null, indented };
  const h = HEADING_RE.exec(text);
  if (h) {
    const heading = headingFrom(h, 1, 3);
    if (heading) return { kind: h[2] === '章' ? 'chapter' : 'section', heading, indented };
  }
  const c = COLUMN_RE.exec(text);
  if (c) {
    const heading = headingFrom(c, 1, 2);
    if (heading) return { kind: 'column', heading, indented };
  }
  const t = CAPTION_RE.exec(text);
  if (t && !indented) {
    const heading = headingFrom(t, 1, 2);
    if (heading) return { kind: 'caption', heading, indented };
  }
  if (TRAILER_RE.test(text)) return { kind: 'trailer', heading: null, indented };
  return { kind: indented ? 'cell' : 'text', heading: null, indented };
}

export function isEmpty(line: SourceLine): boolean {
  return line.text === '';
}

export function splitLines(text: string): SourceLine[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/).map((raw, i) => ({ no: i + 1, text: raw.trim(), ...classify(raw) }));
}

/** Sentence-final punctuation: a line ending in one of these is a whole paragraph. */
export function endsSentence(text: string): boolean {
  return /[。！？；：!?;:…]$/.test(text);
}

/** Short numbered sub-headings ("（一）管控格局", "1.水环境") are never joined with the next line. */
export function isSubheading(text: string): boolean {
  return /^（[一二三四五六七八九十]+）[^。]{0,40}$/.test(text) || /^\d{1,2}[.．、][^。]{0,40}$/.test(text);
}

/** How far a clause may reach either way; run-on text without punctuation must not make extraction quadratic. */
export const CLAUSE_REACH = 300;

/** The clause around position `at`: the stretch between the nearest separator characters on both sides. */
export function clauseAt(text: string, at: number, separators: string): string {
  return text.slice(clauseStart(text, at, separators), clauseEnd(text, at, separators)).trim();
}

export function clauseStart(text: string, at: number, separators: string): number {
  let start = at;
  const limit = Math.max(0, at - CLAUSE_REACH);
  while (start > limit && !separators.includes(text[start - 1] ?? '')) start--;
  return start;
}

export function clauseEnd(text: string, at: number, separators: string): number {
  let end = at;
  const limit = Math.min(text.length, at + CLAUSE_REACH);
  while (end < limit && !separators.includes(text[end] ?? '')) end++;
  return end;
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The last day of a month, as YYYY-MM-DD (no Date objects: keep the parser free of time zones). */
export function monthEnd(year: number, month: number): string {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
  return isoDate(year, month, days);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return isoDate(year, month, day) <= monthEnd(year, month);
}

/**
 * Which of many needles occur in a text, in one pass over it (Aho–Corasick): testing each needle with
 * `includes` costs needles × text, which a document with many footnotes and many items makes quadratic.
 */
export class NeedleSearch {
  private readonly next: Map<string, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** The needles (by index) that end at each state, its suffix states' included. */
  private readonly out: number[][] = [[]];

  constructor(needles: readonly string[]) {
    needles.forEach((needle, index) => {
      if (needle === '') return;
      let state = 0;
      for (const ch of needle) {
        let to = this.next[state]?.get(ch);
        if (to === undefined) {
          to = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[state]?.set(ch, to);
        }
        state = to;
      }
      this.out[state]?.push(index);
    });
    // Breadth first, so a state's failure link is final before its children's are computed.
    const queue = [...(this.next[0]?.values() ?? [])];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (const [ch, to] of this.next[state] ?? []) {
        let f = this.fail[state] as number;
        while (f !== 0 && !this.next[f]?.has(ch)) f = this.fail[f] as number;
        const target = this.next[f]?.get(ch);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        this.out[to]?.push(...(this.out[this.fail[to] as number] ?? []));
        queue.push(to);
      }
    }
  }

  /** Indices of the needles found in `text`. */
  find(text: string): Set<number> {
    const found = new Set<number>();
    let state = 0;
    for (const ch of text) {
      while (state !== 0 && !this.next[state]?.has(ch)) state = this.fail[state] as number;
      state = this.next[state]?.get(ch) ?? 0;
      for (const index of this.out[state] ?? []) found.add(index);
    }
    return found;
  }
}

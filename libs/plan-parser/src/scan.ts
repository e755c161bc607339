/**
 * First pass: turn the lines into blocks (headings, paragraphs, tables, boxes, footnotes), undoing the
 * text export's quirks. The second pass (assemble.ts) decides what each block means in the plan.
 */
import { endsSentence, FOOTNOTE_MARK, type Heading, isEmpty, isSubheading, type SourceLine } from './text';

/** A place where a footnote reference broke a sentence across two lines. */
export interface FootnoteBreak {
  /** offset in the joined paragraph where the continuation starts */
  offset: number;
  /** the line that ended at the reference */
  line: number;
}

export interface Paragraph {
  line: number;
  text: string;
  breaks: FootnoteBreak[];
}

export interface TableRow {
  line: number;
  cells: string[];
}

export type Block =
  | { type: 'chapter' | 'section'; line: number; heading: Heading }
  | { type: 'paragraph'; para: Paragraph }
  | {
      type: 'table';
      line: number;
      heading: Heading;
      rows: TableRow[];
      notes: string[];
      /** false when the document ended inside the table */
      complete: boolean;
      endLine: number;
    }
  | { type: 'box'; kind: 'column' | 'block'; line: number; heading: Heading | null; title: string; paras: Paragraph[] }
  | { type: 'footnote'; line: number; text: string }
  | { type: 'trailer'; line: number; text: string };

/** Lines that end whatever table or box is open. */
function isStructural(line: SourceLine): boolean {
  return ['chapter', 'section', 'column', 'caption', 'footnote', 'trailer'].includes(line.kind);
}

/** Longest text line that can still be a wrapped piece of a table cell ("属性", "城市95"). */
const CELL_CONTINUATION_MAX = 40;
/** Longest first line of a box that is taken as the box's title. */
const BOX_TITLE_MAX = 50;

/**
 * A paragraph from line i on. Consecutive non-empty lines form one paragraph only when the first does
 * not end a sentence: that is how the export leaves a footnote reference ("……“三线一单”\n为核心的……").
 */
function readParagraph(lines: SourceLine[], i: number, inBox: boolean): { para: Paragraph; next: number } {
  const first = lines[i] as SourceLine;
  let text = first.text;
  const breaks: FootnoteBreak[] = [];
  let j = i + 1;
  let prev = first;
  for (; j < lines.length; j++) {
    const line = lines[j] as SourceLine;
    const joinable = !isEmpty(line) && (line.kind === 'text' || (inBox && line.kind === 'cell'));
    if (!joinable || endsSentence(prev.text) || isSubheading(prev.text) || isSubheading(line.text)) break;
    breaks.push({ offset: text.length, line: prev.no });
    text += line.text;
    prev = line;
  }
  return { para: { line: first.no, text, breaks }, next: j };
}

function readTable(lines: SourceLine[], i: number): { block: Block; next: number } {
  const caption = lines[i] as SourceLine;
  const rows: TableRow[] = [];
  const notes: string[] = [];
  let inNotes = false;
  let blanks = 0;
  let j = i + 1;
  let endLine = caption.no;
  let complete = false;
  for (; j < lines.length; j++) {
    const line = lines[j] as SourceLine;
    if (line.kind === 'blank') {
      blanks++;
      // Word closes a table with an empty paragraph: two empty lines end it.
      if (blanks >= 2) {
        complete = true;
        break;
      }
      continue;
    }
    if (isStructural(line)) {
      complete = true;
      break;
    }
    const lastRow = rows[rows.length - 1];
    if (line.kind === 'cell') {
      if (!lastRow || blanks > 0) rows.push({ line: line.no, cells: [line.text] });
      else lastRow.cells.push(line.text);
      if (rows.length > 0 && /^备注/.test((rows[rows.length - 1] as TableRow).cells[0] ?? '')) inNotes = true;
    } else if (inNotes || (!lastRow && line.text.length <= CELL_CONTINUATION_MAX)) {
      // the notes under a table, or a sub-caption such as "单位：万吨" right under the caption
      notes.push(line.text);
    } else if (lastRow && line.text.length <= CELL_CONTINUATION_MAX && !line.text.includes('。')) {
      // A cell's own line breaks come out as un-indented lines ("指标" / "属性", "县城85" / "城市95").
      const k = lastRow.cells.length - 1;
      lastRow.cells[k] = `${lastRow.cells[k] ?? ''}\n${line.text}`;
    } else {
      complete = true;
      break;
    }
    blanks = 0;
    endLine = line.no;
  }
  return { block: finishTable(caption, rows, notes, complete, endLine), next: j };
}

/** A "备注：" row carries the table's notes, not data. */
function finishTable(caption: SourceLine, rows: TableRow[], notes: string[], complete: boolean, endLine: number): Block {
  const dataRows: TableRow[] = [];
  const allNotes: string[] = [];
  for (const row of rows) {
    const first = row.cells[0] ?? '';
    if (/^备注/.test(first)) {
      const rest = [first.replace(/^备注[：:]?/, ''), ...row.cells.slice(1)].map((c) => c.trim()).filter(Boolean);
      allNotes.push(...rest);
    } else {
      dataRows.push(row);
    }
  }
  allNotes.push(...notes);
  return {
    type: 'table',
    line: caption.no,
    heading: caption.heading as Heading,
    rows: dataRows,
    notes: allNotes,
    complete,
    endLine,
  };
}

/**
 * A box: a 专栏 or another framed text (the 三线一单 requirements). Word exports both as one-cell tables:
 * the first line is indented, the box ends with two empty lines or the next heading.
 */
function readBox(lines: SourceLine[], i: number): { block: Block; next: number } {
  const first = lines[i] as SourceLine;
  const kind = first.kind === 'column' ? 'column' : 'block';
  const looksLikeTitle = first.text.length <= BOX_TITLE_MAX && !/[。；]/.test(first.text);
  const paras: Paragraph[] = [];
  let j = kind === 'column' || looksLikeTitle ? i + 1 : i;
  let blanks = 0;
  while (j < lines.length) {
    const line = lines[j] as SourceLine;
    if (isEmpty(line)) {
      blanks++;
      j++;
      if (blanks >= 2) break;
      continue;
    }
    if (isStructural(line)) break;
    blanks = 0;
    const { para, next } = readParagraph(lines, j, true);
    paras.push(para);
    j = next;
  }
  const title = kind === 'column' ? (first.heading?.title ?? '') : looksLikeTitle ? first.text : '';
  return { block: { type: 'box', kind, line: first.no, heading: first.heading, title, paras }, next: j };
}

function readFootnote(lines: SourceLine[], i: number): { block: Block; next: number } {
  const first = lines[i] as SourceLine;
  let text = first.text.slice(FOOTNOTE_MARK.length).trim();
  let j = i + 1;
  for (; j < lines.length; j++) {
    const line = lines[j] as SourceLine;
    if ((line.kind !== 'text' && line.kind !== 'cell') || isEmpty(line)) break;
    text += line.text;
  }
  return { block: { type: 'footnote', line: first.no, text }, next: j };
}

export function scan(lines: SourceLine[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as SourceLine;
    if (isEmpty(line)) {
      i++;
      continue;
    }
    switch (line.kind) {
      case 'chapter':
      case 'section':
        blocks.push({ type: line.kind, line: line.no, heading: line.heading as Heading });
        i++;
        break;
      case 'trailer':
        blocks.push({ type: 'trailer', line: line.no, text: line.text });
        i++;
        break;
      case 'footnote': {
        const r = readFootnote(lines, i);
        blocks.push(r.block);
        i = r.next;
        break;
      }
      case 'caption': {
        const r = readTable(lines, i);
        blocks.push(r.block);
        i = r.next;
        break;
      }
      case 'column':
      case 'cell': {
        const r = readBox(lines, i);
        blocks.push(r.block);
        i = r.next;
        break;
      }
      default: {
        const r = readParagraph(lines, i, false);
        blocks.push({ type: 'paragraph', para: r.para });
        i = r.next;
        break;
      }
    }
  }
  return blocks;
}

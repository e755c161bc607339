/**
 * Second pass: place the scanned blocks in the plan's outline — chapters, sections, measures, 专栏 and
 * their projects, boxed blocks — and collect what belongs elsewhere (front matter, tables, footnotes).
 */
import type { Block, Paragraph } from './scan';
import { type Heading, parseChineseNumber } from './text';
import type { ItemKind, ParsedItem, ParsedSubItem, ParseProblem } from './types';

export type ChapterRole = 'background' | 'action' | 'guarantee';

export type TableBlock = Extract<Block, { type: 'table' }>;

/** A footnote reference found in the text, with the item whose text it stands in. */
export interface FootnoteRef {
  line: number;
  itemKey: string | null;
  /** the text before the reference */
  before: string;
}

export interface Assembly {
  items: ParsedItem[];
  /** item bodies as lists of paragraphs, joined at the end */
  bodies: Map<string, string[]>;
  /** keys of chapters (and everything in them) that are background, not work */
  backgroundKeys: Set<string>;
  front: Paragraph[];
  tables: TableBlock[];
  footnotes: { line: number; text: string }[];
  refs: FootnoteRef[];
  trailer: string[];
  chapterCount: number;
  problems: ParseProblem[];
}

// Chapter 12 ("完善规划保障措施，建立长效实施机制") holds the guarantee sections.
const GUARANTEE_RE = /保障措施|实施保障|保障机制|组织实施|规划实施/;
// Chapters 1–2: the review of the last plan, the situation, principles and goals.
const BACKGROUND_RE = /基础与形势|面临形势|发展形势|现状与形势|回顾|指导思想|基本原则|主要目标|总体要求|规划目标/;

export function chapterRole(title: string): ChapterRole {
  if (GUARANTEE_RE.test(title)) return 'guarantee';
  if (BACKGROUND_RE.test(title)) return 'background';
  return 'action';
}

/** Longest lead sentence a measure may open with; Yichun's longest has 18 characters. */
export const LEAD_MAX = 40;

/**
 * A measure opens with a short lead sentence that names it: "优化国土空间总体战略格局。……".
 * It has no commas (a long first sentence is an ordinary paragraph, not a title).
 */
export function leadSentence(text: string): string | null {
  const end = text.indexOf('。');
  if (end <= 0 || end > LEAD_MAX) return null;
  const lead = text.slice(0, end).trim();
  if (lead === '' || /[，,；;：:]/.test(lead)) return null;
  return lead;
}

const PROJECT_RE = /^（([一二三四五六七八九十]+)）\s*([^。；]{1,40})$/;
const SUB_ITEM_RE = /^(\d{1,2})[.．、]\s*(.+)$/s;

interface NewItem {
  kind: ItemKind;
  number: string;
  parentKey: string | null;
  title: string;
  line: number;
  assignable: boolean;
  /** defaults to whether the current chapter is background */
  background?: boolean;
  /** false for the children of an item whose own number was a duplicate: one error is enough */
  reportDuplicate?: boolean;
}

interface ChapterCtx {
  item: ParsedItem;
  role: ChapterRole;
  lastSection: number;
  blocks: number;
}

interface SectionCtx {
  item: ParsedItem;
  measures: number;
  blocks: number;
  lastMeasure: ParsedItem | null;
}

function kindLabel(kind: ItemKind, number: string): string {
  switch (kind) {
    case 'chapter':
      return `第${number}章`;
    case 'section':
      return `第${number.replace('.', '章第')}节`;
    case 'column':
      return `专栏${number.slice(1)}`;
    case 'project':
      return `工程${number}`;
    case 'measure':
      return `措施${number}`;
    case 'block':
      return `方框${number}`;
  }
}

class Assembler {
  readonly out: Assembly = {
    items: [],
    bodies: new Map(),
    backgroundKeys: new Set(),
    front: [],
    tables: [],
    footnotes: [],
    refs: [],
    trailer: [],
    chapterCount: 0,
    problems: [],
  };
  private chapter: ChapterCtx | null = null;
  private section: SectionCtx | null = null;
  /** true from a footnote on until the next heading: text there belongs to no item */
  private inFootnotes = false;
  private lastChapterNumber = 0;
  private lastColumnNumber = 0;
  private readonly firstLineOfKey = new Map<string, number>();
  /** How many items share a key so far (its first included). */
  private readonly duplicates = new Map<string, number>();

  private problem(line: number, message: string, severity: ParseProblem['severity'] = 'warning'): void {
    this.out.problems.push({ line, message, severity });
  }

  private add(spec: NewItem): ParsedItem {
    const { kind, number, parentKey, title, line, assignable } = spec;
    const background = spec.background ?? this.chapter?.role === 'background';
    let key = `${kind}:${number}`;
    const first = this.firstLineOfKey.get(key);
    if (first !== undefined) {
      if (spec.reportDuplicate !== false)
        this.problem(
          line,
          `编号重复：第${line}行的${kindLabel(kind, number)}“${title}”与第${first}行的${kindLabel(kind, number)}编号相同`,
          'error',
        );
      // The next free suffix, counted per key: probing ~2, ~3, … was quadratic in the number of duplicates.
      const n = (this.duplicates.get(key) ?? 1) + 1;
      this.duplicates.set(key, n);
      key = `${key}~${n}`;
    }
    this.firstLineOfKey.set(key, line);
    const item: ParsedItem = {
      key,
      parentKey,
      kind,
      number,
      title,
      body: '',
      assignable,
      line,
      milestones: [],
      periods: [],
      targets: [],
      mentionedUnitCodes: [],
      glossaryTerms: [],
      footnoteNumbers: [],
      subItems: [],
    };
    this.out.items.push(item);
    this.out.bodies.set(key, []);
    if (background) this.out.backgroundKeys.add(key);
    return item;
  }

  /** Adds a paragraph to an item's body and remembers the footnote references in it. */
  private append(item: ParsedItem | null, para: Paragraph): void {
    if (item) this.out.bodies.get(item.key)?.push(para.text);
    for (const br of para.breaks) {
      // The words before a reference are near it; a short window keeps long run-on paragraphs linear.
      this.out.refs.push({ line: br.line, itemKey: item?.key ?? null, before: para.text.slice(Math.max(0, br.offset - 200), br.offset) });
    }
  }

  /** The heading's number, checked to follow the previous one; `label` names a number ("第3章", "专栏2"). */
  private sequenceNumber(heading: Heading, previous: number, line: number, label: (n: number) => string): number {
    if (heading.number === null) {
      this.problem(line, `无法识别编号“${heading.numberText}”，按顺序记为${label(previous + 1)}`);
      return previous + 1;
    }
    if (heading.number !== previous + 1 && heading.number > previous) {
      const after = previous === 0 ? '开头' : `${label(previous)}之后`;
      this.problem(line, `编号不连续：${after}是${label(heading.number)}（第${line}行）`);
    }
    return heading.number;
  }

  /** Footnotes belong at the end; a heading after them means the text goes on. */
  private leaveFootnotes(line: number): void {
    if (!this.inFootnotes) return;
    this.inFootnotes = false;
    this.problem(line, `第${line}行之前出现了脚注（以“\uFFFD”开头的行），但后面还有正文；脚注应在文末，请核对文件`);
  }

  onChapter(line: number, heading: Heading): void {
    this.leaveFootnotes(line);
    const n = this.sequenceNumber(heading, this.lastChapterNumber, line, (k) => `第${k}章`);
    this.lastChapterNumber = Math.max(n, this.lastChapterNumber);
    const role = chapterRole(heading.title);
    if (heading.title === '') this.problem(line, `第${n}章没有标题`);
    const item = this.add({
      kind: 'chapter',
      number: String(n),
      parentKey: null,
      title: heading.title,
      line,
      assignable: false,
      background: role === 'background',
    });
    this.chapter = { item, role, lastSection: 0, blocks: 0 };
    this.section = null;
    this.out.chapterCount++;
  }

  onSection(line: number, heading: Heading): void {
    this.leaveFootnotes(line);
    const chapter = this.chapter;
    if (!chapter) {
      this.problem(line, `第${line}行的节标题“第${heading.numberText}节 ${heading.title}”出现在第一章之前，无法归属`);
      return;
    }
    const n = this.sequenceNumber(heading, chapter.lastSection, line, (k) => `第${chapter.item.number}章第${k}节`);
    chapter.lastSection = Math.max(n, chapter.lastSection);
    if (heading.title === '') this.problem(line, `第${chapter.item.number}章第${n}节没有标题`);
    // Chapter 12's guarantee sections are work in their own right: each is assigned like a measure.
    const number = `${chapter.item.number}.${n}`;
    const item = this.add({
      kind: 'section',
      number,
      parentKey: chapter.item.key,
      title: heading.title,
      line,
      assignable: chapter.role === 'guarantee',
    });
    this.section = { item, measures: 0, blocks: 0, lastMeasure: null };
  }

  onParagraph(para: Paragraph): void {
    if (this.inFootnotes) {
      this.problem(para.line, `脚注之后的文字无法归入任何章节，已放入文末附注：“${para.text.slice(0, 30)}”`);
      this.out.trailer.push(para.text);
      return;
    }
    const chapter = this.chapter;
    if (!chapter) {
      this.out.front.push(para);
      return;
    }
    const section = this.section;
    if (!section) {
      this.append(chapter.item, para);
      return;
    }
    if (chapter.role !== 'action') {
      this.append(section.item, para);
      return;
    }
    this.onActionParagraph(section, para);
  }

  /** Inside an action chapter's section, each paragraph with a short lead sentence is one measure. */
  private onActionParagraph(section: SectionCtx, para: Paragraph): void {
    const lead = leadSentence(para.text);
    if (lead === null) {
      // Not a new measure: the previous measure's next paragraph, or the section's own introduction.
      this.append(section.lastMeasure ?? section.item, para);
      return;
    }
    section.measures++;
    const number = `${section.item.number}.${section.measures}`;
    const measure = this.add({ kind: 'measure', number, parentKey: section.item.key, title: lead, line: para.line, assignable: true });
    section.lastMeasure = measure;
    this.append(measure, para);
  }

  onTable(table: TableBlock): void {
    if (!this.chapter) this.problem(table.line, `表${table.heading.numberText}“${table.heading.title}”出现在第一章之前`);
    if (!table.complete) {
      this.problem(
        table.endLine,
        `文档在表${table.heading.numberText}“${table.heading.title}”（第${table.line}行起）中途结束，文件可能被截断`,
        'error',
      );
    }
    this.out.tables.push(table);
  }

  onBox(box: Extract<Block, { type: 'box' }>): void {
    if (!this.chapter) {
      // A framed text in the covering notice is part of the notice.
      this.out.front.push(...box.paras);
      return;
    }
    if (box.kind === 'column') this.onColumn(box);
    else this.onBlock(box);
  }

  private onBlock(box: Extract<Block, { type: 'box' }>): void {
    const chapter = this.chapter as ChapterCtx;
    const owner = this.section ?? chapter;
    owner.blocks++;
    const number = `${owner.item.number}.B${owner.blocks}`;
    let title = box.title;
    if (title === '') {
      this.problem(box.line, `第${box.line}行起的方框没有标题，记为“方框${number}”`);
      title = `方框${number}`;
    }
    const block = this.add({ kind: 'block', number, parentKey: owner.item.key, title, line: box.line, assignable: false });
    for (const para of box.paras) this.append(block, para);
  }

  private onColumn(box: Extract<Block, { type: 'box' }>): void {
    const chapter = this.chapter as ChapterCtx;
    const heading = box.heading as Heading;
    const n = this.sequenceNumber(heading, this.lastColumnNumber, box.line, (k) => `专栏${k}`);
    this.lastColumnNumber = Math.max(n, this.lastColumnNumber);
    const column = this.add({
      kind: 'column',
      number: `C${n}`,
      parentKey: chapter.item.key,
      title: box.title,
      line: box.line,
      assignable: false,
    });
    // The projects of a column whose number was already taken repeat its numbers too: one error is enough.
    const duplicateColumn = column.key !== `column:C${n}`;
    let project: ParsedItem | null = null;
    let lastProject = 0;
    for (const para of box.paras) {
      const m = PROJECT_RE.exec(para.text);
      if (m) {
        const numberText = m[1] ?? '';
        const heading = { numberText, number: parseChineseNumber(numberText), title: '' };
        const k = this.sequenceNumber(heading, lastProject, para.line, (j) => `专栏${n}的第${j}项工程`);
        lastProject = Math.max(k, lastProject);
        const title = (m[2] ?? '').trim();
        project = this.add({
          kind: 'project',
          number: `C${n}.${k}`,
          parentKey: column.key,
          title,
          line: para.line,
          assignable: true,
          reportDuplicate: !duplicateColumn,
        });
        continue;
      }
      this.append(project ?? column, para);
      if (project) addSubItem(project, para);
    }
    if (lastProject === 0) this.problem(box.line, `专栏${n}“${box.title}”没有列出任何工程（（一）、（二）……）`);
  }

  onFootnote(line: number, text: string): void {
    this.out.footnotes.push({ line, text });
    this.inFootnotes = true;
  }

  onTrailer(text: string): void {
    this.out.trailer.push(text);
  }
}

/** "1.水环境监测能力建设。全面推进……" inside a project: kept in the body and as a sub-item. */
function addSubItem(project: ParsedItem, para: Paragraph): void {
  const m = SUB_ITEM_RE.exec(para.text);
  if (!m) return;
  const rest = (m[2] ?? '').trim();
  const end = rest.indexOf('。');
  const title = end > 0 && end <= LEAD_MAX ? rest.slice(0, end) : rest.slice(0, LEAD_MAX);
  const sub: ParsedSubItem = { number: m[1] ?? '', title, body: para.text, line: para.line };
  project.subItems.push(sub);
}

export function assemble(blocks: Block[]): Assembly {
  const a = new Assembler();
  for (const block of blocks) {
    switch (block.type) {
      case 'chapter':
        a.onChapter(block.line, block.heading);
        break;
      case 'section':
        a.onSection(block.line, block.heading);
        break;
      case 'paragraph':
        a.onParagraph(block.para);
        break;
      case 'table':
        a.onTable(block);
        break;
      case 'box':
        a.onBox(block);
        break;
      case 'footnote':
        a.onFootnote(block.line, block.text);
        break;
      case 'trailer':
        a.onTrailer(block.text);
        break;
    }
  }
  const out = a.out;
  for (const item of out.items) item.body = (out.bodies.get(item.key) ?? []).join('\n');
  return out;
}

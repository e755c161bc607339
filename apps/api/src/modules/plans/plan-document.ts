/**
 * Turns an uploaded plan file into text for the parser: plain text in UTF-8 (with or without BOM),
 * UTF-16 with a BOM, or GB18030/GBK (what Chinese Windows saves as "ANSI"), and Word .docx, whose
 * paragraphs, tables and footnotes are written out in the shape of Word's text export (the parser's input).
 * Anything else — binary files, other encodings, broken documents — is refused with a Chinese message.
 */
import { analyse, detect } from 'chardet';
import iconv from 'iconv-lite';
import mammoth from 'mammoth';

export type PlanDocumentErrorCode = 'empty' | 'binary' | 'unsupported-format' | 'unknown-encoding' | 'corrupt-docx';

export class PlanDocumentError extends Error {
  constructor(
    message: string,
    readonly code: PlanDocumentErrorCode,
  ) {
    super(message);
    this.name = 'PlanDocumentError';
  }
}

export interface DecodedPlanFile {
  text: string;
  /** 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'docx' */
  encoding: string;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Formats people upload by mistake, told apart by their first bytes, with what to do instead. */
const KNOWN_BINARIES: { magic: number[]; what: string }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: '旧版Word（.doc）或WPS文档，请在Word/WPS中另存为.docx或.txt后再上传' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'PDF文件，请上传规划的.docx或.txt文本' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'PNG图片' },
  { magic: [0xff, 0xd8, 0xff], what: 'JPEG图片' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'GIF图片' },
  { magic: [0x1f, 0x8b], what: 'gzip压缩文件' },
  { magic: [0x52, 0x61, 0x72, 0x21], what: 'RAR压缩文件' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: '7z压缩文件' },
];

const UNSUPPORTED = '请上传.txt（UTF-8或GB18030编码）或.docx格式的规划文件';

function startsWith(buf: Buffer, magic: ArrayLike<number>): boolean {
  if (buf.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[i] !== magic[i]) return false;
  return true;
}

function describe(filename?: string): string {
  return filename ? `“${filename}”` : '文件';
}

/** Control characters other than tab, line feed, carriage return, form feed and escape: text has none. */
function controlShare(text: string): number {
  if (text.length === 0) return 0;
  const controls = text.match(/[\u0000-\u0008\u000B\u000E-\u001A\u001C-\u001F]/g)?.length ?? 0;
  return controls / text.length;
}

function refuseBinary(buf: Buffer, filename?: string): void {
  const known = KNOWN_BINARIES.find((b) => startsWith(buf, b.magic));
  if (known) throw new PlanDocumentError(`${describe(filename)}是${known.what}，不是规划文本。${UNSUPPORTED}`, 'binary');
  const sample = buf.subarray(0, 64 * 1024);
  if (sample.includes(0) || controlShare(sample.toString('latin1')) > 0.005) {
    throw new PlanDocumentError(`${describe(filename)}是二进制文件，不是文本。${UNSUPPORTED}`, 'binary');
  }
}

/** Empty paragraphs are kept (a text export pasted into Word has them as its empty lines); images are dropped, not inlined. */
const MAMMOTH_OPTIONS = {
  ignoreEmptyParagraphs: false,
  convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
};

/**
 * A .docx is a ZIP with word/document.xml. Its file names are stored uncompressed in the archive, so
 * finding the name in the bytes is enough to tell a Word document from other ZIPs (Excel, ODF, archives).
 */
async function decodeDocx(buf: Buffer, filename?: string): Promise<DecodedPlanFile> {
  if (!buf.includes('word/document.xml')) {
    const what = buf.includes('xl/workbook') ? 'Excel表格' : buf.includes('ppt/presentation') ? 'PowerPoint演示文稿' : '压缩文件';
    throw new PlanDocumentError(`${describe(filename)}是${what}，不是Word文档。${UNSUPPORTED}`, 'unsupported-format');
  }
  try {
    const html = (await mammoth.convertToHtml({ buffer: buf }, MAMMOTH_OPTIONS)).value;
    return { text: docxHtmlToText(html), encoding: 'docx' };
  } catch {
    // also a document nested too deep to walk: it cannot be read, which is not the server's fault
    throw new PlanDocumentError(
      `${describe(filename)}看起来是Word文档，但已损坏或无法读取，请在Word中重新保存为.docx后再上传`,
      'corrupt-docx',
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// mammoth's HTML → the text export the parser reads (libs/plan-parser/src/text.ts describes its marks).
// mammoth writes a small, regular HTML: <p>/<h1>…<h6>/<ul>/<ol>/<li> for paragraphs, <table>/<tr>/<td>
// (<thead>/<th> for header rows) with colspan/rowspan, <strong>/<em>/<sup>/… inline, <br />, and notes as
// <sup><a href="#footnote-N" id="footnote-ref-N">[N]</a></sup> in the text and
// <ol><li id="footnote-N"><p>… <a href="#footnote-ref-N">↑</a></p></li></ol> at the end (endnote-N alike).
// ---------------------------------------------------------------------------------------------------

interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}
type HtmlNode = HtmlElement | string;

const VOID_TAGS = new Set(['br', 'img', 'hr', 'col', 'wbr']);
const HTML_TOKEN =
  /<!--[\s\S]*?-->|<\/([A-Za-z][A-Za-z0-9]*)\s*>|<([A-Za-z][A-Za-z0-9]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=]+))?)*)\s*(\/?)>|[^<]+|</g;
const HTML_ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=]+)))?/g;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]+);/g, (entity: string, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/** A forgiving tree builder: a closing tag closes up to its opening tag; a stray one is ignored. */
function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  for (const m of html.matchAll(HTML_TOKEN)) {
    const top = stack[stack.length - 1] as HtmlElement;
    const [token, closing, opening, attrText, selfClosing] = m;
    if (closing !== undefined) {
      const at = stack.findLastIndex((e) => e.tag === closing.toLowerCase());
      if (at > 0) stack.length = at;
    } else if (opening !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(HTML_ATTR))
        attrs[(a[1] as string).toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      const element: HtmlElement = { tag: opening.toLowerCase(), attrs, children: [] };
      top.children.push(element);
      if (!selfClosing && !VOID_TAGS.has(element.tag)) stack.push(element);
    } else if (!token.startsWith('<!--')) {
      top.children.push(decodeEntities(token));
    }
  }
  return root;
}

/** A paragraph's text, cut where a footnote reference stood: the export breaks the line there. */
type Para = string[];
/** One cell of a table row: its paragraphs ([] for the empty cell a vertical merge leaves). */
type Cell = Para[];
type DocBlock = { kind: 'para'; para: Para } | { kind: 'table'; rows: Cell[][] };

interface RawCell {
  paras: Para[];
  colspan: number;
  rowspan: number;
}

const NOTE_REF = /^#((?:foot|end)note-(?!ref-).+)$/;
const NOTE_BACKLINK = /^#(?:foot|end)note-ref-/;
const NOTE_ITEM = /^(?:foot|end)note-(?!ref-).+$/;
const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'pre']);
const CONTAINER_TAGS = new Set([
  '#root',
  'ol',
  'ul',
  'div',
  'blockquote',
  'dl',
  'dt',
  'dd',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
]);

/** The notes of the document: their text by id, and the ids in the order the text references them. */
class Notes {
  readonly texts = new Map<string, string[]>();
  /** a Set keeps the order of first insertion */
  readonly order = new Set<string>();

  referenced(id: string): void {
    this.order.add(id);
  }

  /** Referenced notes first, in reference order (Word numbers them so), then any other. */
  inOrder(): string[][] {
    const ids = new Set([...this.order, ...this.texts.keys()]);
    return [...ids].map((id) => this.texts.get(id) ?? []);
  }
}

/** Walks mammoth's tree into paragraphs and tables, collecting the notes on the way. */
class BlockReader {
  readonly blocks: DocBlock[] = [];
  private para: Para | null = null;

  constructor(private readonly notes: Notes) {}

  read(nodes: HtmlNode[]): DocBlock[] {
    for (const node of nodes) this.visit(node);
    this.flush();
    return this.blocks;
  }

  private flush(): void {
    if (this.para) this.blocks.push({ kind: 'para', para: this.para });
    this.para = null;
  }

  private visit(node: HtmlNode): void {
    if (typeof node === 'string') {
      this.para ??= [''];
      this.para[this.para.length - 1] += node;
      return;
    }
    const { tag, attrs, children } = node;
    const href = attrs['href'] ?? '';
    if (tag === 'br') {
      // A manual line break ends the line like a paragraph does (a bare break would read as a footnote reference).
      this.flush();
    } else if (tag === 'img') {
      return;
    } else if (tag === 'a' && NOTE_REF.test(href)) {
      this.notes.referenced(href.slice(1));
      if (this.para) this.para.push('');
    } else if (tag === 'a' && NOTE_BACKLINK.test(href)) {
      return;
    } else if (tag === 'li' && NOTE_ITEM.test(attrs['id'] ?? '')) {
      this.notes.texts.set(attrs['id'] as string, noteParagraphs(children, this.notes));
    } else if (tag === 'table') {
      this.flush();
      this.blocks.push({ kind: 'table', rows: fillMergedCells(tableRows(node, this.notes)) });
    } else if (PARAGRAPH_TAGS.has(tag)) {
      this.flush();
      this.para = [''];
      for (const child of children) this.visit(child);
      this.flush();
    } else if (CONTAINER_TAGS.has(tag)) {
      this.flush();
      for (const child of children) this.visit(child);
      this.flush();
    } else {
      for (const child of children) this.visit(child);
    }
  }
}

/** A note's paragraphs as plain lines (a reference inside a note is not a break in the text). */
function noteParagraphs(nodes: HtmlNode[], notes: Notes): string[] {
  return paragraphsOf(new BlockReader(notes).read(nodes))
    .map((p) => p.join('').trim())
    .filter((p) => p !== '');
}

/** The paragraphs of blocks, a nested table's cells read one after another. */
function paragraphsOf(blocks: DocBlock[]): Para[] {
  return blocks.flatMap((b) => (b.kind === 'para' ? [b.para] : b.rows.flat(2)));
}

/** The rows of a table (through thead/tbody/tfoot, not into nested tables) with their cells as mammoth wrote them. */
function tableRows(table: HtmlElement, notes: Notes): RawCell[][] {
  const rows: RawCell[][] = [];
  const walk = (el: HtmlElement): void => {
    for (const child of el.children) {
      if (typeof child === 'string') continue;
      if (child.tag === 'tr') {
        rows.push(
          child.children
            .filter((c): c is HtmlElement => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'))
            .map((c) => ({
              paras: paragraphsOf(new BlockReader(notes).read(c.children)),
              colspan: span(c.attrs['colspan']),
              rowspan: span(c.attrs['rowspan']),
            })),
        );
      } else if (child.tag === 'thead' || child.tag === 'tbody' || child.tag === 'tfoot') {
        walk(child);
      }
    }
  };
  walk(table);
  return rows;
}

function span(value: string | undefined): number {
  const n = Number(value ?? '1');
  return Number.isInteger(n) && n > 1 ? Math.min(n, 1000) : 1;
}

/**
 * mammoth drops the cells a vertical merge covers (their content is in the rowspan cell above); Word's
 * text export keeps each as an empty cell — Yichun's indicator 7 rows 2–4 start with a lone tab. Put an
 * empty cell back wherever a rowspan from above covers the row. A horizontal merge stays one cell.
 */
function fillMergedCells(rows: RawCell[][]): Cell[][] {
  // by grid column where a rowspan cell starts: how many more rows it covers and how many columns wide it is
  const covered: ({ rows: number; width: number } | undefined)[] = [];
  return rows.map((row) => {
    const cells: Cell[] = [];
    let col = 0;
    const emptyWhileCovered = (): void => {
      for (let c = covered[col]; c && c.rows > 0; c = covered[col]) {
        cells.push([]);
        c.rows--;
        col += c.width;
      }
    };
    for (const cell of row) {
      emptyWhileCovered();
      cells.push(cell.paras);
      covered[col] = cell.rowspan > 1 ? { rows: cell.rowspan - 1, width: cell.colspan } : undefined;
      col += cell.colspan;
    }
    for (; col < covered.length; col++) emptyWhileCovered();
    return cells;
  });
}

/** The lines of a paragraph: one per stretch between footnote references, trimmed, empty stretches dropped. */
function paraLines(para: Para): string[] {
  return para.map((piece) => piece.trim()).filter((piece) => piece !== '');
}

/**
 * A cell as the export writes it: its first line after a tab, the rest of its first paragraph (cut by
 * footnote references) on un-indented lines, each further paragraph after an empty line. An empty cell is
 * a lone tab.
 */
function cellLines(cell: Cell): string[] {
  const paras = cell.map(paraLines).filter((lines) => lines.length > 0);
  if (paras.length === 0) return ['\t'];
  const lines = [`\t${(paras[0] as string[])[0]}`, ...(paras[0] as string[]).slice(1)];
  for (const p of paras.slice(1)) lines.push('', ...p);
  return lines;
}

/**
 * The export's shape from Word's structure: a paragraph is a line (a footnote reference breaks it) followed
 * by an empty line; each table row is its cells' lines followed by an empty line, and a table ends with one
 * more empty line; the notes come last, each starting with U+FFFD.
 */
function renderWordDocument(blocks: DocBlock[], notes: Notes): string {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'para') {
      const para = paraLines(block.para);
      if (para.length > 0) lines.push(...para, '');
      continue;
    }
    const rows = block.rows.filter((row) => row.length > 0);
    if (rows.length === 0) continue;
    for (const row of rows) lines.push(...row.flatMap(cellLines), '');
    lines.push('');
  }
  for (const note of notes.inOrder()) lines.push(`\uFFFD ${note[0] ?? ''}`, ...note.slice(1), '');
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * A text export opened in Word and saved as .docx: no tables or notes of its own, its paragraphs are the
 * export's lines — an empty paragraph between paragraphs, cut where footnote references were, U+FFFD
 * before the footnotes. Such a document is read line for line, its empty paragraphs kept as empty lines.
 */
function isPastedExport(blocks: DocBlock[], notes: Notes): boolean {
  if (notes.texts.size > 0 || notes.order.size > 0 || blocks.some((b) => b.kind === 'table')) return false;
  const lines = blocks.map((b) => (b.kind === 'para' ? b.para.join('') : ''));
  const empty = lines.filter((l) => l.trim() === '').length;
  return lines.some((l) => l.trimStart().startsWith('\uFFFD')) || (lines.length > 0 && empty * 3 >= lines.length);
}

/** mammoth's HTML of a .docx as the text export of the same Word file. */
export function docxHtmlToText(html: string): string {
  const notes = new Notes();
  const blocks = new BlockReader(notes).read(parseHtml(html).children);
  if (isPastedExport(blocks, notes)) return blocks.map((b) => (b.kind === 'para' ? b.para.join('') : '')).join('\n');
  return renderWordDocument(blocks, notes);
}

function decodeWithBom(buf: Buffer): DecodedPlanFile | null {
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (startsWith(buf, [0xff, 0xfe])) return { text: iconv.decode(buf.subarray(2), 'utf-16le', { stripBOM: false }), encoding: 'utf-16le' };
  if (startsWith(buf, [0xfe, 0xff])) return { text: iconv.decode(buf.subarray(2), 'utf-16be', { stripBOM: false }), encoding: 'utf-16be' };
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(buf: Buffer): DecodedPlanFile | null {
  try {
    return { text: strictUtf8.decode(buf), encoding: 'utf-8' };
  } catch {
    return null;
  }
}

const CJK_ENCODINGS = new Set(['GB18030', 'Big5', 'EUC-JP', 'EUC-KR', 'Shift_JIS', 'ISO-2022-JP', 'ISO-2022-CN', 'ISO-2022-KR']);

/** Share of double-byte pairs in GB2312's hanzi and symbol rows: near 1 for Chinese text in GBK, low for Big5. */
function gb2312Share(buf: Buffer): number {
  let pairs = 0;
  let common = 0;
  for (let i = 0; i < buf.length - 1; i++) {
    const lead = buf[i] as number;
    if (lead < 0x81) continue;
    const trail = buf[i + 1] as number;
    pairs++;
    if (((lead >= 0xb0 && lead <= 0xf7) || (lead >= 0xa1 && lead <= 0xa9)) && trail >= 0xa1 && trail <= 0xfe) common++;
    i++;
  }
  return pairs === 0 ? 0 : common / pairs;
}

/**
 * GB18030 when the bytes are valid GB18030 (decoding and encoding again gives the same bytes: any invalid
 * sequence would come back as the replacement character's bytes) and chardet does not rank another CJK
 * encoding higher. chardet is unsure on short texts, so there the bytes must look like common Chinese.
 */
function decodeGb18030(buf: Buffer): DecodedPlanFile | null {
  const text = iconv.decode(buf, 'gb18030', { stripBOM: false });
  if (!iconv.encode(text, 'gb18030').equals(buf)) return null;
  const best = analyse(buf).find((m) => CJK_ENCODINGS.has(m.name));
  const chardetSaysGb = best?.name === 'GB18030';
  const looksChinese = gb2312Share(buf) >= 0.95 && (best?.confidence ?? 0) < 50;
  return chardetSaysGb || looksChinese ? { text, encoding: 'gb18030' } : null;
}

function refuseControlCharacters(decoded: DecodedPlanFile, filename?: string): DecodedPlanFile {
  if (controlShare(decoded.text) > 0.005) {
    throw new PlanDocumentError(`${describe(filename)}含有大量控制字符，不是文本文件。${UNSUPPORTED}`, 'binary');
  }
  return decoded;
}

export async function decodePlanFile(buf: Buffer, filename?: string): Promise<DecodedPlanFile> {
  if (buf.length === 0) throw new PlanDocumentError(`${describe(filename)}是空的`, 'empty');
  if (startsWith(buf, ZIP_MAGIC)) return decodeDocx(buf, filename);
  const withBom = decodeWithBom(buf);
  if (withBom) return refuseControlCharacters(withBom, filename);
  refuseBinary(buf, filename);
  const decoded = decodeUtf8(buf) ?? decodeGb18030(buf);
  if (!decoded) {
    const guess = detect(buf);
    throw new PlanDocumentError(
      `无法识别${describe(filename)}的文字编码${guess ? `（疑似${guess}）` : ''}，只支持UTF-8、带BOM的UTF-16和GB18030/GBK。${UNSUPPORTED}`,
      'unknown-encoding',
    );
  }
  return refuseControlCharacters(decoded, filename);
}

/**
 * Turns an uploaded plan file into text for the parser: plain text in UTF-8 (with or without BOM),
 * UTF-16 with a BOM, or GB18030/GBK (what Chinese Windows saves as "ANSI"), and Word .docx.
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

/**
 * A .docx is a ZIP with word/document.xml. Its file names are stored uncompressed in the archive, so
 * finding the name in the bytes is enough to tell a Word document from other ZIPs (Excel, ODF, archives).
 */
async function decodeDocx(buf: Buffer, filename?: string): Promise<DecodedPlanFile> {
  if (!buf.includes('word/document.xml')) {
    const what = buf.includes('xl/workbook') ? 'Excel表格' : buf.includes('ppt/presentation') ? 'PowerPoint演示文稿' : '压缩文件';
    throw new PlanDocumentError(`${describe(filename)}是${what}，不是Word文档。${UNSUPPORTED}`, 'unsupported-format');
  }
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: buf })).value;
  } catch {
    throw new PlanDocumentError(`${describe(filename)}看起来是Word文档，但已损坏或无法读取，请在Word中重新保存为.docx后再上传`, 'corrupt-docx');
  }
  return { text: docxTextToLines(raw), encoding: 'docx' };
}

/**
 * mammoth ends every paragraph with an empty line ("p1\n\np2\n\n"); the parser reads the text export's
 * shape, one paragraph per line with empty paragraphs as empty lines. Undo the doubling.
 */
export function docxTextToLines(raw: string): string {
  const paragraphs = raw.replace(/\r\n?/g, '\n').split('\n\n');
  if (paragraphs[paragraphs.length - 1] === '') paragraphs.pop();
  return paragraphs.join('\n');
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

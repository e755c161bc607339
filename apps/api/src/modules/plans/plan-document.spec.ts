import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlanDocument, type ParsedPlan } from '@duban/plan-parser';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePlanFile, docxTextToLines, PlanDocumentError } from './plan-document';

const FIXTURES = resolve(__dirname, '../../../../../tests/fixtures/plan-documents');
const yichunText = readFileSync(resolve(FIXTURES, 'ok/yichun-eco-plan-2021-2025.txt'), 'utf8');

function counts(plan: ParsedPlan): Record<string, number> {
  const n = (kind: string) => plan.items.filter((i) => i.kind === kind).length;
  return {
    chapters: n('chapter'),
    sections: n('section'),
    measures: n('measure'),
    columns: n('column'),
    projects: n('project'),
    blocks: n('block'),
    indicators: plan.indicators.length,
    glossary: plan.glossary.length,
    problems: plan.problems.length,
  };
}

const YICHUN_COUNTS = { chapters: 12, sections: 40, measures: 96, columns: 9, projects: 29, blocks: 1, indicators: 27, glossary: 10, problems: 0 };

/** A .docx with one paragraph per line of the text, as Word would hold the plan. */
async function docxOf(text: string): Promise<Buffer> {
  const paragraphs = text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

async function decodeError(buf: Buffer, filename?: string): Promise<PlanDocumentError> {
  try {
    await decodePlanFile(buf, filename);
  } catch (e) {
    if (e instanceof PlanDocumentError) return e;
    throw e;
  }
  throw new Error('decodePlanFile accepted the file');
}

describe('decodePlanFile: text files', () => {
  it('should read UTF-8 without a BOM', async () => {
    const decoded = await decodePlanFile(Buffer.from(yichunText, 'utf8'), 'plan.txt');
    expect(decoded).toEqual({ text: yichunText, encoding: 'utf-8' });
    expect(counts(parsePlanDocument(decoded.text))).toEqual(YICHUN_COUNTS);
  });

  it('should read UTF-8 with a BOM and drop the BOM', async () => {
    const decoded = await decodePlanFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(yichunText, 'utf8')]));
    expect(decoded).toEqual({ text: yichunText, encoding: 'utf-8' });
  });

  it('should read UTF-16 with a BOM, little- and big-endian', async () => {
    const le = await decodePlanFile(iconv.encode(yichunText, 'utf-16le', { addBOM: true }));
    expect(le).toEqual({ text: yichunText, encoding: 'utf-16le' });
    const be = await decodePlanFile(iconv.encode(yichunText, 'utf-16be', { addBOM: true }));
    expect(be).toEqual({ text: yichunText, encoding: 'utf-16be' });
  });

  it('should detect a GB18030 copy of the plan and parse it to the same counts', async () => {
    const gb = iconv.encode(yichunText, 'gb18030');
    const decoded = await decodePlanFile(gb, 'plan-gbk.txt');
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(yichunText);
    expect(counts(parsePlanDocument(decoded.text))).toEqual(YICHUN_COUNTS);
  });

  it('should detect GBK in a short text too, where chardet alone is unsure', async () => {
    const text = '第一章  总则\n\n第一节  规划目标\n\n推进污染防治。到2025年，完成整治。\n';
    const decoded = await decodePlanFile(iconv.encode(text, 'gbk'));
    expect(decoded).toEqual({ text, encoding: 'gb18030' });
  });
});

describe('decodePlanFile: Word documents', () => {
  let docx: Buffer;
  beforeAll(async () => {
    docx = await docxOf(yichunText);
  });

  it('should convert a .docx made from the plan back to the same text', async () => {
    const decoded = await decodePlanFile(docx, '宜春市“十四五”生态环境保护规划.docx');
    expect(decoded.encoding).toBe('docx');
    expect(decoded.text.replace(/\n+$/, '')).toBe(yichunText.replace(/\n+$/, ''));
  });

  it('should parse the .docx to the same counts as the text', async () => {
    const decoded = await decodePlanFile(docx);
    const fromDocx = parsePlanDocument(decoded.text);
    expect(counts(fromDocx)).toEqual(YICHUN_COUNTS);
    expect(fromDocx.items.map((i) => [i.key, i.title])).toEqual(parsePlanDocument(yichunText).items.map((i) => [i.key, i.title]));
  });

  it('should undo mammoth’s empty line after every paragraph', () => {
    expect(docxTextToLines('第一章\n\n\n\n正文。\n\n')).toBe('第一章\n\n正文。');
  });

  it('should refuse a broken .docx', async () => {
    const broken = Buffer.concat([docx.subarray(0, 200), Buffer.from('word/document.xml'), Buffer.alloc(100, 7)]);
    const e = await decodeError(broken, 'plan.docx');
    expect(e.code).toBe('corrupt-docx');
    expect(e.message).toBe('“plan.docx”看起来是Word文档，但已损坏或无法读取，请在Word中重新保存为.docx后再上传');
  });

  it('should refuse a ZIP that is not a Word document', async () => {
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('xl/workbook.xml')]);
    const e = await decodeError(xlsx, 'ledger.xlsx');
    expect(e.code).toBe('unsupported-format');
    expect(e.message).toMatch(/^“ledger.xlsx”是Excel表格，不是Word文档/);
  });
});

describe('decodePlanFile: files that are not plan text', () => {
  it('should refuse an empty file', async () => {
    const e = await decodeError(Buffer.alloc(0));
    expect([e.code, e.message]).toEqual(['empty', '文件是空的']);
  });

  it('should refuse the binary fixture and random bytes as binary', async () => {
    const png = readFileSync(resolve(FIXTURES, 'not-ok/binary.bin'));
    expect((await decodeError(png, 'binary.bin')).message).toMatch(/^“binary.bin”是PNG图片，不是规划文本/);
    const noise = Buffer.from(png.subarray(16));
    const e = await decodeError(noise);
    expect(e.code).toBe('binary');
    expect(e.message).toMatch(/^文件是二进制文件，不是文本/);
  });

  it('should name the formats people upload by mistake', async () => {
    expect((await decodeError(Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1'))).message).toMatch(/PDF文件/);
    expect((await decodeError(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'plan.doc')).message).toMatch(/旧版Word（.doc）或WPS文档/);
  });

  it('should refuse encodings it does not accept: Big5, Latin-1, UTF-16 without a BOM', async () => {
    const big5 = await decodeError(iconv.encode(yichunText.slice(0, 4000).replace(/\uFFFD/g, ''), 'big5'));
    expect(big5.code).toBe('unknown-encoding');
    expect(big5.message).toMatch(/^无法识别文件的文字编码（疑似Big5），只支持UTF-8、带BOM的UTF-16和GB18030\/GBK/);
    const latin1 = await decodeError(Buffer.from('Plan de protection de l\'environnement : café crème brûlée à Yichun', 'latin1'));
    expect(latin1.code).toBe('unknown-encoding');
    expect((await decodeError(iconv.encode(yichunText, 'utf-16le'))).code).toBe('binary');
  });

  it('should refuse text full of control characters', async () => {
    const e = await decodeError(Buffer.from(`第一章\u0001\u0002\u0003\u0004\u0005\u0006\u0007规划`.repeat(10), 'utf8'));
    expect(e.code).toBe('binary');
  });
});

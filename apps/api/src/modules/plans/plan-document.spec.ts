import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { countParsed, parsePlanDocument, type ParsedPlan } from '@duban/plan-parser';
import {
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
} from 'docx';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DecodedPlanFile, decodePlanFile, docxHtmlToText, PlanDocumentError } from './plan-document';

const FIXTURES = resolve(__dirname, '../../../../../tests/fixtures/plan-documents');
const yichunText = readFileSync(resolve(FIXTURES, 'ok/yichun-eco-plan-2021-2025.txt'), 'utf8');

/** The parser's own counts, with the problems found. */
function counts(plan: ParsedPlan): Record<string, number> {
  const { glossaryTerms, ...rest } = countParsed(plan);
  return { ...rest, glossary: glossaryTerms, problems: plan.problems.length };
}

const YICHUN_COUNTS = {
  chapters: 12,
  sections: 40,
  measures: 96,
  columns: 9,
  projects: 29,
  blocks: 1,
  indicators: 27,
  glossary: 10,
  problems: 0,
};

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

  it('should keep the empty paragraphs of a pasted text export as empty lines', async () => {
    const decoded = await decodePlanFile(await docxOf('第一章  总则\n\n\n\n正文。'));
    expect(decoded.text).toBe('第一章  总则\n\n\n\n正文。');
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

// ---- A plan as the official Word file holds it: real tables, a 专栏 box, real footnotes ----

type Run = string | { fn: number } | { bold: string };

function para(...runs: Run[]): Paragraph {
  return new Paragraph({
    children: runs.map((r) =>
      typeof r === 'string' ? new TextRun(r) : 'fn' in r ? new FootnoteReferenceRun(r.fn) : new TextRun({ text: r.bold, bold: true }),
    ),
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
}

function cell(content: string | string[], options: { columnSpan?: number; verticalMerge?: 'restart' | 'continue' } = {}): TableCell {
  const texts = typeof content === 'string' ? [content] : content;
  return new TableCell({
    children: texts.map((t) => new Paragraph(t)),
    columnSpan: options.columnSpan,
    verticalMerge:
      options.verticalMerge === 'restart'
        ? VerticalMergeType.RESTART
        : options.verticalMerge === 'continue'
          ? VerticalMergeType.CONTINUE
          : undefined,
  });
}

function row(...cells: (TableCell | string)[]): TableRow {
  return new TableRow({ children: cells.map((c) => (typeof c === 'string' ? cell(c) : c)) });
}

/** Yichun's 表2 columns: indicator (two grid columns: name, scope), 2020 baseline, 2025 target, five-year sum, binding. */
const indicatorTable = new Table({
  rows: [
    // a heading row repeated on every page: mammoth writes it as <thead><tr><th>
    new TableRow({
      tableHeader: true,
      children: [cell('指标', { columnSpan: 2 }), cell(['2020年', '基准值']), cell('2025年目标值'), cell('五年累计'), cell('指标属性')],
    }),
    row(cell('（一）环境治理', { columnSpan: 6 })),
    row(cell('1.细颗粒物（PM2.5）浓度（微克/立方米）', { verticalMerge: 'restart' }), '中心城区', '37.0', '29.0', '—', '约束性'),
    row(cell('', { verticalMerge: 'continue' }), '县（市、区）城市', '41.0', '24.9', '—', '预期性'),
    row(cell('2.地下水环境质量（区域）V类水比例（%）', { columnSpan: 2 }), '50.00', '稳中向好', '—', '预期性'),
    // like Yichun's indicator 7: one name over four rows, one scope a row
    row(cell('3.主要污染物减排量（万吨）', { verticalMerge: 'restart' }), '氮氧化物', '—', '完成省下达目标', '—', '约束性'),
    row(cell('', { verticalMerge: 'continue' }), '挥发性有机物', '—', '完成省下达目标', '—', '约束性'),
    row(cell('', { verticalMerge: 'continue' }), '化学需氧量', '—', '完成省下达目标', '—', '约束性'),
    row(cell('', { verticalMerge: 'continue' }), '氨氮', '—', '完成省下达目标', '—', '约束性'),
    row(cell('（二）应对气候变化', { columnSpan: 6 })),
    row(cell('4.单位地区生产总值二氧化碳排放降低（%）', { columnSpan: 2 }), '—', '—', '[19.5]', '约束性'),
    row(cell('5.森林覆盖率（%）', { columnSpan: 2 }), '57.12', '≥57.12', '—', '约束性'),
    row(cell(['备注：', '1. [ ]为五年累计提高或下降数。'], { columnSpan: 6 })),
  ],
});

/** Word keeps a 专栏 as a one-cell table. */
const box = new Table({
  rows: [
    new TableRow({
      children: [
        new TableCell({
          children: [
            para('专栏1  产业结构调整重大工程'),
            para('（一）重点行业绿色转型升级工程'),
            para('推进重点行业绿色化转型改造，严格“两高”', { fn: 3 }, '项目准入，到2025年完成10家企业清洁化改造。'),
            para('（二）能源结构调整工程'),
            para('调整以煤炭为主的能源结构，提高清洁能源消费比重。'),
          ],
        }),
      ],
    }),
  ],
});

const FOOTNOTES = {
  1: '减四保三争二：减少Ⅳ类水、保持Ⅲ类水、争取Ⅱ类水。',
  2: '三线一单：生态保护红线、环境质量底线、资源利用上线和生态环境准入清单。',
  3: '两高：高耗能、高排放',
};

async function wordPlan(): Promise<Buffer> {
  const doc = new Document({
    footnotes: Object.fromEntries(Object.entries(FOOTNOTES).map(([n, text]) => [n, { children: [new Paragraph(text)] }])),
    sections: [
      {
        children: [
          // a title page: short lines without full stops must not read as footnote breaks
          para('宜春市人民政府'),
          para('关于印发宜春市“十四五”生态环境保护规划的通知'),
          para('2021年12月14日'),
          para(''),
          para('宜春市“十四五”生态环境保护规划'),
          heading('第一章  基础与形势'),
          heading('第一节  生态环境保护基础'),
          para('生态环境质量持续改善。', { bold: '全市空气质量' }, '稳定达到二级标准。'),
          heading('第二章  指导思想、基本原则与主要目标'),
          heading('第一节  主要目标'),
          para('水环境质量持续巩固改善，监测断面水质实现“减四保三争二”', { fn: 1 }, '。土壤和地下水环境质量总体保持稳定。'),
          para('表2  宜春市“十四五”生态环境保护规划主要指标'),
          para(''),
          indicatorTable,
          para(''),
          heading('第三章  促进产业转型升级，加快绿色低碳发展'),
          heading('第一节  完善绿色低碳发展机制'),
          para('建立以“三线一单”', { fn: 2 }, '为核心的生态环境分区管控体系。严格落实生态保护红线、环境质量底线、资源利用上线要求。'),
          heading('第二节  加快产业结构转型升级'),
          para('控制工业行业二氧化碳排放。严格控制“两高”项目盲目发展。'),
          box,
          heading('第四章  完善规划保障措施，建立长效实施机制'),
          heading('第一节  加强组织领导'),
          para('落实生态环境保护责任。各县（市、区）政府对本行政区域生态环境质量负总责。'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The same plan as the text export of its Word file (the shape of seeds/yichun-eco-plan-2021-2025.txt). */
const WORD_PLAN_EXPORT = [
  '宜春市人民政府',
  '',
  '关于印发宜春市“十四五”生态环境保护规划的通知',
  '',
  '2021年12月14日',
  '',
  '宜春市“十四五”生态环境保护规划',
  '',
  '第一章  基础与形势',
  '',
  '第一节  生态环境保护基础',
  '',
  '生态环境质量持续改善。全市空气质量稳定达到二级标准。',
  '',
  '第二章  指导思想、基本原则与主要目标',
  '',
  '第一节  主要目标',
  '',
  '水环境质量持续巩固改善，监测断面水质实现“减四保三争二”',
  '。土壤和地下水环境质量总体保持稳定。',
  '',
  '表2  宜春市“十四五”生态环境保护规划主要指标',
  '',
  '\t指标',
  '\t2020年',
  '',
  '基准值',
  '\t2025年目标值',
  '\t五年累计',
  '\t指标属性',
  '',
  '\t（一）环境治理',
  '',
  '\t1.细颗粒物（PM2.5）浓度（微克/立方米）',
  '\t中心城区',
  '\t37.0',
  '\t29.0',
  '\t—',
  '\t约束性',
  '',
  '\t',
  '\t县（市、区）城市',
  '\t41.0',
  '\t24.9',
  '\t—',
  '\t预期性',
  '',
  '\t2.地下水环境质量（区域）V类水比例（%）',
  '\t50.00',
  '\t稳中向好',
  '\t—',
  '\t预期性',
  '',
  '\t3.主要污染物减排量（万吨）',
  '\t氮氧化物',
  '\t—',
  '\t完成省下达目标',
  '\t—',
  '\t约束性',
  '',
  '\t',
  '\t挥发性有机物',
  '\t—',
  '\t完成省下达目标',
  '\t—',
  '\t约束性',
  '',
  '\t',
  '\t化学需氧量',
  '\t—',
  '\t完成省下达目标',
  '\t—',
  '\t约束性',
  '',
  '\t',
  '\t氨氮',
  '\t—',
  '\t完成省下达目标',
  '\t—',
  '\t约束性',
  '',
  '\t（二）应对气候变化',
  '',
  '\t4.单位地区生产总值二氧化碳排放降低（%）',
  '\t—',
  '\t—',
  '\t[19.5]',
  '\t约束性',
  '',
  '\t5.森林覆盖率（%）',
  '\t57.12',
  '\t≥57.12',
  '\t—',
  '\t约束性',
  '',
  '\t备注：',
  '',
  '1. [ ]为五年累计提高或下降数。',
  '',
  '',
  '第三章  促进产业转型升级，加快绿色低碳发展',
  '',
  '第一节  完善绿色低碳发展机制',
  '',
  '建立以“三线一单”',
  '为核心的生态环境分区管控体系。严格落实生态保护红线、环境质量底线、资源利用上线要求。',
  '',
  '第二节  加快产业结构转型升级',
  '',
  '控制工业行业二氧化碳排放。严格控制“两高”项目盲目发展。',
  '',
  '\t专栏1  产业结构调整重大工程',
  '',
  '（一）重点行业绿色转型升级工程',
  '',
  '推进重点行业绿色化转型改造，严格“两高”',
  '项目准入，到2025年完成10家企业清洁化改造。',
  '',
  '（二）能源结构调整工程',
  '',
  '调整以煤炭为主的能源结构，提高清洁能源消费比重。',
  '',
  '',
  '第四章  完善规划保障措施，建立长效实施机制',
  '',
  '第一节  加强组织领导',
  '',
  '落实生态环境保护责任。各县（市、区）政府对本行政区域生态环境质量负总责。',
  '',
  `\uFFFD ${FOOTNOTES[1]}`,
  '',
  `\uFFFD ${FOOTNOTES[2]}`,
  '',
  `\uFFFD ${FOOTNOTES[3]}`,
  '',
].join('\n');

describe('decodePlanFile: the official Word file of a plan', () => {
  let decoded: DecodedPlanFile;
  let plan: ParsedPlan;
  beforeAll(async () => {
    decoded = await decodePlanFile(await wordPlan(), '宜春市“十四五”生态环境保护规划.docx');
    plan = parsePlanDocument(decoded.text);
  });

  it('should turn tables, the 专栏 and the footnotes into the text export’s lines', () => {
    expect(decoded.encoding).toBe('docx');
    expect(decoded.text).toBe(WORD_PLAN_EXPORT);
  });

  it('should parse to the plan’s chapters, 专栏, indicators and glossary without problems', () => {
    expect(plan.problems).toEqual([]);
    expect(counts(plan)).toEqual({
      chapters: 4,
      sections: 5,
      measures: 2,
      columns: 1,
      projects: 2,
      blocks: 0,
      indicators: 9,
      glossary: 3,
      problems: 0,
    });
  });

  it('should read every indicator row of the Word table, an empty cell standing for a merged name', () => {
    const rows = plan.indicators.map((i) => [
      i.number,
      i.category,
      i.name,
      i.scope,
      i.unit,
      i.baseline,
      i.target,
      i.cumulativeTarget,
      i.targetText,
      i.binding,
    ]);
    expect(rows).toEqual([
      [1, '环境治理', '细颗粒物（PM2.5）浓度', '中心城区', '微克/立方米', 37, 29, null, '29.0', true],
      [1, '环境治理', '细颗粒物（PM2.5）浓度', '县（市、区）城市', '微克/立方米', 41, 24.9, null, '24.9', false],
      [2, '环境治理', '地下水环境质量（区域）V类水比例', '全市', '%', 50, null, null, '稳中向好', false],
      [3, '环境治理', '主要污染物减排量', '氮氧化物', '万吨', null, null, null, '完成省下达目标', true],
      [3, '环境治理', '主要污染物减排量', '挥发性有机物', '万吨', null, null, null, '完成省下达目标', true],
      [3, '环境治理', '主要污染物减排量', '化学需氧量', '万吨', null, null, null, '完成省下达目标', true],
      [3, '环境治理', '主要污染物减排量', '氨氮', '万吨', null, null, null, '完成省下达目标', true],
      [4, '应对气候变化', '单位地区生产总值二氧化碳排放降低', '全市', '%', null, null, 19.5, '[19.5]', true],
      [5, '应对气候变化', '森林覆盖率', '全市', '%', 57.12, 57.12, null, '≥57.12', true],
    ]);
    expect(plan.indicatorTable?.notes).toEqual(['1. [ ]为五年累计提高或下降数。']);
  });

  it('should pair the Word footnotes with their references and link each term to the items that use it', () => {
    const title = (key: string) => plan.items.find((i) => i.key === key)?.title;
    const terms = plan.glossary.map((g) => [g.number, g.term, g.referenceText, g.explanation, g.itemKeys.map(title)]);
    expect(terms).toEqual([
      [1, '减四保三争二', '减四保三争二', '减少Ⅳ类水、保持Ⅲ类水、争取Ⅱ类水。', ['主要目标']],
      [
        2,
        '三线一单',
        '三线一单',
        '生态保护红线、环境质量底线、资源利用上线和生态环境准入清单。',
        ['建立以“三线一单”为核心的生态环境分区管控体系'],
      ],
      [3, '两高', '两高', '高耗能、高排放', ['控制工业行业二氧化碳排放', '重点行业绿色转型升级工程']],
    ]);
  });
});

describe('docxHtmlToText: mammoth’s HTML as the text export', () => {
  it('should put back an empty cell wherever a rowspan covers a row, however wide the merged cell', () => {
    const html =
      '<table><tr><td rowspan="3"><p>A</p></td><td colspan="2" rowspan="2"><p>B</p></td><td rowspan="2"><p>C</p></td></tr>' +
      '<tr><td><p>a2</p></td></tr>' +
      '<tr><td><p>b3</p></td><td><p>c3</p></td><td><p>d3</p></td></tr></table>';
    expect(docxHtmlToText(html)).toBe(['\tA', '\tB', '\tC', '', '\t', '\t', '\t', '\ta2', '', '\t', '\tb3', '\tc3', '\td3', ''].join('\n'));
  });

  it('should decode entities in the text and in the footnotes', () => {
    const html =
      '<p>A&amp;B &lt;C&gt; &quot;D&quot; &#8212;&#x2014; &amp;lt;<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>E。</p>' +
      '<ol><li id="footnote-1"><p> T&amp;C：x&lt;y <a href="#footnote-ref-1">↑</a></p></li></ol>';
    expect(docxHtmlToText(html)).toBe('A&B <C> "D" —— &lt;\nE。\n\n\uFFFD T&C：x<y\n');
  });

  it('should list the notes in the order the text references them, endnotes too', () => {
    const ref = (id: string) => `<sup><a href="#${id}" id="${id.replace('-', '-ref-')}">[x]</a></sup>`;
    const html =
      `<p>先“乙”${ref('footnote-2')}后“甲”${ref('footnote-1')}再“丙”${ref('endnote-1')}止。</p>` +
      '<ol><li id="footnote-1"><p>甲：一</p></li><li id="footnote-2"><p>乙：二</p><p>续</p></li></ol>' +
      '<ol><li id="endnote-1"><p>丙：三</p></li></ol>';
    expect(docxHtmlToText(html)).toBe('先“乙”\n后“甲”\n再“丙”\n止。\n\n\uFFFD 乙：二\n续\n\n\uFFFD 甲：一\n\n\uFFFD 丙：三\n');
  });

  it('should not leave an empty line for a reference at the end of a paragraph or right after another', () => {
    const html =
      '<p>“一企一库”<sup><a href="#footnote-1">[1]</a></sup><sup><a href="#footnote-2">[2]</a></sup>“两区两场”<sup><a href="#footnote-3">[3]</a></sup></p><p>下一段。</p>';
    expect(docxHtmlToText(html).split('\n').slice(0, 4)).toEqual(['“一企一库”', '“两区两场”', '', '下一段。']);
  });

  it('should separate Word paragraphs by an empty line, so consecutive lines never read as a footnote break', () => {
    const html = '<h1>宜春市人民政府</h1><p>\t2021年12月14日</p><p>甲<br />乙</p><ol><li>一项</li><li>二项<ol><li>子项</li></ol></li></ol>';
    expect(docxHtmlToText(html)).toBe('宜春市人民政府\n\n2021年12月14日\n\n甲\n\n乙\n\n一项\n\n二项\n\n子项\n');
    expect(parsePlanDocument(`第一章  总则\n\n${docxHtmlToText(html)}`).glossary).toEqual([]);
  });

  it('should keep the cell paragraphs of a nested table in the outer cell', () => {
    const html =
      '<table><tr><td><p>外</p><table><tr><td><p>内1</p></td><td><p>内2</p></td></tr></table></td><td><p>右</p></td></tr></table>';
    expect(docxHtmlToText(html)).toBe(['\t外', '', '内1', '', '内2', '\t右', ''].join('\n'));
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
    expect((await decodeError(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'plan.doc')).message).toMatch(
      /旧版Word（.doc）或WPS文档/,
    );
  });

  it('should refuse encodings it does not accept: Big5, Latin-1, UTF-16 without a BOM', async () => {
    const big5 = await decodeError(iconv.encode(yichunText.slice(0, 4000).replace(/\uFFFD/g, ''), 'big5'));
    expect(big5.code).toBe('unknown-encoding');
    expect(big5.message).toMatch(/^无法识别文件的文字编码（疑似Big5），只支持UTF-8、带BOM的UTF-16和GB18030\/GBK/);
    const latin1 = await decodeError(Buffer.from("Plan de protection de l'environnement : café crème brûlée à Yichun", 'latin1'));
    expect(latin1.code).toBe('unknown-encoding');
    expect((await decodeError(iconv.encode(yichunText, 'utf-16le'))).code).toBe('binary');
  });

  it('should refuse text full of control characters', async () => {
    const e = await decodeError(Buffer.from(`第一章\u0001\u0002\u0003\u0004\u0005\u0006\u0007规划`.repeat(10), 'utf8'));
    expect(e.code).toBe('binary');
  });
});

/**
 * The fixture documents under tests/fixtures/plan-documents: a small plan of our own that exercises every
 * rule (ok/), and documents that must be refused with a clear problem list (not-ok/).
 */
import { describe, expect, it } from 'vitest';
import { parsePlanDocument } from './index';
import { fixtureBytes, fixtureText, SAMPLE, yichunOptions } from './test-fixtures';
import type { ParsedItem, ParsedPlan } from './types';

const parse = (relative: string): ParsedPlan => parsePlanDocument(fixtureText(relative), yichunOptions());
const errors = (r: ParsedPlan) => r.problems.filter((p) => p.severity === 'error');

describe('ok/sample-plan.txt (every rule in a small plan)', () => {
  const r = parse(SAMPLE);
  const item = (key: string): ParsedItem => {
    const found = r.items.find((i) => i.key === key);
    if (!found) throw new Error(`no item ${key}`);
    return found;
  };

  it('should parse with no problems', () => {
    expect(r.problems).toEqual([]);
  });

  it('should read the plan from the front matter', () => {
    expect(r.plan).toMatchObject({
      title: '宜春市“十五五”锦江流域生态环境保护规划',
      periodStart: '2026-01-01',
      periodEnd: '2030-12-31',
      code: 'yichun-eco-2026-2030',
      issuedOn: '2026-03-02',
      trailer: '抄送：省生态环境厅，市委办公室。',
    });
  });

  it('should find the outline: headings with ideographic spaces, glued titles and no empty line after them', () => {
    expect(r.items.map((i) => `${i.key} ${i.title}`)).toEqual([
      'chapter:1 基础与形势',
      'section:1.1 “十四五”回顾',
      'chapter:2 主要目标',
      'section:2.1 目标指标',
      'chapter:3 深化水污染治理',
      'section:3.1 工业污染防治',
      'measure:3.1.1 推进园区污水整治',
      'measure:3.1.2 建立健全“一园一档”管理制度',
      'block:3.1.B1 锦江流域入河排污口管控要求',
      'measure:3.1.3 加强涉重金属企业监管',
      'section:3.2 强化城镇生活污染治理',
      'measure:3.2.1 提升污水收集效能',
      'measure:3.2.2 加强污泥和汛期管理',
      'column:C1 锦江流域水污染治理重点工程',
      'project:C1.1 园区污水提标工程',
      'project:C1.2 农村生活污水治理工程',
      'chapter:4 保护流域生态',
      'section:4.1 河湖生态修复',
      'measure:4.1.1 实施河湖缓冲带建设',
      'measure:4.1.2 提高流域生态流量保障水平',
      'column:C2 流域生态修复工程',
      'project:C2.1 缓冲带建设工程',
      'project:C2.2 湿地修复工程',
      'chapter:5 完善规划保障措施，建立长效实施机制',
      'section:5.1 强化组织领导',
      'section:5.2 强化考核评估',
    ]);
    expect(item('chapter:4').body).toBe('实施生态修复，守住流域生态安全底线。');
  });

  it('should mark what is assignable: measures, projects and the guarantee sections', () => {
    expect(r.items.filter((i) => i.assignable).map((i) => i.number)).toEqual([
      '3.1.1',
      '3.1.2',
      '3.1.3',
      '3.2.1',
      '3.2.2',
      'C1.1',
      'C1.2',
      '4.1.1',
      '4.1.2',
      'C2.1',
      'C2.2',
      '5.1',
      '5.2',
    ]);
  });

  it('should append a paragraph without a lead sentence to the measure before it', () => {
    expect(item('measure:3.1.3').body.split('\n')).toEqual([
      '加强涉重金属企业监管。以上高、万载为重点，2028年6月底前，完成涉重金属企业排查整治。',
      '针对排查发现的问题，建立整改台账，实行销号管理，整改情况向社会公开。',
    ]);
  });

  it('should keep the box with its section and the numbered sub-items with their project', () => {
    expect(item('block:3.1.B1').body.split('\n')).toEqual([
      '（一）分类管控',
      '入河排污口按“取缔一批、合并一批、规范一批”分类管控，管控单元面积占比稳定在35.0%。',
      '（二）监测要求',
      '重点排污口每季度监测一次。',
    ]);
    expect(item('project:C1.2').subItems.map((s) => [s.number, s.title])).toEqual([
      ['1', '管网建设'],
      ['2', '设施运维'],
    ]);
  });

  it('should read indicators with scope rows, bracketed cumulative targets and targets in words', () => {
    expect(
      r.indicators.map((i) => [
        i.number,
        i.category,
        i.name,
        i.scope,
        i.unit,
        i.baseline,
        i.target,
        i.cumulativeTarget,
        i.binding,
        i.direction,
      ]),
    ).toEqual([
      [1, '水环境', '断面水质优良比例', '国考断面', '%', 100, 100, null, true, 'hold'],
      [1, '水环境', '断面水质优良比例', '省考断面', '%', 95, 97, null, false, 'higher'],
      [2, '水环境', '化学需氧量排放量减少', '全市', '万吨', null, null, 0.5, true, 'higher'],
      [3, '水生态', '水生生物完整性指数（IBI）', '全市', '', null, null, null, false, 'judged'],
    ]);
    expect(r.referenceTables.map((t) => [t.title, t.rows.length, t.notes])).toEqual([
      ['锦江流域“十四五”指标完成情况', 3, ['（1）数据来源：市生态环境局。']],
    ]);
  });

  it('should date milestones of every form', () => {
    expect(r.items.flatMap((i) => i.milestones.map((m) => `${i.number} ${m.date} ${m.text}`))).toEqual([
      '3.1.1 2027-12-31 2027年底前，完成袁州医药工业园污水处理厂提标改造',
      '3.1.1 2030-12-31 到2030年，园区污水集中处理率达到100%',
      '3.1.3 2028-06-30 2028年6月底前，完成涉重金属企业排查整治',
      '3.2.1 2030-12-31 到2030年，城市生活污水集中收集率达到75%以上，新增污水管网200公里',
      'C1.1 2028-12-31 推进袁州、上高工业园区污水处理厂提标改造，按“一园一档”要求建档，2028年底前全部完成',
      '4.1.1 2030-12-31 到2030年，新增河湖缓冲带50公里，湿地保护率不低于60%',
      'C2.2 2030-12-31 到2030年恢复湿地面积1.5万亩',
      '5.2 2028-06-30 2028年6月底前完成中期评估',
      '5.2 2030-12-31 2030年底前完成终期考核',
    ]);
  });

  it('should keep recurring periods', () => {
    expect(item('measure:3.2.2').periods).toEqual([
      { months: [4, 5, 6, 7, 8, 9], text: '每年4月—9月开展汛期排查' },
      { months: [10, 11, 12, 1, 2, 3], text: '秋冬季加强污泥堆场巡查' },
    ]);
  });

  it('should read targets with numbers and units', () => {
    expect(r.items.flatMap((i) => i.targets.map((t) => `${i.number} ${t.value}${t.unit}`))).toEqual([
      '3.1.1 100%',
      '3.1.B1 35%',
      '3.2.1 75%',
      '3.2.1 200公里',
      '3.2.2 95%',
      'C1.2 300公里',
      'C1.2 90%',
      '4.1.1 50公里',
      '4.1.1 60%',
      '4.1.2 0.9',
      'C2.1 20公里',
      'C2.2 1.5万亩',
    ]);
  });

  it('should resolve counties, zones and group abbreviations, and not mistake 以上高 for a word', () => {
    expect(item('measure:3.1.3').mentionedUnitCodes).toEqual(['shanggao', 'wanzai']); // "以上高、万载为重点"
    expect(item('measure:3.2.2').mentionedUnitCodes).toEqual(['zhangshu', 'fengcheng', 'jingan', 'fengxin', 'gaoan']); // 丰樟高, 奉靖
    expect(item('project:C1.2').mentionedUnitCodes).toEqual(['yuanzhou', 'shanggao', 'yifeng', 'wanzai']); // 袁上万宜
    expect(item('section:1.1').mentionedUnitCodes).toEqual(['yuanzhou', 'shanggao']);
  });

  it('should link the footnotes to the items that use their terms', () => {
    expect(r.glossary.map((g) => [g.term, g.explanation, g.referenceLine, g.itemKeys])).toEqual([
      ['水清岸绿', '水质清澈、岸线绿化。', 52, ['section:2.1']],
      ['一园一档', '每个工业园区建立一套环境管理档案。', 108, ['measure:3.1.2', 'project:C1.1']],
    ]);
    expect(item('section:2.1').body).toBe('到二〇三〇年，锦江流域水生态环境质量持续改善，“水清岸绿”的格局基本形成。');
  });
});

describe('not-ok documents', () => {
  it('should refuse an empty file with one clear error', () => {
    const r = parse('not-ok/empty.txt');
    expect(r.problems).toEqual([{ line: 1, severity: 'error', message: '文件为空，没有任何文字' }]);
    expect(r.items).toEqual([]);
    expect(parsePlanDocument(' \n\t\n\u3000\n').problems[0]?.message).toBe('文件为空，没有任何文字');
  });

  it('should refuse a binary file, however it was decoded, as not text', () => {
    for (const text of [fixtureText('not-ok/binary.bin'), fixtureBytes('not-ok/binary.bin').toString('latin1')]) {
      const r = parsePlanDocument(text);
      expect(errors(r)).toHaveLength(1);
      expect(errors(r)[0]?.message).toMatch(/不是文本.*二进制文件/);
      expect(r.items).toEqual([]);
    }
  });

  it('should refuse a document cut off in the middle of the indicator table', () => {
    const r = parse('not-ok/truncated-mid-table.txt');
    expect(errors(r).map((p) => [p.line, p.message])).toEqual([
      [331, '指标2“空气质量优良天数比率”（第331行）只有3个数据格，应有基准值、目标值、五年累计和指标属性4格：表格不完整，文件可能被截断'],
      [334, '文档在表2“宜春市“十四五”生态环境保护规划主要指标”（第298行起）中途结束，文件可能被截断'],
    ]);
    expect(r.problems.some((p) => p.severity === 'warning' && p.message.includes('没有找到可分解的任务'))).toBe(true);
    // what was there is still read
    expect(r.items.filter((i) => i.kind === 'chapter')).toHaveLength(2);
    expect(r.indicators.map((i) => `${i.number} ${i.scope}`)).toEqual(['1 中心城区', '1 县（市、区）城市', '2 中心城区']);
  });

  it('should refuse a document without chapters as not a plan', () => {
    const r = parse('not-ok/no-chapters.txt');
    expect(errors(r).map((p) => p.message)).toEqual(['未找到任何“第X章”章标题：这不是一份规划文件，或章标题的格式无法识别']);
    expect(r.items).toEqual([]);
  });

  it('should refuse duplicated column numbers, naming both lines', () => {
    const r = parse('not-ok/duplicate-columns.txt');
    expect(errors(r).map((p) => [p.line, p.message])).toEqual([
      [37, '编号重复：第37行的专栏2“建设用地风险管控工程”与第24行的专栏2编号相同'],
    ]);
    // keys stay unique even so
    expect(new Set(r.items.map((i) => i.key)).size).toBe(r.items.length);
  });
});

describe('problems for what the parser cannot place', () => {
  const T = '\t';
  const problems = (text: string) => parsePlanDocument(text).problems.map((p) => `${p.severity} ${p.line} ${p.message}`);

  it('should warn about gaps in the numbering and keep going', () => {
    const text = [
      '某市“十四五”规划',
      '',
      '第一章  甲',
      '',
      '第一节  乙',
      '',
      '推进工作。内容。',
      '',
      '第三章  丙',
      '',
      '第二节  丁',
      '',
      '推进工作。内容。',
    ].join('\n');
    expect(problems(text)).toEqual([
      'warning 9 编号不连续：第1章之后是第3章（第9行）',
      'warning 11 编号不连续：开头是第3章第2节（第11行）',
    ]);
  });

  it('should report a section before chapter 1, a box without a title, a column without projects and text after the footnotes', () => {
    const text = [
      '第一节  孤立的节',
      '',
      '第一章  行动',
      '',
      '第一节  措施',
      '',
      `${T}这是一个没有标题的方框，内容很长，一句话写完了。`,
      '',
      '',
      `${T}专栏1  空专栏`,
      '',
      '',
      '\uFFFD 术语：解释。',
      '',
      '还有一段放不下的文字。',
    ].join('\n');
    expect(problems(text)).toEqual([
      'warning 1 第1行的节标题“第一节 孤立的节”出现在第一章之前，无法归属',
      'warning 1 没有找到可分解的任务（措施、专栏工程或保障措施），请检查文件是否完整',
      'warning 1 未找到规划标题（应在第一章之前单独成行，如“某市“十四五”生态环境保护规划”）',
      'warning 1 未找到规划期（如“规划时限为2021—2025年”或标题中的“十四五”）',
      'warning 7 第7行起的方框没有标题，记为“方框1.1.B1”',
      'warning 10 专栏1“空专栏”没有列出任何工程（（一）、（二）……）',
      'warning 13 正文中有0处脚注引用（句中断行），文末有1条脚注，数量不一致；已按顺序配对，请核对术语的关联条目',
      'warning 15 脚注之后的文字无法归入任何章节，已放入文末附注：“还有一段放不下的文字。”',
    ]);
  });

  it('should report footnotes in the middle of the text and keep reading the chapters after them', () => {
    const text = [
      '第一章  行动',
      '',
      '第一节  措施',
      '',
      '推进工作。内容。',
      '',
      '\uFFFD 术语：解释。',
      '',
      '第二章  保障措施',
      '',
      '第一节  组织',
      '',
      '加强领导，落实责任。',
    ].join('\n');
    const r = parsePlanDocument(text);
    expect(r.items.map((i) => i.key)).toEqual(['chapter:1', 'section:1.1', 'measure:1.1.1', 'chapter:2', 'section:2.1']);
    expect(r.items[4]?.body).toBe('加强领导，落实责任。');
    expect(r.problems.map((p) => `${p.line} ${p.message}`)).toContain(
      '9 第9行之前出现了脚注（以“\uFFFD”开头的行），但后面还有正文；脚注应在文末，请核对文件',
    );
  });

  it('should report an indicator row it cannot read and an unknown indicator attribute', () => {
    const text = [
      '第一章  主要目标',
      '',
      '表2  主要指标',
      '',
      `${T}1.森林覆盖率（%）`,
      `${T}57`,
      `${T}58`,
      `${T}—`,
      `${T}参考性`,
      '',
      `${T}说明行`,
      `${T}x`,
      '',
      '',
    ].join('\n');
    const r = parsePlanDocument(text);
    expect(r.indicators.map((i) => [i.number, i.binding])).toEqual([[1, false]]);
    expect(r.problems.filter((p) => p.line >= 5).map((p) => `${p.line} ${p.message}`)).toEqual([
      '5 指标1的属性“参考性”无法识别（应为约束性或预期性），按预期性处理',
      '11 表2第11行无法识别为指标行（应以“1.”这样的序号开头，或是上一指标的分项），内容：“说明行 | x”',
    ]);
  });
});

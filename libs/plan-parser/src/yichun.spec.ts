/**
 * The real document: 宜春市“十四五”生态环境保护规划 (text export of the official file).
 * Every number asserted here was counted by hand in the document (see the comments).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlanDocument } from './index';
import { fixtureText, YICHUN, yichunOptions } from './test-fixtures';
import type { ParsedItem, ParsedPlan } from './types';

let result: ParsedPlan;
const byKey = (key: string): ParsedItem => {
  const item = result.items.find((i) => i.key === key);
  if (!item) throw new Error(`no item ${key}`);
  return item;
};
const ofKind = (kind: ParsedItem['kind']): ParsedItem[] => result.items.filter((i) => i.kind === kind);

beforeAll(() => {
  result = parsePlanDocument(fixtureText(YICHUN), yichunOptions());
});

describe('the Yichun plan as a whole', () => {
  it('should parse with no problems at all', () => {
    expect(result.problems).toEqual([]);
  });

  it('should read the title, period and code from the front matter', () => {
    expect(result.plan).toMatchObject({
      title: '宜春市“十四五”生态环境保护规划',
      periodStart: '2021-01-01',
      periodEnd: '2025-12-31',
      code: 'yichun-eco-2021-2025',
      issuedOn: '2021-12-14',
    });
    expect(result.plan.notice).toContain('关于印发宜春市“十四五”生态环境');
    expect(result.plan.preface).toMatch(/^“十四五”时期是我国/);
    expect(result.plan.preface).toContain('规划时限为2021—2025年');
    expect(result.plan.trailer).toMatch(/^抄送：省生态环境厅/);
  });

  it('should let the caller set the code', () => {
    expect(parsePlanDocument(fixtureText(YICHUN), { code: 'yc-14' }).plan.code).toBe('yc-14');
  });

  it('should give the same result every time (stable keys for re-import)', () => {
    expect(parsePlanDocument(fixtureText(YICHUN), yichunOptions())).toEqual(result);
  });

  it('should give every item a unique key whose parent exists and comes first', () => {
    const seen = new Set<string>();
    for (const item of result.items) {
      expect(seen.has(item.key)).toBe(false);
      if (item.parentKey !== null) expect(seen.has(item.parentKey)).toBe(true);
      expect(item.key).toBe(`${item.kind}:${item.number}`);
      seen.add(item.key);
    }
  });
});

describe('chapters and sections', () => {
  // grep -c '^第.*章' → 12 headings; the 第X节 headings: 3+3+4+3+3+4+3+3+3+3+3+5 = 40.
  it('should find 12 chapters and 40 sections', () => {
    expect(ofKind('chapter')).toHaveLength(12);
    expect(ofKind('section')).toHaveLength(40);
    const perChapter = ofKind('chapter').map((c) => result.items.filter((i) => i.parentKey === c.key && i.kind === 'section').length);
    expect(perChapter).toEqual([3, 3, 4, 3, 3, 4, 3, 3, 3, 3, 3, 5]);
  });

  it('should read the chapter titles, whatever space the export left after 第X章', () => {
    expect(ofKind('chapter').map((c) => c.title)).toEqual([
      '基础与形势',
      '指导思想、基本原则与主要目标',
      '促进产业转型升级，加快绿色低碳发展',
      '控制温室气体排放，积极应对气候变化',
      '强化协同控制，改善大气环境质量', // "第五章　" with an ideographic space
      '坚持“三水统筹”，巩固水生态环境质量',
      '推进系统防治，提升土壤和地下水环境质量',
      '提升农村生态环境，服务乡村振兴战略',
      '加强生态空间监管，筑牢生态安全屏障', // its introduction follows without an empty line
      '强化环境风险管控，严守环境安全底线',
      '构建现代环境管控体系，提高生态环境治理能力',
      '完善规划保障措施，建立长效实施机制',
    ]);
  });

  it('should read a section title the export glued to 第二节', () => {
    expect(byKey('section:10.2').title).toBe('提升固体废物处置监管能力');
    expect(byKey('section:10.2').line).toBe(898);
  });

  it('should keep chapter 9 introduction that follows its heading without an empty line', () => {
    expect(byKey('chapter:9').body).toMatch(/^贯彻人与自然和谐共生/);
  });

  it('should keep the background chapters as reference text, not assignable measures', () => {
    for (const key of ['section:1.1', 'section:1.2', 'section:1.3', 'section:2.1', 'section:2.2', 'section:2.3']) {
      expect(byKey(key).assignable).toBe(false);
      expect(result.items.some((i) => i.parentKey === key)).toBe(false);
    }
    expect(byKey('section:1.1').body).toMatch(/^生态环境保护制度体系不断完善。/);
    expect(byKey('section:2.2').body.split('\n')).toHaveLength(5);
  });

  it('should make the five guarantee sections of chapter 12 assignable on their own', () => {
    const guarantee = result.items.filter((i) => i.parentKey === 'chapter:12');
    expect(guarantee.map((s) => [s.number, s.title, s.assignable])).toEqual([
      ['12.1', '强化组织领导', true],
      ['12.2', '加强队伍建设', true],
      ['12.3', '加大投入力度', true],
      ['12.4', '加大宣传引导', true],
      ['12.5', '强化实施监督', true],
    ]);
    expect(byKey('section:12.3').body).toMatch(/^各级政府要把生态环境保护作为公共财政支出重点/);
  });
});

describe('measures', () => {
  // Counted section by section in chapters 3–11: every paragraph that opens with a short lead sentence.
  const perSection: Record<string, number> = {
    '3.1': 4,
    '3.2': 3,
    '3.3': 4,
    '3.4': 3,
    '4.1': 3,
    '4.2': 3,
    '4.3': 4,
    '5.1': 3,
    '5.2': 3,
    '5.3': 4,
    '6.1': 3,
    '6.2': 4,
    '6.3': 4,
    '6.4': 4,
    '7.1': 3,
    '7.2': 3,
    '7.3': 3,
    '8.1': 2,
    '8.2': 3,
    '8.3': 4,
    '9.1': 4,
    '9.2': 3,
    '9.3': 3,
    '10.1': 3,
    '10.2': 3,
    '10.3': 3,
    '11.1': 3,
    '11.2': 3,
    '11.3': 4,
  };

  it('should find 96 measures, section by section', () => {
    expect(ofKind('measure')).toHaveLength(96);
    const counted: Record<string, number> = {};
    for (const m of ofKind('measure')) {
      const section = m.number.split('.').slice(0, 2).join('.');
      counted[section] = (counted[section] ?? 0) + 1;
    }
    expect(counted).toEqual(perSection);
  });

  it('should number measures chapter.section.n and make them assignable', () => {
    expect(ofKind('measure').every((m) => m.assignable && /^\d+\.\d+\.\d+$/.test(m.number))).toBe(true);
    expect(result.items.filter((i) => i.parentKey === 'section:6.4').map((m) => [m.number, m.title])).toEqual([
      ['6.4.1', '优化水资源配置格局'],
      ['6.4.2', '加强水资源保障'],
      ['6.4.3', '保障河湖生态流量'],
      ['6.4.4', '提高水资源利用效率'],
    ]);
  });

  it('should use the lead sentence as the title and the whole paragraph as the body', () => {
    const m = byKey('measure:3.3.1');
    expect(m.title).toBe('优化能源供给结构');
    expect(m.body).toMatch(/^优化能源供给结构。深入贯彻“四个革命、一个合作”能源安全新战略/);
    expect(m.body).toMatch(/积极布局发展高性能锂离子储能电池、高压分布式储能系统等。$/);
    expect(m.line).toBe(562);
  });

  it('should join the one lead sentence a footnote reference broke (line 520) back into a whole title', () => {
    const m = byKey('measure:3.1.2');
    expect(m.title).toBe('建立以“三线一单”为核心的生态环境分区管控体系');
    expect(m.body).toMatch(/^建立以“三线一单”为核心的生态环境分区管控体系。严格落实生态保护红线/);
    expect(m.line).toBe(520);
  });

  it('should join every other sentence a footnote reference broke, in bodies too', () => {
    expect(byKey('section:2.3').body).toContain('监测断面水质实现“减四保三争二”。土壤和地下水'); // lines 290–291
    expect(byKey('section:2.3').body).toContain('“三屏多廊多斑块”的生态安全格局得到构建'); // 293–294
    expect(byKey('measure:3.1.1').body).toContain('形成“一心两极三轴三区”的国土空间总体格局和“三屏、六廊、多斑块”的生态安全格局。'); // 516–518
    expect(byKey('measure:3.2.3').body).toContain('严格实施“双超双有”企业强制清洁生产审核'); // 557–558
    expect(byKey('measure:4.1.3').body).toContain('严控“两高”项目盲目发展'); // 603–604
    expect(byKey('measure:7.2.2').body).toContain('以“双源”地下水环境调查为重点'); // 765–766
    expect(byKey('measure:7.2.2').body).toContain('重点针对“一企一库”“两区两场”开展污染源周边'); // 766–767
    expect(byKey('chapter:10').body).toContain('强化“一废一库一品”环境风险管控'); // 887–888
    // no measure's title or body keeps a line break from the export
    expect(ofKind('measure').some((m) => m.body.includes('\n') || m.title.includes('\n'))).toBe(false);
  });

  it('should give every measure a short title with no sentence punctuation', () => {
    for (const m of ofKind('measure')) expect(m.title).not.toMatch(/[。，；\n]/);
    const longest = [...ofKind('measure')].sort((x, y) => y.title.length - x.title.length);
    expect(longest.slice(0, 2).map((m) => [m.number, m.title.length])).toEqual([
      ['3.1.2', 23],
      ['7.2.1', 18],
    ]);
  });
});

describe('专栏 (columns), projects and boxed blocks', () => {
  it('should find 9 columns with their titles, each under its chapter', () => {
    expect(ofKind('column').map((c) => [c.number, c.parentKey, c.title])).toEqual([
      ['C1', 'chapter:3', '产业结构调整重大工程'],
      ['C2', 'chapter:4', '应对气候变化重大工程'],
      ['C3', 'chapter:5', '重点行业大气污染治理工程'],
      ['C4', 'chapter:6', '水生态环境保护提升重大工程'],
      ['C5', 'chapter:7', '土壤和重金属污染治理重大工程'],
      ['C6', 'chapter:8', '农村生态环境保护重大工程'],
      ['C7', 'chapter:9', '生态保护领域重大工程'],
      ['C8', 'chapter:10', '强化风险管控重大工程'],
      ['C9', 'chapter:11', '生态环境监管能力重大工程'],
    ]);
  });

  // （一）（二）… under each 专栏: 3+3+4+4+4+2+4+2+3 = 29.
  it('should find 29 projects, numbered C<column>.<n> and assignable', () => {
    const projects = ofKind('project');
    expect(projects).toHaveLength(29);
    const perColumn = ofKind('column').map((c) => projects.filter((p) => p.parentKey === c.key).length);
    expect(perColumn).toEqual([3, 3, 4, 4, 4, 2, 4, 2, 3]);
    expect(projects.every((p) => p.assignable)).toBe(true);
    expect(result.items.filter((i) => i.parentKey === 'column:C4').map((p) => [p.number, p.title])).toEqual([
      ['C4.1', '饮用水安全保障工程'],
      ['C4.2', '城镇生活污水收集处理提质增效工程'],
      ['C4.3', '重要河湖生态保护修复工程'],
      ['C4.4', '水源地监测预警和应急保障体系'],
    ]);
  });

  it('should keep the numbered sub-items of a project in its body and as sub-items', () => {
    const p = byKey('project:C9.1');
    expect(p.title).toBe('生态环境监测能力建设工程');
    expect(p.subItems.map((s) => [s.number, s.title, s.line])).toEqual([
      ['1', '水环境监测能力建设', 959],
      ['2', '土壤和地下水监测能力建设', 961],
      ['3', '大气环境监测能力建设', 963],
    ]);
    expect(p.body.split('\n')).toHaveLength(3);
    expect(p.body).toContain('3.大气环境监测能力建设。增强空气环境质量自动监测能力');
  });

  it('should keep the 三线一单 box with the section it stands in, between measures 3.1.2 and 3.1.3', () => {
    expect(ofKind('block')).toHaveLength(1);
    const block = byKey('block:3.1.B1');
    expect(block).toMatchObject({ parentKey: 'section:3.1', title: '宜春市“三线一单”生态环境分区管控要求', assignable: false, line: 523 });
    expect(block.body.split('\n')[0]).toBe('（一）管控格局');
    expect(block.body).toContain('（二）总体准入要求');
    expect(block.body).toMatch(/服务产业结构优化、产业布局调整和经济社会高质量发展。$/);
    const order = result.items.map((i) => i.key);
    expect(order.indexOf('block:3.1.B1')).toBe(order.indexOf('measure:3.1.2') + 1);
    expect(order.indexOf('measure:3.1.3')).toBe(order.indexOf('block:3.1.B1') + 1);
    expect(byKey('measure:3.1.3').title).toBe('完善生态产品价值实现机制');
  });

  it('should count 130 assignable items: 96 measures, 29 projects and 5 guarantee sections', () => {
    expect(result.items.filter((i) => i.assignable)).toHaveLength(130);
  });
});

describe('indicators (表2) and the reference table (表1)', () => {
  type Row = [number, string, string, number | null, number | null, number | null, boolean, string];
  // number, scope, unit, 2020 baseline, 2025 target, five-year cumulative, 约束性, direction — read off 表2.
  const expected: Row[] = [
    [1, '中心城区', '微克/立方米', 37, 29, null, true, 'lower'],
    [1, '县（市、区）城市', '微克/立方米', 41, 24.9, null, false, 'lower'],
    [2, '中心城区', '%', 89.86, 94, null, true, 'higher'],
    [2, '县（市、区）城市', '%', 86.21, 95.2, null, false, 'higher'],
    [3, '国考监测断面', '%', 100, 100, null, true, 'hold'],
    [3, '省考监测断面', '%', 92.5, 100, null, false, 'higher'],
    [4, '全市监测断面', '%', 62.5, 65, null, false, 'higher'],
    [5, '全市监测断面', '%', 0, 0, null, true, 'hold'],
    [6, '全市', '%', 50, null, null, false, 'judged'],
    [7, '氮氧化物', '万吨', null, null, null, true, 'judged'],
    [7, '挥发性有机物', '万吨', null, null, null, true, 'judged'],
    [7, '化学需氧量', '万吨', null, null, null, true, 'judged'],
    [7, '氨氮', '万吨', null, null, null, true, 'judged'],
    [8, '全市', '%', null, null, null, true, 'judged'],
    [9, '全市', '%', null, null, null, true, 'judged'],
    [10, '全市', '%', null, null, null, false, 'judged'],
    [11, '全市', '%', null, 93, null, true, 'higher'],
    [12, '全市', '%', null, 93, null, true, 'higher'],
    [13, '全市', '起/万枚', 0, 1.3, null, false, 'lower'],
    [14, '全市', '', null, null, null, false, 'judged'],
    [15, '全市', '%', 57.12, 57.12, null, true, 'higher'],
    [16, '全市', '%', null, null, null, true, 'judged'],
    [17, '全市', '%', 100, 100, null, false, 'hold'],
    [18, '城镇生活污水处理率', '%', 95.8, 96, null, false, 'higher'],
    [18, '农村生活污水治理率', '%', 20, 30, null, false, 'higher'],
    [19, '全市', '%', 100, 100, null, true, 'hold'],
    [20, '全市', '%', 0, 0, null, false, 'hold'],
  ];

  it('should read 20 indicators in 27 scope rows, with every value', () => {
    expect(new Set(result.indicators.map((i) => i.number)).size).toBe(20);
    expect(
      result.indicators.map((i): Row => [i.number, i.scope, i.unit, i.baseline, i.target, i.cumulativeTarget, i.binding, i.direction]),
    ).toEqual(expected);
  });

  it('should keep a bracketed 2020 figure as a five-year sum, not a level, and the bound each target writes', () => {
    const byNumber = (n: number) => result.indicators.filter((i) => i.number === n);
    expect(byNumber(8)[0]).toMatchObject({ baseline: null, baselineText: '[19.5]' });
    expect(byNumber(9)[0]).toMatchObject({ baseline: null, baselineText: '[20]' });
    expect(result.indicators.map((i) => `${i.number}${i.comparator}`).join(' ')).toBe(
      '1= 1= 2= 2= 3= 3= 4>= 5= 6judged 7judged 7judged 7judged 7judged 8judged 9judged 10judged 11≈ 12= 13< 14judged 15>= 16judged 17= 18= 18= 19= 20=',
    );
  });

  it('should read names, categories and the targets written in words', () => {
    const first = result.indicators[0];
    expect(first).toMatchObject({
      name: '细颗粒物（PM2.5）浓度',
      category: '环境治理',
      baselineText: '37.0',
      targetText: '29.0',
      line: 310,
    });
    const byNumber = (n: number) => result.indicators.find((i) => i.number === n);
    expect(byNumber(6)).toMatchObject({ name: '地下水环境质量（区域）V类水比例', targetText: '稳中向好' });
    expect(byNumber(8)).toMatchObject({ category: '应对气候变化', baselineText: '[19.5]', targetText: '[完成省下达目标]' });
    expect(byNumber(14)).toMatchObject({ name: '生态质量指数（EQI）', unit: '', category: '生态保护' });
    expect(byNumber(16)).toMatchObject({ targetText: '不低于国家批复要求' });
    expect(byNumber(20)).toMatchObject({ name: '城市黑臭水体比例', category: '人居环境改善' });
    expect(result.indicatorTable).toMatchObject({ title: '宜春市“十四五”生态环境保护规划主要指标', line: 298 });
    expect(result.indicatorTable?.notes).toHaveLength(6);
  });

  it('should keep table 1 (the last plan, 21 indicators) as a reference table with its notes', () => {
    expect(result.referenceTables).toHaveLength(1);
    const t = result.referenceTables[0];
    expect(t?.title).toBe('宜春市“十三五”生态环境保护规划指标完成情况');
    expect(t?.rows).toHaveLength(22);
    expect(t?.rows[0]).toEqual(['类别', '序号', '指标名称', '基期值（2015）', '规划目标值（2020）', '指标\n属性', '2020年']);
    expect(t?.rows.slice(1).every((r) => r.length === 7)).toBe(true);
    expect(t?.rows[15]).toEqual([
      '污染防治',
      '15',
      '生活污水集中处理率（％）',
      '城镇75.1',
      '县城85\n城市95\n中心城区100',
      '约束性',
      '城镇95.82',
    ]);
    expect(t?.notes).toHaveLength(5);
  });
});

describe('milestones, periods and targets', () => {
  const milestones = () => result.items.flatMap((i) => i.milestones.map((m) => `${i.number} ${m.date}`));

  // grep in chapters 3–12: "到2025年" ×17, "到2023年" ×1, "2023年底前" ×2.
  it('should date all 20 deadlines in the action chapters', () => {
    expect(milestones()).toHaveLength(20);
    expect(milestones().filter((m) => m.endsWith('2023-12-31'))).toEqual(['3.2.3 2023-12-31', '6.2.1 2023-12-31', '7.2.2 2023-12-31']);
  });

  it('should keep the clause each deadline governs', () => {
    expect(byKey('measure:3.2.3').milestones[0]?.text).toMatch(/^2023年底前，全市能源、建材、有色、化工/);
    expect(byKey('measure:6.2.1').milestones.map((m) => m.date)).toEqual(['2023-12-31', '2025-12-31']);
    expect(byKey('measure:6.2.1').milestones[0]?.text).toBe(
      '到2023年，完成赣江、肖江、锦江、袁河、南潦河、北潦河、清丰山溪等主要河流、重要支流入河排污口排查整治',
    );
    expect(byKey('measure:6.4.4').milestones.map((m) => m.text)).toEqual([
      '到2025年，全市用水总量控制在36.88亿m3以内',
      '到2025年，农业灌溉水有效利用系数达到0.53',
    ]);
  });

  it('should not take dates from the background chapters', () => {
    expect(byKey('section:2.3').milestones).toEqual([]);
    expect(byKey('section:1.1').targets).toEqual([]);
  });

  it('should keep 5月—10月 and 秋冬季 as recurring periods', () => {
    expect(byKey('measure:5.2.2').periods).toEqual([{ months: [5, 6, 7, 8, 9, 10], text: '以5月—10月为重点控制时段' }]);
    expect(byKey('project:C3.2').periods[0]?.months).toEqual([5, 6, 7, 8, 9, 10]);
    expect(byKey('measure:5.1.2').periods).toEqual([
      { months: [10, 11, 12, 1, 2, 3], text: '不断完善秋冬季工业企业生产调控力度和减排措施' },
    ]);
  });

  it('should read quantitative targets with their numbers and units', () => {
    expect(byKey('measure:9.1.2').targets).toEqual([
      { text: '全市森林覆盖率稳定在57.12%左右', value: 57.12, unit: '%' },
      { text: '新增造林面积50万亩', value: 50, unit: '万亩' },
      { text: '完成低产低效林改造20万亩', value: 20, unit: '万亩' },
      { text: '其中营造乡土珍贵树种10万亩', value: 10, unit: '万亩' },
    ]);
    expect(byKey('measure:6.4.4').targets).toEqual([
      { text: '全市用水总量控制在36.88亿m3以内', value: 36.88, unit: '亿m3' },
      { text: '农业灌溉水有效利用系数达到0.53', value: 0.53, unit: '' },
    ]);
    expect(byKey('measure:9.2.3').targets).toEqual([{ text: '新增治理水土流失面积300km2', value: 300, unit: 'km2' }]);
    expect(byKey('measure:8.1.1').targets.map((t) => t.value)).toEqual([80, 95]);
    expect(byKey('project:C7.3').targets.map((t) => `${t.value}${t.unit}`)).toEqual(['50万亩', '20万亩', '10万亩', '300km2']);
    expect(byKey('measure:9.3.2').targets.map((t) => `${t.value}${t.unit}`)).toEqual(['2个', '1个', '2个']);
  });

  it('should not take conditions, times or labels for targets', () => {
    // "进水生化需氧量浓度低于100 mg/L的……污水处理厂" is a condition; "24小时监测", "1小时……交通圈" are not quantities.
    expect(byKey('measure:6.2.3').targets.map((t) => t.value)).toEqual([95, 90, 75]);
    expect(byKey('measure:11.2.1').targets.map((t) => t.value)).toEqual([90, 100]);
    expect(byKey('measure:3.3.3').targets).toEqual([]);
    expect(byKey('measure:8.3.4').targets).toEqual([]);
  });
});

describe('counties and zones', () => {
  it('should resolve county and zone names through the org-unit aliases', () => {
    expect(byKey('measure:4.1.1').mentionedUnitCodes).toEqual(['jingan', 'fengxin', 'tonggu']);
    expect(byKey('measure:3.3.2').mentionedUnitCodes).toEqual([
      'yuanzhou',
      'jingan',
      'fengxin',
      'gaoan',
      'shanggao',
      'yifeng',
      'wanzai',
      'ecdz',
    ]);
    expect(byKey('measure:9.1.4').mentionedUnitCodes).toEqual(['mingyueshan']);
    expect(byKey('measure:7.2.3').mentionedUnitCodes).toEqual(['fengcheng']);
    expect(byKey('measure:3.1.1').mentionedUnitCodes).toEqual([]);
  });

  it('should resolve the document’s group abbreviations 丰樟高 and 奉靖 to their counties', () => {
    // "支持丰樟高和奉靖两组团融入大南昌都市圈": 樟树, 奉新 and 靖安 are named only through the groups.
    expect(byKey('measure:3.2.3').mentionedUnitCodes).toEqual(['zhangshu', 'fengcheng', 'jingan', 'fengxin', 'gaoan']);
    expect(byKey('project:C1.1').mentionedUnitCodes).toEqual([
      'yuanzhou',
      'zhangshu',
      'fengcheng',
      'jingan',
      'fengxin',
      'gaoan',
      'shanggao',
      'yifeng',
      'wanzai',
      'ecdz',
    ]);
    const withoutGroups = parsePlanDocument(fixtureText(YICHUN), { ...yichunOptions(), groupAbbreviations: [] });
    expect(withoutGroups.items.find((i) => i.key === 'measure:3.2.3')?.mentionedUnitCodes).toEqual([]);
  });

  it('should name no unit when no org units are given', () => {
    expect(parsePlanDocument(fixtureText(YICHUN)).items.every((i) => i.mentionedUnitCodes.length === 0)).toBe(true);
  });
});

describe('glossary (the footnotes at the end)', () => {
  // Ten lines starting with U+FFFD (lines 997–1024); "三屏" is footnoted twice with different explanations.
  it('should read the 10 footnotes, each linked to the items that use its term', () => {
    expect(result.glossary.map((g) => [g.number, g.term, g.referenceLine, g.itemKeys])).toEqual([
      [1, '减四保三争二', 290, ['section:2.3']],
      [2, '三屏', 293, ['section:2.3']],
      [3, '一心', 516, ['measure:3.1.1']],
      [4, '三屏', 517, ['measure:3.1.1']],
      [5, '三线一单', 520, ['measure:3.1.2', 'block:3.1.B1']],
      [6, '双超', 557, ['measure:3.2.3']],
      [7, '两高', 603, ['measure:4.1.3', 'measure:4.2.1']],
      [8, '双源', 765, ['measure:7.2.2', 'project:C9.1']],
      [9, '一企一库', 766, ['measure:7.2.2']],
      [10, '一废一库一品', 887, ['chapter:10']],
    ]);
    expect(new Set(result.glossary.map((g) => g.term)).size).toBe(9);
  });

  it('should keep each explanation and the words the reference stood after', () => {
    expect(result.glossary[4]).toMatchObject({
      explanation: '生态保护红线、环境质量底线、资源利用上线和生态环境准入清单。',
      referenceText: '三线一单',
      line: 1009,
    });
    expect(result.glossary[1]?.referenceText).toBe('三屏多廊多斑块');
    expect(result.glossary[3]?.explanation).toMatch(/^幕连九山脉、武功山和武夷山支脉三大生态屏障/);
    expect(result.glossary[8]?.referenceText).toBe('一企一库、两区两场');
  });

  it('should list the terms on the items', () => {
    expect(byKey('measure:3.1.1')).toMatchObject({ glossaryTerms: ['一心', '三屏'], footnoteNumbers: [3, 4] });
    expect(byKey('measure:7.2.2')).toMatchObject({ glossaryTerms: ['双源', '一企一库'], footnoteNumbers: [8, 9] });
    expect(byKey('measure:3.1.3').glossaryTerms).toEqual([]);
  });
});

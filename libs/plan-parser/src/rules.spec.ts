/** The small rules, one by one. */
import { describe, expect, it } from 'vitest';
import { chapterRole, leadSentence } from './assemble';
import { findMilestones, findPeriods, findTargets } from './extract';
import { referencePhrases } from './glossary';
import { indicatorDirection, parseValue, splitNameAndUnit } from './indicators';
import { planCode } from './plan-meta';
import { monthEnd, parseChineseNumber, parseYear, splitLines } from './text';
import { unitMatcher } from './units';
import { yichunOptions, yichunUnits } from './test-fixtures';

describe('numbers and lines', () => {
  it('should read Chinese numerals and years', () => {
    expect(['一', '十', '十二', '二十', '二十一', '一百零五', '7'].map(parseChineseNumber)).toEqual([1, 10, 12, 20, 21, 105, 7]);
    expect(parseChineseNumber('第')).toBeNull();
    expect(parseYear('二〇二五')).toBe(2025);
    expect(parseYear('2035')).toBe(2035);
  });

  it('should know month ends, leap years included', () => {
    expect([monthEnd(2022, 6), monthEnd(2024, 2), monthEnd(2023, 2), monthEnd(2100, 2)]).toEqual([
      '2022-06-30',
      '2024-02-29',
      '2023-02-28',
      '2100-02-28',
    ]);
  });

  it('should classify headings with or without the spaces the export dropped', () => {
    const kinds = splitLines(
      '第一章  基础\n第二节提升能力\n第五章\u3000强化\n\t专栏3  工程\n表2  主要指标\n\t\n\t单元格\n 抄送：市委。\n\uFFFD 注：解释',
    ).map((l) => `${l.kind}:${l.heading?.number ?? ''}:${l.heading?.title ?? ''}`);
    expect(kinds).toEqual([
      'chapter:1:基础',
      'section:2:提升能力',
      'chapter:5:强化',
      'column:3:工程',
      'caption:2:主要指标',
      'cell::',
      'cell::',
      'trailer::',
      'footnote::',
    ]);
  });

  it('should not take a sentence that starts with 第X章 for a heading', () => {
    expect(splitLines('第三章所列任务由各县（市、区）落实。')[0]?.kind).toBe('text');
  });
});

describe('chapters and measures', () => {
  it('should tell background, action and guarantee chapters by their titles', () => {
    expect(chapterRole('基础与形势')).toBe('background');
    expect(chapterRole('指导思想、基本原则与主要目标')).toBe('background');
    expect(chapterRole('加强生态空间监管，筑牢生态安全屏障')).toBe('action');
    expect(chapterRole('保障饮用水水源安全')).toBe('action');
    expect(chapterRole('完善规划保障措施，建立长效实施机制')).toBe('guarantee');
  });

  it('should take a short first sentence without commas as a measure’s lead', () => {
    expect(leadSentence('优化国土空间总体战略格局。强化国土空间规划。')).toBe('优化国土空间总体战略格局');
    expect(leadSentence('切实加强对规划实施的组织领导，落实具体责任。')).toBeNull();
    expect(leadSentence('没有句号的段落')).toBeNull();
    expect(leadSentence(`${'很'.repeat(41)}。`)).toBeNull();
  });
});

describe('milestones', () => {
  const dates = (text: string) => findMilestones(text).map((m) => m.date);

  it('should date deadlines of every form', () => {
    expect(dates('2023年底前，完成一轮清洁生产审核。')).toEqual(['2023-12-31']);
    expect(dates('到2025年，实现煤炭消费总量负增长。')).toEqual(['2025-12-31']);
    expect(dates('2022年6月底前，完成排查。')).toEqual(['2022-06-30']);
    expect(dates('2024年2月底前完成。')).toEqual(['2024-02-29']);
    expect(dates('2024年3月15日前报送。')).toEqual(['2024-03-15']);
    expect(dates('2023年上半年完成。')).toEqual(['2023-06-30']);
    expect(dates('到二〇三〇年，基本形成。')).toEqual(['2030-12-31']);
    expect(dates('到2025年底，建成。')).toEqual(['2025-12-31']);
  });

  it('should not take dates in passing, ranges or impossible dates for milestones', () => {
    expect(dates('2020年全市未发生环境污染事件。')).toEqual([]);
    expect(dates('采用2018—2020年的三年平均值。')).toEqual([]);
    expect(dates('《指导标准（2020年版）》')).toEqual([]);
    expect(dates('2023年2月30日前完成。')).toEqual([]);
  });

  it('should keep each deadline’s own clause', () => {
    expect(findMilestones('建立调度机制，2028年6月底前完成中期评估，2030年底前完成终期考核。')).toEqual([
      { date: '2028-06-30', text: '2028年6月底前完成中期评估' },
      { date: '2030-12-31', text: '2030年底前完成终期考核' },
    ]);
  });
});

describe('periods', () => {
  it('should read month ranges and seasons as recurring months', () => {
    expect(findPeriods('以5月—10月为重点控制时段')).toEqual([{ months: [5, 6, 7, 8, 9, 10], text: '以5月—10月为重点控制时段' }]);
    expect(findPeriods('每年11月至次年2月开展')).toEqual([{ months: [11, 12, 1, 2], text: '每年11月至次年2月开展' }]);
    expect(findPeriods('6—8月加密监测')[0]?.months).toEqual([6, 7, 8]);
    expect(findPeriods('完善秋冬季工业企业生产调控')[0]?.months).toEqual([10, 11, 12, 1, 2, 3]);
  });

  it('should not read a span between two dates as a recurring period', () => {
    expect(findPeriods('2021年5月—2022年10月开展专项行动')).toEqual([]);
  });
});

describe('targets', () => {
  const values = (text: string) => findTargets(text).map((t) => `${t.value}${t.unit}`);

  it('should read numbers with units in commitments', () => {
    expect(findTargets('新增造林面积50万亩')).toEqual([{ text: '新增造林面积50万亩', value: 50, unit: '万亩' }]);
    expect(findTargets('农业灌溉水有效利用系数达到0.53')).toEqual([{ text: '农业灌溉水有效利用系数达到0.53', value: 0.53, unit: '' }]);
    expect(values('县城生活污水处理率达到95%以上')).toEqual(['95%']);
    expect(values('用水总量控制在36.88亿m3以内')).toEqual(['36.88亿m3']);
    expect(values('到2025年，新增治理水土流失面积300km2')).toEqual(['300km2']);
    expect(values('占比稳定在27.5%、30.3%和42.2%')).toEqual(['27.5%', '30.3%', '42.2%']);
  });

  it('should leave descriptions, conditions, times and codes alone', () => {
    expect(values('对进水浓度低于100 mg/L的污水处理厂开展整治')).toEqual([]);
    expect(values('实现24小时监测与数据传输')).toEqual([]);
    expect(values('将7个流域控制单元的责任落实到县')).toEqual([]);
    expect(values('加强对PM10、PM2.5、O3的监测，推广5G应用')).toEqual([]);
    expect(values('推进“4+1”工程，在5°以下平原区域')).toEqual([]);
  });
});

describe('indicator cells', () => {
  it('should read values however they are written', () => {
    expect(['37.0', '≥65.00', '93.00左右', '<1.3', '[19.5]', '—', '稳中向好', '[完成省下达目标]'].map(parseValue)).toEqual([
      37,
      65,
      93,
      1.3,
      19.5,
      null,
      null,
      null,
    ]);
  });

  it('should split the unit off the name, but not an acronym', () => {
    expect(splitNameAndUnit('细颗粒物（PM2.5）浓度（微克/立方米）')).toEqual({ name: '细颗粒物（PM2.5）浓度', unit: '微克/立方米' });
    expect(splitNameAndUnit('地下水环境质量（区域）V类水比例（%）')).toEqual({ name: '地下水环境质量（区域）V类水比例', unit: '%' });
    expect(splitNameAndUnit('生态质量指数（EQI）')).toEqual({ name: '生态质量指数（EQI）', unit: '' });
  });

  it('should decide the direction from bounds, baseline and target', () => {
    expect(indicatorDirection('浓度', 37, 29, '29.0', null)).toBe('lower');
    expect(indicatorDirection('比例', 62.5, 65, '≥65.00', null)).toBe('higher');
    expect(indicatorDirection('发生率', 0, 1.3, '<1.3', null)).toBe('lower');
    expect(indicatorDirection('比例', 0, 0, '0', null)).toBe('hold');
    expect(indicatorDirection('指数', null, null, '稳中向好', null)).toBe('judged');
    expect(indicatorDirection('排放量减少', null, null, '—', 0.5)).toBe('higher');
    expect(indicatorDirection('安全利用率', null, 93, '93.00左右', null)).toBe('higher');
  });
});

describe('footnote references and counties', () => {
  it('should take the quoted words before a footnote reference', () => {
    expect(referencePhrases('形成“一心两极三轴三区”')).toEqual(['一心两极三轴三区']);
    expect(referencePhrases('重点针对“一企一库”“两区两场”')).toEqual(['一企一库', '两区两场']);
    expect(referencePhrases('严格实施双超双有')).toEqual(['严格实施双超双有']);
  });

  it('should find counties by alias, skip everyday words, and expand group abbreviations', () => {
    const { groupAbbreviations = [], ambiguousNames = [] } = yichunOptions();
    const m = unitMatcher(yichunUnits(), groupAbbreviations, ambiguousNames);
    expect(m.mentions('支持丰樟高和奉靖两组团')).toEqual(['zhangshu', 'fengcheng', 'jingan', 'fengxin', 'gaoan']);
    expect(m.mentions('袁上万宜协同发展区')).toEqual(['yuanzhou', 'shanggao', 'yifeng', 'wanzai']);
    expect(m.mentions('提高安全保障水平，县级以上高标准建设，车辆上高速')).toEqual([]);
    expect(m.mentions('高安市、上高县、宜春经开区、明月山温泉风景名胜区')).toEqual(['gaoan', 'shanggao', 'ecdz', 'mingyueshan']);
    expect(m.mentions('市发展和改革委员会牵头')).toEqual([]); // departments are not places
  });

  it('should ignore a group whose members are not units of this city', () => {
    const { groupAbbreviations = [] } = yichunOptions();
    const m = unitMatcher([{ code: 'x', name: '某县', kind: 'county', aliases: ['某县'] }], groupAbbreviations);
    expect(m.mentions('支持丰樟高和奉靖两组团')).toEqual([]);
  });

  it('should know no group and no everyday-word exception but those it is given', () => {
    const bare = unitMatcher(yichunUnits(), []);
    expect(bare.mentions('支持丰樟高和奉靖两组团')).toEqual([]);
    expect(bare.mentions('提高安全保障水平')).toEqual(['gaoan']);
    const other = unitMatcher(
      [
        { code: 'jia', name: '甲县', kind: 'county', aliases: ['甲县', '甲'] },
        { code: 'yi', name: '乙区', kind: 'county', aliases: ['乙区'] },
      ],
      [{ abbreviation: '甲乙', members: ['甲县', '乙区'] }],
      [{ name: '甲', notBefore: '级' }],
    );
    expect(other.mentions('推进甲乙一体化')).toEqual(['jia', 'yi']);
    expect(other.mentions('甲级资质')).toEqual([]);
  });
});

describe('plan code', () => {
  it('should derive a readable code from the title and period', () => {
    const yichun = { name: '宜春市', code: 'yichun' };
    expect(planCode('宜春市“十四五”生态环境保护规划', { start: 2021, end: 2025 }, yichun)).toBe('yichun-eco-2021-2025');
    expect(planCode('宜春市“十四五”生态环境保护规划', { start: 2021, end: 2025 })).toBe('plan-eco-2021-2025');
    expect(planCode('抚州市“十五五”生态环境保护规划', { start: 2026, end: 2030 }, { name: '抚州市', code: 'fuzhou' })).toBe(
      'fuzhou-eco-2026-2030',
    );
    expect(planCode('某市“十四五”交通规划', { start: 2021, end: 2025 }, yichun)).toBe('plan-2021-2025');
    expect(planCode('', null)).toBe('plan');
  });
});

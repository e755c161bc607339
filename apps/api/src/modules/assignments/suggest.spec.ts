import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '@duban/domain';
import { countyScope, itemSchedule, scoreDepartments, suggestAssignments, SUGGESTION_TUNING, type SuggestUnit } from './suggest';

const calendar = new WorkingCalendar({
  years: [2021, 2022, 2023, 2024, 2025],
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  workdays: ['2025-09-28', '2025-10-11'],
});
const plan = { periodStart: '2021-01-01', periodEnd: '2025-12-31' };

const dept = (code: string, name: string): SuggestUnit => ({ id: `id-${code}`, code, name, kind: 'department', aliases: [name] });
const place = (code: string, name: string, alias: string, kind: 'county' | 'zone' = 'county'): SuggestUnit => ({
  id: `id-${code}`,
  code,
  name,
  kind,
  aliases: [alias],
});
const units: SuggestUnit[] = [
  dept('ecology-environment', '市生态环境局'),
  dept('forestry', '市林业局'),
  dept('water-resources', '市水利局'),
  dept('housing-construction', '市住房和城乡建设局'),
  dept('finance', '市财政局'),
  place('fengcheng', '丰城市', '丰城'),
  place('zhangshu', '樟树市', '樟树'),
  place('gaoan', '高安市', '高安'),
  place('jingan', '靖安县', '靖安'),
  place('mingyueshan', '明月山温泉风景名胜区', '明月山', 'zone'),
];
const rules = [
  { orgUnitId: 'id-forestry', weight: 5, keywords: ['森林', '松材线虫', '造林', '碳汇'] },
  { orgUnitId: 'id-water-resources', weight: 5, keywords: ['水土流失', '用水'] },
  { orgUnitId: 'id-ecology-environment', weight: 5, keywords: ['饮用水水源'] },
  { orgUnitId: 'id-housing-construction', weight: 3, keywords: ['生活污水', '污水'] },
  { orgUnitId: 'id-ecology-environment', weight: 5, keywords: ['农村生活污水'] },
  { orgUnitId: 'id-finance', weight: 2, keywords: ['资金'] },
  // rules for a county are ignored: suggestions name departments from the map
  { orgUnitId: 'id-jingan', weight: 10, keywords: ['森林'] },
];
const item = (
  title: string,
  body: string,
  extra: Partial<{ milestones: { date: string; text: string }[]; mentionedOrgUnitIds: string[] }> = {},
) => ({
  title,
  body,
  milestones: [],
  mentionedOrgUnitIds: [],
  ...extra,
});

describe('scoreDepartments', () => {
  it('should sum the weights of the keywords found, a keyword in the title counting triple', () => {
    const [top, next] = scoreDepartments(item('强化森林保护', '造林，松材线虫防治。加强水土流失治理。'), units, rules);
    expect(top).toMatchObject({
      unit: { code: 'forestry' },
      score: 5 * SUGGESTION_TUNING.titleFactor + 5 + 5,
      words: ['森林', '造林', '松材线虫'],
    });
    expect(next).toMatchObject({ unit: { code: 'water-resources' }, score: 5 });
  });

  it('should not count a keyword found only inside a longer keyword', () => {
    const scores = scoreDepartments(item('治理', '保护饮用水水源，开展农村生活污水治理。'), units, rules);
    expect(scores.map((s) => [s.unit.code, s.score])).toEqual([['ecology-environment', 10]]);
    const city = scoreDepartments(item('治理', '城镇生活污水收集，节约用水。'), units, rules);
    expect(city.map((s) => s.unit.code)).toEqual(['water-resources', 'housing-construction']);
    expect(city[1].words).toEqual(['生活污水']);
  });
});

describe('suggestAssignments', () => {
  it('should make the strongest department lead and others above the threshold support, with reasons', () => {
    const list = suggestAssignments(item('森林碳汇工程', '开展森林碳汇项目，加强水土流失治理，用水管理，落实资金。'), {
      plan,
      units,
      rules,
      calendar,
      groups: [],
    });
    expect(list.map((s) => [s.role, s.orgUnitName])).toEqual([
      ['lead', '市林业局'],
      ['support', '市水利局'],
    ]);
    expect(list[0].reasons[0]).toBe('命中关键词：森林、碳汇');
    expect(list[0].reasons[1]).toBe('职责匹配得分 30，最高，定为牵头单位');
    expect(list[1].reasons[0]).toBe('命中关键词：水土流失、用水');
    expect(list.every((s) => s.reportCycle === 'quarterly' && s.deadline === '2025-12-31')).toBe(true);
  });

  it('should fall back to 市生态环境局 as lead when no department reaches the lead threshold', () => {
    const list = suggestAssignments(item('强化组织领导', '落实资金。'), { plan, units, rules, calendar, groups: [] });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ role: 'lead', orgUnitName: '市生态环境局' });
    expect(list[0].reasons.slice(0, 2)).toEqual(['没有部门的职责匹配得分达到 5（最高 市财政局 2）', '默认由市生态环境局牵头']);
  });
});

describe('countyScope', () => {
  const groups = [{ abbreviation: '丰樟高', members: ['丰城', '樟树', '高安'] }];
  const named = (title: string, body: string, ids: string[] = []) =>
    countyScope(item(title, body, { mentionedOrgUnitIds: ids }), units, groups);

  it('should name the counties the text names, saying how', () => {
    const scope = named('开展碳汇试点', '在靖安等地开展，支持丰樟高组团。', ['id-jingan', 'id-fengcheng', 'id-zhangshu', 'id-gaoan']);
    expect([...scope.keys()]).toEqual(['id-fengcheng', 'id-zhangshu', 'id-gaoan', 'id-jingan']);
    expect(scope.get('id-jingan')).toEqual(['文中点名：靖安']);
    expect(scope.get('id-zhangshu')).toEqual(['文中点名组团“丰樟高”（丰城、樟树、高安）']);
  });

  it('should put every county and zone on work the text gives to every county', () => {
    const scope = named('推进土壤环境管理', '组织各县（市、区）积极申报项目，靖安先行。', ['id-jingan']);
    expect(scope.size).toBe(5);
    expect(scope.get('id-jingan')).toEqual(['文中点名：靖安', '文中要求“各县（市、区）”落实，全部 5 个县（市、区）和功能区']);
  });

  it('should put every county on local work that names none, and none on city-level work', () => {
    expect(named('加强水土流失治理', '实施综合治理。').size).toBe(5);
    expect(named('健全生态保护补偿机制', '完善补偿。').size).toBe(0);
    expect(named('完善生态环境监测网络', '建设监测站点。').size).toBe(0);
    expect(named('强化组织领导', '加强领导。').size).toBe(0);
  });
});

describe('itemSchedule', () => {
  it('should take the last dated milestone within the plan as the deadline and carry the earlier ones, merged by date', () => {
    const s = itemSchedule(
      {
        milestones: [
          { date: '2025-12-31', text: '到2025年，全部完成' },
          { date: '2023-12-31', text: '到2023年，完成一半' },
          { date: '2023-12-31', text: '2023年底前，建成系统' },
          { date: '2035-12-31', text: '到2035年，根本好转' },
        ],
      },
      plan,
      calendar,
    );
    expect(s.deadline).toBe('2025-12-31');
    expect(s.milestones).toEqual([{ date: '2023-12-29', text: '到2023年，完成一半；2023年底前，建成系统', status: 'open' }]);
  });

  it('should use the plan’s end without milestones and move a deadline off a holiday to the previous working day', () => {
    expect(itemSchedule({ milestones: [] }, plan, calendar)).toMatchObject({ deadline: '2025-12-31', milestones: [] });
    const holiday = itemSchedule({ milestones: [{ date: '2025-10-05', text: '国庆前完成' }] }, plan, calendar);
    expect(holiday.deadline).toBe('2025-09-30');
    expect(holiday.reasons).toContain('2025-10-05 不是工作日，截止日期提前到 2025-09-30');
  });
});

import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReportAction } from '@duban/domain';
import { AuditService } from './core/audit/audit.service';
import type { AuthUser } from './core/auth/auth-user';
import { ClockService } from './core/clock/clock.service';
import { repoRoot } from './core/config/app-config';
import { DEMO_PASSWORD } from './core/seed/seed.service';
import { AssignmentsService } from './modules/assignments/assignments.service';
import { DecompositionService } from './modules/assignments/decomposition.service';
import { CalendarService } from './modules/calendar/calendar.service';
import { EscalationsService } from './modules/escalations/escalations.service';
import { SweepService } from './modules/escalations/sweep.service';
import { ReportsService } from './modules/reports/reports.service';

export interface DemoSeedResult {
  decomposedOn: string;
  assignments: number;
  /** Reports written by the story, by their status at the demo date. */
  reports: Record<string, number>;
  evidence: number;
  /** Notices raised by the sweeps and by hand, by kind. */
  notices: Record<string, number>;
  answered: number;
  seconds: number;
}

/** The evidence files the demo's liaisons upload (seeds/demo-evidence: small JPEGs with EXIF time and place, a PDF). */
const FILES = {
  afforestation: 'afforestation-2024-03-18.jpg',
  patrol: 'river-patrol-2024-05-08.jpg',
  oldPhoto: 'old-site-photo-2022-06-01.jpg',
  acceptance: 'acceptance-record.pdf',
} as const;
type FileKey = keyof typeof FILES;

/** One step of a report's life: on `day`, its unit's liaison (`create`, `submit`, `edit`), leader, an inspector or the office acts. */
type ReportEvent =
  | { day: string; do: 'create'; files?: FileKey[] }
  | { day: string; do: 'edit'; summary: string; files?: FileKey[] }
  | { day: string; do: Exclude<ReportAction, 'return'> }
  | { day: string; do: 'return'; by: 'leader' | 'inspector'; reason: string };

interface ReportStory {
  unit: string;
  /** Which of the unit's open quarterly assignments (in plan order). */
  pick: number;
  period: string;
  progress: number;
  final?: boolean;
  summary: string;
  events: ReportEvent[];
}

const Q1 = '2024-Q1';
const Q2 = '2024-Q2';
const routineDone = (unit: string, pick: number, summary: string, files: FileKey[] = ['afforestation']): ReportStory => ({
  unit,
  pick,
  period: Q1,
  progress: 40,
  summary,
  events: [
    { day: '2024-04-02', do: 'create', files },
    { day: '2024-04-02', do: 'submit' },
    { day: '2024-04-09', do: 'confirm' },
    { day: '2024-04-16', do: 'approve' },
  ],
});

/** A 2023-Q4 and a 2024-Q1 report, both approved in time: work whose only open target is its (moved) deadline. */
const upToDate = (unit: string, pick: number, what: string): ReportStory[] => [
  {
    unit,
    pick,
    period: '2023-Q4',
    progress: 30,
    summary: `${what}：2023 年四季度按计划推进。`,
    events: [
      { day: '2024-01-04', do: 'create', files: ['afforestation'] },
      { day: '2024-01-04', do: 'submit' },
      { day: '2024-01-08', do: 'confirm' },
      { day: '2024-01-10', do: 'approve' },
    ],
  },
  {
    unit,
    pick,
    period: Q1,
    progress: 60,
    summary: `${what}：一季度主体工作完成，收尾工作待完成。`,
    events: [
      { day: '2024-04-03', do: 'create', files: ['afforestation'] },
      { day: '2024-04-03', do: 'submit' },
      { day: '2024-04-08', do: 'confirm' },
      { day: '2024-04-12', do: 'approve' },
    ],
  },
];

/**
 * Deadlines the office moves on the day of decomposition to a few working days around the demo date, on work whose
 * reports are up to date: one 提醒 ahead (level 0), 催办 (level 1) and 督办 (level 2) just past, besides the backlog's
 * 约谈/通报 candidates (level 3). `days` is working days after the demo date (negative: before).
 */
const MOVED_DEADLINES: { unit: string; pick: number; days: number }[] = [
  { unit: 'forestry', pick: 6, days: 3 },
  { unit: 'forestry', pick: 7, days: -2 },
  { unit: 'forestry', pick: 8, days: -8 },
  { unit: 'ecology-environment', pick: 4, days: -7 },
  { unit: 'yuanzhou', pick: 3, days: -3 },
  { unit: 'housing-construction', pick: 2, days: -4 },
];
/** The office's 督办单 by hand (on MANUAL_DAY), on work the sweep has not reached yet. */
const MANUAL = { unit: 'housing-construction', pick: 2 };

/**
 * The demo's history (all of it through the services, so statuses, notifications and the audit chain are as the API
 * makes them): 2024-Q1 reports approved, returned by a leader or an inspector with reasons, one returned and
 * resubmitted, 销号 requests accepted (completed work) or waiting for the office; 2024-Q2 reports waiting for the
 * leader or the inspector, and a draft for the 市林业局 liaison to finish.
 */
const STORIES: ReportStory[] = [
  ...upToDate('forestry', 6, '国家储备林建设'),
  ...upToDate('forestry', 7, '林长制巡林'),
  ...upToDate('forestry', 8, '油茶低产林改造'),
  ...upToDate('ecology-environment', 4, '重点行业挥发性有机物治理'),
  ...upToDate('yuanzhou', 3, '袁州区农村黑臭水体治理'),
  ...upToDate('housing-construction', 2, '城市建筑垃圾资源化利用'),
  // 市林业局: the liaison's and the leader's day.
  routineDone('forestry', 0, '一季度完成人工造林 1.2 万亩、封山育林 3.5 万亩，苗木成活率 92%，森林覆盖率稳定在 57.6%。'),
  {
    unit: 'forestry',
    pick: 1,
    period: Q1,
    progress: 100,
    final: true,
    summary: '明月山国有林场森林抚育项目已全部完成并通过市级验收，申请销号。',
    events: [
      { day: '2024-04-02', do: 'create', files: ['afforestation', 'acceptance'] },
      { day: '2024-04-02', do: 'submit' },
      { day: '2024-04-09', do: 'confirm' },
      { day: '2024-04-16', do: 'approve' },
      { day: '2024-04-23', do: 'accept' },
    ],
  },
  {
    unit: 'forestry',
    pick: 2,
    period: Q1,
    progress: 100,
    final: true,
    summary: '松材线虫病疫木清理任务已完成，疫情发生面积较上年下降 18%，申请销号。',
    events: [
      { day: '2024-05-06', do: 'create', files: ['patrol', 'acceptance'] },
      { day: '2024-05-06', do: 'submit' },
      { day: '2024-05-08', do: 'confirm' },
      { day: '2024-05-13', do: 'approve' },
    ],
  },
  {
    unit: 'forestry',
    pick: 3,
    period: Q1,
    progress: 30,
    summary: '湿地保护修复：袁河湿地公园完成植被恢复 120 亩。',
    events: [
      { day: '2024-04-02', do: 'create' },
      { day: '2024-04-02', do: 'submit' },
      { day: '2024-04-09', do: 'return', by: 'leader', reason: '缺少现场照片和验收材料，进度数据与年初计划不一致，请补充佐证后重新报送。' },
    ],
  },
  {
    unit: 'forestry',
    pick: 4,
    period: Q1,
    progress: 35,
    summary: '古树名木保护：完成全市 1,260 株古树挂牌和健康巡查。',
    events: [
      { day: '2024-04-02', do: 'create', files: ['oldPhoto'] },
      { day: '2024-04-02', do: 'submit' },
      { day: '2024-04-09', do: 'confirm' },
      { day: '2024-04-16', do: 'return', by: 'inspector', reason: '照片拍摄于 2022 年，不能作为本季度的佐证，请提供本期现场照片。' },
    ],
  },
  {
    unit: 'forestry',
    pick: 5,
    period: Q1,
    progress: 25,
    summary: '森林防火：建成防火隔离带 45 公里。',
    events: [
      { day: '2024-04-02', do: 'create' },
      { day: '2024-04-02', do: 'submit' },
      { day: '2024-04-09', do: 'return', by: 'leader', reason: '请补充防火隔离带的位置和验收情况。' },
      {
        day: '2024-04-11',
        do: 'edit',
        summary: '森林防火：在袁州区、宜丰县建成防火隔离带 45 公里，已通过县级验收（见照片）。',
        files: ['afforestation'],
      },
      { day: '2024-04-11', do: 'submit' },
      { day: '2024-04-12', do: 'confirm' },
      { day: '2024-04-16', do: 'approve' },
    ],
  },
  {
    unit: 'forestry',
    pick: 0,
    period: Q2,
    progress: 55,
    summary: '二季度新增造林 0.6 万亩，完成中幼林抚育 2.1 万亩。',
    events: [
      { day: '2024-05-10', do: 'create', files: ['patrol'] },
      { day: '2024-05-10', do: 'submit' },
    ],
  },
  {
    unit: 'forestry',
    pick: 5,
    period: Q2,
    progress: 45,
    summary: '森林防火：二季度开展防火巡查 320 人次，无较大森林火灾。',
    events: [
      { day: '2024-05-13', do: 'create', files: ['patrol'] },
      { day: '2024-05-13', do: 'submit' },
    ],
  },
  {
    unit: 'forestry',
    pick: 4,
    period: Q2,
    progress: 40,
    summary: '（草稿）古树名木保护二季度进展：',
    events: [{ day: '2024-05-14', do: 'create', files: ['patrol'] }],
  },
  // Other departments and counties: the inspector's queue, the office's acceptance queue, more returned work.
  routineDone('ecology-environment', 0, '一季度 PM2.5 平均浓度 28 微克/立方米，优良天数比例 96.7%。', ['patrol']),
  {
    unit: 'ecology-environment',
    pick: 1,
    period: Q1,
    progress: 100,
    final: true,
    summary: '中心城区黑臭水体整治全部完成，经第三方评估达标，申请销号。',
    events: [
      { day: '2024-05-06', do: 'create', files: ['patrol', 'acceptance'] },
      { day: '2024-05-06', do: 'submit' },
      { day: '2024-05-07', do: 'confirm' },
      { day: '2024-05-10', do: 'approve' },
    ],
  },
  {
    unit: 'ecology-environment',
    pick: 2,
    period: Q2,
    progress: 50,
    summary: '入河排污口排查整治：完成排查 412 个，整治 268 个。',
    events: [
      { day: '2024-05-06', do: 'create', files: ['patrol'] },
      { day: '2024-05-06', do: 'submit' },
      { day: '2024-05-08', do: 'confirm' },
    ],
  },
  {
    unit: 'ecology-environment',
    pick: 3,
    period: Q1,
    progress: 20,
    summary: '土壤污染防治：完成重点监管单位隐患排查 36 家。',
    events: [
      { day: '2024-04-02', do: 'create', files: ['afforestation'] },
      { day: '2024-04-02', do: 'submit' },
      { day: '2024-04-08', do: 'confirm' },
      { day: '2024-04-16', do: 'return', by: 'inspector', reason: '排查台账未附，请上传隐患排查清单（PDF）。' },
    ],
  },
  routineDone('water-resources', 0, '一季度完成河湖“清四乱”问题整改 56 处，水土流失治理 18 平方公里。', ['patrol']),
  {
    unit: 'water-resources',
    pick: 1,
    period: Q1,
    progress: 100,
    final: true,
    summary: '锦江流域水生态修复一期工程完工验收，申请销号。',
    events: [
      { day: '2024-04-02', do: 'create', files: ['patrol', 'acceptance'] },
      { day: '2024-04-02', do: 'submit' },
      { day: '2024-04-08', do: 'confirm' },
      { day: '2024-04-15', do: 'approve' },
      { day: '2024-04-23', do: 'accept' },
    ],
  },
  {
    unit: 'water-resources',
    pick: 2,
    period: Q2,
    progress: 60,
    summary: '农村饮水安全巩固提升：新建集中供水工程 7 处。',
    events: [
      { day: '2024-05-08', do: 'create', files: ['patrol'] },
      { day: '2024-05-08', do: 'submit' },
      { day: '2024-05-10', do: 'confirm' },
    ],
  },
  routineDone('agriculture-rural', 0, '化肥农药减量增效：一季度推广测土配方施肥 210 万亩。'),
  {
    unit: 'agriculture-rural',
    pick: 1,
    period: Q1,
    progress: 30,
    summary: '畜禽粪污资源化利用率 81%。',
    events: [
      { day: '2024-04-03', do: 'create' },
      { day: '2024-04-03', do: 'submit' },
      { day: '2024-04-10', do: 'return', by: 'leader', reason: '利用率口径与省考核口径不一致，请按省农业农村厅口径重新测算。' },
    ],
  },
  {
    unit: 'agriculture-rural',
    pick: 2,
    period: Q2,
    progress: 45,
    summary: '农膜回收率达 85%，建成回收网点 96 个。',
    events: [
      { day: '2024-05-09', do: 'create', files: ['afforestation'] },
      { day: '2024-05-09', do: 'submit' },
      { day: '2024-05-13', do: 'confirm' },
    ],
  },
  routineDone('housing-construction', 0, '城市生活垃圾分类：中心城区覆盖率达 85%。', ['patrol']),
  {
    unit: 'housing-construction',
    pick: 1,
    period: Q2,
    progress: 50,
    summary: '城镇污水管网新建改造 38 公里，污水集中收集率 62%。',
    events: [
      { day: '2024-05-13', do: 'create', files: ['patrol'] },
      { day: '2024-05-13', do: 'submit' },
    ],
  },
  routineDone('yuanzhou', 0, '袁州区一季度完成农村人居环境整治村庄 42 个。', ['patrol']),
  {
    unit: 'yuanzhou',
    pick: 1,
    period: Q1,
    progress: 100,
    final: true,
    summary: '袁州区秀江沿岸违建拆除和生态修复完成，申请销号。',
    events: [
      { day: '2024-04-02', do: 'create', files: ['patrol', 'acceptance'] },
      { day: '2024-04-02', do: 'submit' },
      { day: '2024-04-09', do: 'confirm' },
      { day: '2024-04-17', do: 'approve' },
      { day: '2024-04-24', do: 'accept' },
    ],
  },
  {
    unit: 'yuanzhou',
    pick: 2,
    period: Q1,
    progress: 25,
    summary: '袁州区矿山生态修复：完成治理面积 300 亩。',
    events: [
      { day: '2024-04-02', do: 'create', files: ['afforestation'] },
      { day: '2024-04-02', do: 'submit' },
      { day: '2024-04-09', do: 'confirm' },
      { day: '2024-04-17', do: 'return', by: 'inspector', reason: '治理面积与自然资源部门台账相差 120 亩，请核实后重新报送。' },
    ],
  },
  {
    unit: 'fengcheng',
    pick: 0,
    period: Q1,
    progress: 100,
    final: true,
    summary: '丰城市燃煤锅炉淘汰任务全部完成，申请销号。',
    events: [
      { day: '2024-05-07', do: 'create', files: ['patrol', 'acceptance'] },
      { day: '2024-05-07', do: 'submit' },
      { day: '2024-05-08', do: 'confirm' },
      { day: '2024-05-13', do: 'approve' },
    ],
  },
  {
    unit: 'fengcheng',
    pick: 1,
    period: Q2,
    progress: 35,
    summary: '丰城市工业园区污水处理厂提标改造，主体工程完成 60%。',
    events: [
      { day: '2024-05-10', do: 'create', files: ['patrol'] },
      { day: '2024-05-10', do: 'submit' },
    ],
  },
  routineDone('jingan', 0, '靖安县一季度北潦河水质稳定在 II 类。', ['patrol']),
  {
    unit: 'jingan',
    pick: 1,
    period: Q1,
    progress: 100,
    final: true,
    summary: '靖安县生态公益林补偿资金全部兑付，申请销号。',
    events: [
      { day: '2024-04-03', do: 'create', files: ['acceptance'] },
      { day: '2024-04-03', do: 'submit' },
      { day: '2024-04-10', do: 'confirm' },
      { day: '2024-04-17', do: 'approve' },
      { day: '2024-04-24', do: 'accept' },
    ],
  },
  {
    unit: 'jingan',
    pick: 2,
    period: Q2,
    progress: 40,
    summary: '靖安县农村生活污水治理：新建处理设施 14 座。',
    events: [
      { day: '2024-05-06', do: 'create', files: ['patrol'] },
      { day: '2024-05-06', do: 'submit' },
      { day: '2024-05-09', do: 'confirm' },
    ],
  },
];

/** Sweeps run on these days, as the daily job would have (the demo date's own sweep comes last). */
const SWEEP_DAYS = ['2024-04-22'];
/** The day the units answer some of the notices the sweep raised. */
const ANSWER_DAY = '2024-04-24';
/** The day the office issues a 督办单 by hand. */
const MANUAL_DAY = '2024-05-14';

/**
 * `npm start` with DUBAN_DEMO on, on a database with no assignments yet: the published plan is decomposed by the
 * office on 1 March of the plan's third year, then the demo clock walks through April and May 2024 day by day while
 * the demo users write, submit, confirm, approve, return and accept reports with evidence, the daily sweep raises
 * notices that the units partly answer, and the office issues a 督办单 by hand; last comes the demo date's own sweep.
 * Everything goes through the services (evidence through the upload endpoint, in process), so statuses,
 * notifications and the audit chain are what the API itself makes. Deterministic: the same story every start.
 * Tests opt in by calling it; the test template never runs it.
 */
export async function seedDemo(app: INestApplication, progress: (line: string) => void = () => undefined): Promise<DemoSeedResult | null> {
  const started = Date.now();
  const db = app.get(DataSource);
  const clock = app.get(ClockService);
  if (!clock.isFixed) return null;
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM assignments`)) as { n: number }[];
  if (n > 0) return null;
  const users = await demoUsers(db);
  const office = users.get('office');
  const [plan] = (await db.query(
    `SELECT id, extract(year FROM period_start)::int AS "startYear" FROM plans WHERE status = 'published' ORDER BY period_start LIMIT 1`,
  )) as { id: string; startYear: number }[];
  if (!office || !plan) return null;

  const demoDay = clock.today();
  const decomposedOn = [`${plan.startYear + 2}-03-01`, demoDay].sort()[0];
  const STEPS = 5;
  const step = (i: number, text: string) =>
    progress(`[${'#'.repeat(Math.round((i * 24) / STEPS)).padEnd(24, '.')}] ${i}/${STEPS} ${text}（${secondsSince(started)} 秒）`);
  step(0, `演示数据：${decomposedOn} 分解规划…`);
  let assignments = 0;
  const notices: Record<string, number> = { reminder: 0, urge: 0, supervision: 0, interview: 0 };
  const reports: Record<string, number> = {};
  let evidence = 0;
  let answered = 0;
  const http = await listenInProcess(app);
  try {
    await moveClock(app, office, decomposedOn);
    assignments = (await app.get(DecompositionService).decomposeAll(office, plan.id, {})).assignments;
    // Each unit's liaison acknowledges (签收) its new work the same day, so the story's ladder is about deadlines and reports.
    const received = (await db.query(
      `SELECT a.id, u.code FROM assignments a JOIN org_units u ON u.id = a.org_unit_id
        WHERE a.plan_id = $1 AND a.acknowledged_at IS NULL ORDER BY u.code, a.id`,
      [plan.id],
    )) as { id: string; code: string }[];
    for (const r of received) {
      const liaison = users.get(`${r.code}-liaison`);
      if (liaison) await app.get(AssignmentsService).acknowledge(liaison, r.id);
    }
    step(1, `已分解 ${assignments} 项任务；编写 2024 年 4—5 月的报告、核查与督办…`);

    // Only a story that fits inside the demo's timeline is told (a later DUBAN_DEMO_DATE tells all of it).
    const events = storyEvents().filter((e) => e.day <= demoDay);
    const picked = await pickAssignments(db, [...new Set(STORIES.map((s) => s.unit))]);
    const calendar = await app.get(CalendarService).calendar();
    for (const moved of MOVED_DEADLINES) {
      const id = picked.get(moved.unit)?.[moved.pick];
      if (!id) continue;
      const [{ version }] = (await db.query(`SELECT version FROM assignments WHERE id = $1`, [id])) as { version: number }[];
      await app.get(AssignmentsService).update(office, id, { deadline: calendar.addWorkingDays(demoDay, moved.days), version });
    }
    const ids = new Map<ReportStory, { id: string; version: number }>();
    const tokens = new Map<string, string>();
    const token = async (username: string) => {
      if (!tokens.has(username)) tokens.set(username, await http.login(username));
      return tokens.get(username)!;
    };
    const service = app.get(ReportsService);
    const days = [...new Set([...events.map((e) => e.day), ...SWEEP_DAYS, ANSWER_DAY, MANUAL_DAY].filter((d) => d <= demoDay))].sort();
    let done = 0;
    for (const day of days) {
      await moveClock(app, office, day);
      for (const { story, event } of events.filter((e) => e.day === day)) {
        const assignmentId = picked.get(story.unit)?.[story.pick];
        if (!assignmentId) continue; // a unit with fewer open assignments than the story needs
        const liaison = users.get(`${story.unit}-liaison`)!;
        const actor = actorFor(event, story.unit, users);
        const current = ids.get(story);
        let view: { id: string; version: number };
        if (event.do === 'create') {
          view = await service.create(liaison, {
            assignmentId,
            period: story.period,
            summary: story.summary,
            progress: story.progress,
            final: story.final ?? false,
          });
        } else if (!current) {
          continue;
        } else if (event.do === 'edit') {
          view = await service.update(liaison, current.id, { summary: event.summary, version: current.version });
        } else {
          const comment = event.do === 'return' ? event.reason : undefined;
          view = await service.transition(actor, current.id, event.do, { version: current.version, comment });
        }
        if ((event.do === 'create' || event.do === 'edit') && event.files) {
          for (const file of event.files) {
            await http.upload(await token(liaison.username), view.id, FILES[file]);
            evidence++;
          }
          view = await service.get(liaison, view.id);
        }
        ids.set(story, { id: view.id, version: view.version });
        done++;
      }
      if (SWEEP_DAYS.includes(day)) {
        const sweep = await app.get(SweepService).run({ today: day, actorId: office.id });
        for (const [kind, count] of Object.entries(sweep.created)) notices[kind] += count;
        step(2, `${day} 督办扫描：${describe(sweep.created)}`);
      }
      if (day === ANSWER_DAY) answered += await answerSome(app, users, day);
      if (day === MANUAL_DAY) {
        const id = picked.get(MANUAL.unit)?.[MANUAL.pick];
        if (id) {
          const created = await app.get(EscalationsService).create(office, {
            assignmentId: id,
            kind: 'supervision',
            reason: '该任务已逾期且未说明原因，请分管领导督促落实，按期书面答复。',
          });
          notices.supervision += created.length;
        }
      }
    }
    const statuses = (await db.query(`SELECT status, count(*)::int AS n FROM reports GROUP BY status ORDER BY status`)) as {
      status: string;
      n: number;
    }[];
    for (const s of statuses) reports[s.status] = s.n;
    step(3, `已办理 ${done} 步：报告 ${describe(reports)}；佐证材料 ${evidence} 份；答复 ${answered} 件`);
  } finally {
    await http.close();
    await moveClock(app, office, demoDay);
  }
  const sweep = await app.get(SweepService).run({ today: demoDay, actorId: office.id });
  for (const [kind, count] of Object.entries(sweep.created)) notices[kind] += count;
  step(4, `${demoDay} 督办扫描：${describe(sweep.created)}`);
  const seconds = Number(secondsSince(started));
  step(5, `演示数据就绪，演示日期 ${demoDay}（管理员可在“设置”中调整）`);
  return { decomposedOn, assignments, reports, evidence, notices, answered, seconds };
}

function storyEvents(): { story: ReportStory; event: ReportEvent; day: string }[] {
  return STORIES.flatMap((story) => story.events.map((event) => ({ story, event, day: event.day })));
}

function actorFor(event: ReportEvent, unit: string, users: Map<string, AuthUser>): AuthUser {
  switch (event.do) {
    case 'confirm':
      return users.get(`${unit}-leader`)!;
    case 'approve':
      return users.get('inspector1')!;
    case 'return':
      return users.get(event.by === 'leader' ? `${unit}-leader` : 'inspector1')!;
    case 'accept':
      return users.get('office')!;
    default:
      return users.get(`${unit}-liaison`)!;
  }
}

const NAMES: Record<string, string> = {
  reminder: '提醒',
  urge: '催办',
  supervision: '督办单',
  interview: '约谈/通报候选',
  draft: '草稿',
  submitted: '待确认',
  confirmed: '待核查',
  approved: '已核查',
  returned: '已退回',
  accepted: '已销号',
};
const describe = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, v]) => `${NAMES[k] ?? k} ${v}`)
    .join('、');
const secondsSince = (started: number) => ((Date.now() - started) / 1000).toFixed(1);

async function demoUsers(db: DataSource): Promise<Map<string, AuthUser>> {
  const rows = (await db.query(
    `SELECT id, username, display_name AS "displayName", role, org_unit_id AS "orgUnitId" FROM users WHERE active AND username <> 'admin'`,
  )) as AuthUser[];
  return new Map(rows.map((u) => [u.username, u]));
}

/**
 * Each unit's open quarterly assignments that run past 2024, in plan order, support and county work before lead work
 * (so a department keeps lead work not started, for a newcomer to report on first): the story's cast.
 */
async function pickAssignments(db: DataSource, units: string[]): Promise<Map<string, string[]>> {
  const rows = (await db.query(
    `SELECT u.code, array_agg(a.id ORDER BY a.role = 'lead', it.position, a.id) AS ids
       FROM assignments a JOIN org_units u ON u.id = a.org_unit_id JOIN plan_items it ON it.id = a.plan_item_id
      WHERE u.code = ANY($1) AND a.status = 'not_started' AND a.report_cycle = 'quarterly' AND a.deadline > '2024-12-31'
      GROUP BY u.code`,
    [units],
  )) as { code: string; ids: string[] }[];
  return new Map(rows.map((r) => [r.code, r.ids]));
}

/**
 * Some units answer the notices of the sweep before: the 市林业局 leader a 督办单 with a promised date, the liaison a
 * 催办 with one, the 靖安县 liaison a 催办 without; the rest stay unanswered (the office's chase list).
 */
async function answerSome(app: INestApplication, users: Map<string, AuthUser>, today: string): Promise<number> {
  const db = app.get(DataSource);
  const escalations = app.get(EscalationsService);
  const calendar = await app.get(CalendarService).calendar();
  const promise = calendar.addWorkingDays(today, 10);
  const answers: { user: string; unit: string; kind: string; response: string; promisedDate?: string }[] = [
    {
      user: 'forestry-leader',
      unit: 'forestry',
      kind: 'supervision',
      response: '已召开专题会议研究，明确分管科室和完成时限，本月底前补报全部进展材料。',
      promisedDate: promise,
    },
    { user: 'forestry-liaison', unit: 'forestry', kind: 'urge', response: '已收到，正在汇总各林场数据。', promisedDate: promise },
    { user: 'jingan-liaison', unit: 'jingan', kind: 'urge', response: '逾期原因：项目资金尚未下达，已向县财政局报告。' },
    {
      user: 'water-resources-leader',
      unit: 'water-resources',
      kind: 'supervision',
      response: '已责成水保科限期整改，下周报送。',
      promisedDate: promise,
    },
  ];
  let count = 0;
  for (const a of answers) {
    const [row] = (await db.query(
      `SELECT e.id FROM escalations e JOIN org_units u ON u.id = e.org_unit_id
         JOIN assignments a ON a.id = e.assignment_id JOIN plan_items it ON it.id = a.plan_item_id
        WHERE u.code = $1 AND e.kind = $2 AND e.responded_at IS NULL AND e.resolved_at IS NULL
        -- in plan order, so every start answers the same notice
        ORDER BY e.target_date, it.position, e.target LIMIT 1`,
      [a.unit, a.kind],
    )) as { id: string }[];
    if (!row) continue;
    await escalations.respond(users.get(a.user)!, row.id, { response: a.response, promisedDate: a.promisedDate });
    count++;
  }
  return count;
}

/** The API on a loopback port for the seed's uploads, closed again before `npm start` listens for real. */
async function listenInProcess(app: INestApplication): Promise<{
  login(username: string): Promise<string>;
  upload(token: string, reportId: string, file: string): Promise<void>;
  close(): Promise<void>;
}> {
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const dir = join(repoRoot(), 'seeds', 'demo-evidence');
  return {
    async login(username) {
      const res = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (!res.ok) throw new Error(`demo log-in ${username}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    async upload(token, reportId, file) {
      const form = new FormData();
      form.append('file', new Blob([await readFile(join(dir, file))]), file);
      const res = await fetch(`${base}/reports/${reportId}/evidence`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      if (!res.ok) throw new Error(`demo upload ${file}: ${res.status} ${await res.text()}`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Moves the demo clock as the settings endpoint does: audited in the same transaction. */
async function moveClock(app: INestApplication, actor: AuthUser, today: string): Promise<void> {
  const clock = app.get(ClockService);
  const before = clock.today();
  if (before === today) return;
  await app.get(DataSource).transaction(async (m) => {
    await clock.setToday(today, m);
    await app.get(AuditService).record(m, actor.id, {
      action: 'update',
      entity: 'Setting',
      entityId: 'clock.today',
      before: { today: before },
      after: { today },
    });
  });
}

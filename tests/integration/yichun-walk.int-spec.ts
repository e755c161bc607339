import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The Yichun plan decomposed at the start of 2023 and never reported on, with the sweep run week by week (through
 * the API) to the end of 2025, under settings other than the defaults and with four report cycles across units.
 *
 * What the sweep should have done is computed here, independently of the API's code: a day-by-day model built from
 * the calendar tables' raw facts (covered years, holidays, 调休 make-up days), the settings and the plan items'
 * milestones. It uses no date, period or calendar function of libs/domain and reads nothing the sweep derived.
 */
let t: TestApp;
let admin: string;
let office: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const START = '2023-01-03';
const END = '2025-12-29';

/** Not the defaults (reminders [5, 1], ladder 1/5/15, answers in 5, reports due 5 working days after a period). */
const LADDER = { reminderDays: [6, 2], urge: 2, supervision: 6, interview: 12, responseDays: 3 };
const REPORT_DUE = { monthly: 4, quarterly: 7, semiannual: 10, annual: 12 };
type Cycle = keyof typeof REPORT_DUE;
/** Each cycle's share of the plan: these units' assignments report on another cycle than the default (quarterly). */
const CYCLE_OF_UNIT: Record<string, Cycle> = { forestry: 'monthly', jingan: 'semiannual', yuanzhou: 'annual' };
/** One assignment of 市生态环境局 gets its own deadline and milestones, dated on holidays and 调休 days. */
const EDITED = {
  deadline: '2025-10-04', // Saturday in the National Day holiday
  milestones: [
    { date: '2024-10-12', text: '调休上班的星期六', status: 'open' }, // a make-up working day: stays
    { date: '2025-02-02', text: '春节假期中', status: 'open' }, // moves before the Spring Festival holiday
    { date: '2024-06-14', text: '已完成的节点', status: 'done' }, // done from the start: never chased
  ],
};

// ---- the model -------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const nextDay = (d: string) => iso(ms(d) + DAY_MS);
const prevDay = (d: string) => iso(ms(d) - DAY_MS);
const lastOfMonth = (y: number, m: number) => iso(Date.UTC(y, m, 0)); // m: 1–12

/** The working calendar as the tables state it, counted one day at a time. */
class DayByDay {
  private readonly seq = new Map<string, number>();
  private readonly working = new Set<string>();

  constructor(years: number[], days: { date: string; kind: 'holiday' | 'workday' }[]) {
    const holiday = new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date));
    const makeUp = new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date));
    const covered = [...years].sort((a, b) => a - b);
    let n = 0;
    for (const year of covered) {
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = nextDay(d)) {
        const weekday = new Date(ms(d)).getUTCDay();
        const works = makeUp.has(d) || (!holiday.has(d) && weekday !== 0 && weekday !== 6);
        if (works) {
          n++;
          this.working.add(d);
        }
        this.seq.set(d, n);
      }
    }
  }

  covers(d: string): boolean {
    return this.seq.has(d);
  }

  isWorking(d: string): boolean {
    return this.working.has(d);
  }

  /** Working days after `from` up to and including `to`; negative when `to` is earlier. */
  between(from: string, to: string): number {
    return this.at(to) - this.at(from);
  }

  /** The nth working day after `d`, walking one day at a time; null when the walk leaves the covered years. */
  after(d: string, n: number): string | null {
    let day = d;
    for (let left = n; left > 0;) {
      day = nextDay(day);
      if (!this.covers(day)) return null;
      if (this.isWorking(day)) left--;
    }
    return day;
  }

  onOrBefore(d: string): string {
    let day = d;
    while (!this.isWorking(day)) day = prevDay(day);
    return day;
  }

  private at(d: string): number {
    const n = this.seq.get(d);
    if (n === undefined) throw new Error(`the calendar does not cover ${d}`);
    return n;
  }
}

/** Every report period of a cycle in the given years: its name and first and last day. */
function periodsOf(cycle: Cycle, fromYear: number, toYear: number): { period: string; start: string; end: string }[] {
  const months = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 }[cycle];
  const out = [];
  for (let y = fromYear; y <= toYear; y++) {
    for (let k = 0; k < 12 / months; k++) {
      const first = k * months + 1;
      const last = first + months - 1;
      const name = {
        monthly: `${y}-${String(first).padStart(2, '0')}`,
        quarterly: `${y}-Q${k + 1}`,
        semiannual: `${y}-H${k + 1}`,
        annual: String(y),
      }[cycle];
      out.push({ period: name, start: `${y}-${String(first).padStart(2, '0')}-01`, end: lastOfMonth(y, last) });
    }
  }
  return out;
}

interface Assignment {
  id: string;
  unit_id: string;
  unit_code: string;
  assigned_on: string;
  deadline: string;
  report_cycle: Cycle;
  milestones: { date: string; status: string }[];
}

interface Notice {
  assignment_id: string;
  unit_id: string;
  target: string;
  target_date: string;
  kind: 'reminder' | 'urge' | 'supervision' | 'interview';
  level: number;
  threshold: number;
  days_overdue: number;
  due_at: string | null;
  day: string;
}

const KINDS = [
  ['urge', 1],
  ['supervision', 2],
  ['interview', 3],
] as const;

/** Each run day in turn: every open target of every assignment, and the notices the ladder's rules call for that day. */
function expectedNotices(cal: DayByDay, assignments: Assignment[], runDays: string[]): Notice[] {
  const found = new Map<string, Notice>();
  const maxReminder = Math.max(...LADDER.reminderDays);
  const targets = assignments.map((a) => {
    const list = [{ target: 'deadline', due: a.deadline }];
    for (const m of a.milestones) if (m.status === 'open') list.push({ target: `milestone:${m.date}`, due: m.date });
    for (const p of periodsOf(a.report_cycle, 2022, 2026)) {
      if (p.end <= a.assigned_on || p.start > a.deadline) continue;
      const due = cal.after(p.end, REPORT_DUE[a.report_cycle]);
      if (due) list.push({ target: `report:${p.period}`, due });
    }
    return { a, list };
  });
  for (const day of runDays) {
    for (const { a, list } of targets) {
      for (const { target, due } of list) {
        const days = cal.between(due, day);
        const raise = (kind: Notice['kind'], threshold: number, fill: () => Pick<Notice, 'level' | 'days_overdue' | 'due_at'>) => {
          const key = `${a.id}|${target}|${kind}|${threshold}`;
          if (!found.has(key))
            found.set(key, { assignment_id: a.id, unit_id: a.unit_id, target, target_date: due, kind, threshold, day, ...fill() });
        };
        // Ahead of the due date: a reminder at the nearest reminder day not nearer than the days left.
        if (days <= 0 && -days <= maxReminder && !(days === 0 && due < day)) {
          const threshold = Math.min(...LADDER.reminderDays.filter((n) => n >= -days));
          raise('reminder', threshold, () => ({ level: 0, days_overdue: 0, due_at: null }));
        }
        for (const [kind, level] of KINDS) {
          if (days >= LADDER[kind]) {
            raise(kind, LADDER[kind], () => ({
              level,
              days_overdue: days,
              due_at: kind === 'interview' ? null : cal.after(day, LADDER.responseDays),
            }));
          }
        }
      }
    }
  }
  return [...found.values()];
}

// ---- the walk --------------------------------------------------------------------------------------------------

let cal: DayByDay;
let assignments: Assignment[];
let runDays: string[];
let expected: Notice[];
/** What each run of POST /api/jobs/sweep answered it had created. */
const answered: { day: string; created: Record<string, number> }[] = [];
let editedId: string;

const noticeKey = (n: Pick<Notice, 'assignment_id' | 'target' | 'kind' | 'threshold'>) =>
  `${n.assignment_id}|${n.target}|${n.kind}|${n.threshold}`;
/** Everything a notice states, in one string. */
const facts = (n: Notice) =>
  [n.assignment_id, n.unit_id, n.target, n.target_date, n.kind, n.level, n.threshold, n.days_overdue, n.due_at, n.day].join('|');

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
  expect((await t.http.put('/api/settings/clock').set(auth(admin)).send({ today: START })).status).toBe(200);
  const settings = await t.http.get('/api/settings').set(auth(admin));
  const changed = await t.http
    .put('/api/settings')
    .set(auth(admin))
    .send({ version: settings.body.version, ladder: LADDER, reportDue: REPORT_DUE });
  expect(changed.status).toBe(200);

  const [{ id: planId }] = await t.db.query(`SELECT id FROM plans LIMIT 1`);
  const res = await t.http.post(`/api/plans/${planId}/decompose-all`).set(auth(office)).send({});
  expect(res.status).toBe(200);
  expect(res.body.assignments).toBeGreaterThan(900);
  // Every unit acknowledges (签收) its work on the day it is assigned: this walk models the ladder on deadlines,
  // milestones and report periods; the receipt's own chase is walked in receipt.int-spec.ts.
  await t.db.query(`UPDATE assignments SET acknowledged_at = now() WHERE plan_id = $1 AND acknowledged_at IS NULL`, [planId]);

  // Other cycles for three units, and one assignment's own schedule, set the way the office sets them.
  const units = (await t.db.query(`SELECT id, code FROM org_units WHERE code = ANY($1)`, [
    [...Object.keys(CYCLE_OF_UNIT), 'ecology-environment'],
  ])) as { id: string; code: string }[];
  for (const unit of units) {
    const list = await t.http
      .get(`/api/assignments?filter=${encodeURIComponent(JSON.stringify({ orgUnitId: unit.id }))}&range=[0,999]`)
      .set(auth(office));
    expect(list.status).toBe(200);
    expect(list.body.length, unit.code).toBeGreaterThan(0);
    for (const a of list.body as { id: string; version: number }[]) {
      const body =
        unit.code === 'ecology-environment'
          ? { version: a.version, ...EDITED }
          : { version: a.version, reportCycle: CYCLE_OF_UNIT[unit.code] };
      const put = await t.http.put(`/api/assignments/${a.id}`).set(auth(office)).send(body);
      expect(put.status, `${unit.code} ${JSON.stringify(put.body)}`).toBe(200);
      if (unit.code === 'ecology-environment') {
        editedId = a.id;
        break;
      }
    }
  }

  runDays = [];
  for (let day = START; day <= END; day = iso(ms(day) + 7 * DAY_MS)) runDays.push(day);
  runDays.push(END);
  for (const day of runDays) {
    const run = await t.http.post('/api/jobs/sweep').set(auth(admin)).send({ now: day });
    expect(run.status, day).toBe(200);
    answered.push({ day, created: run.body.created });
  }

  const years = (await t.db.query(`SELECT year FROM calendar_years`)) as { year: number }[];
  const days = (await t.db.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_days`)) as {
    date: string;
    kind: 'holiday' | 'workday';
  }[];
  cal = new DayByDay(
    years.map((y) => y.year),
    days,
  );
  assignments = await t.db.query(
    `SELECT a.id, a.org_unit_id AS unit_id, u.code AS unit_code, to_char(a.assigned_on, 'YYYY-MM-DD') AS assigned_on,
            to_char(a.deadline, 'YYYY-MM-DD') AS deadline, a.report_cycle, a.milestones
       FROM assignments a JOIN org_units u ON u.id = a.org_unit_id`,
  );
  expected = expectedNotices(cal, assignments, runDays);
}, 600_000);
afterAll(() => t.close());

describe('the Yichun plan walked through 2023–2025', () => {
  it('should store the deadlines and milestones the plan items and the calendar give, moved off non-working days', async () => {
    const [plan] = await t.db.query(
      `SELECT to_char(period_start, 'YYYY-MM-DD') AS start, to_char(period_end, 'YYYY-MM-DD') AS end FROM plans LIMIT 1`,
    );
    const items = new Map<string, { date: string }[]>(
      ((await t.db.query(`SELECT id, milestones FROM plan_items`)) as { id: string; milestones: { date: string }[] }[]).map((i) => [
        i.id,
        i.milestones,
      ]),
    );
    const itemOf = new Map(
      ((await t.db.query(`SELECT id, plan_item_id FROM assignments`)) as { id: string; plan_item_id: string }[]).map((r) => [
        r.id,
        r.plan_item_id,
      ]),
    );
    const moved = (d: string) => {
      const w = cal.onOrBefore(d);
      return w < plan.start ? d : w;
    };
    let withMilestones = 0;
    for (const a of assignments) {
      if (a.id === editedId) continue;
      const dated = items
        .get(itemOf.get(a.id)!)!
        .map((m) => m.date)
        .filter((d) => d >= plan.start && d <= plan.end)
        .sort();
      const deadline = moved(dated.length > 0 ? dated[dated.length - 1] : plan.end);
      const milestones = [...new Set(dated.map(moved).filter((d) => d < deadline))].sort();
      expect(a.deadline, a.id).toBe(deadline);
      expect(
        a.milestones.map((m) => m.date),
        a.id,
      ).toEqual(milestones);
      if (milestones.length > 0) withMilestones++;
    }
    expect(withMilestones).toBeGreaterThan(5);
    const edited = assignments.find((a) => a.id === editedId)!;
    expect(edited.deadline).toBe(cal.onOrBefore(EDITED.deadline));
    expect(edited.deadline).not.toBe(EDITED.deadline);
    expect(edited.milestones.map((m) => [m.date, m.status])).toEqual(
      EDITED.milestones.map((m) => [cal.onOrBefore(m.date), m.status]).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    expect(edited.milestones.map((m) => m.date)).toContain('2024-10-12');
    expect(edited.milestones.map((m) => m.date)).not.toContain('2025-02-02');
    const cycles = new Set(assignments.map((a) => a.report_cycle));
    expect([...cycles].sort()).toEqual(['annual', 'monthly', 'quarterly', 'semiannual']);
  });

  it('should have raised exactly the notices the day-by-day model expects: targets, kinds, levels, days, answer dates and days raised', async () => {
    const stored = (await t.db.query(
      `SELECT assignment_id, org_unit_id AS unit_id, target, to_char(target_date, 'YYYY-MM-DD') AS target_date, kind, level, threshold,
              days_overdue, to_char(due_at, 'YYYY-MM-DD') AS due_at, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
              resolved_at, manual
         FROM escalations`,
    )) as (Notice & { resolved_at: Date | null; manual: boolean })[];
    expect(stored.filter((n) => n.manual || n.resolved_at !== null)).toEqual([]);
    const byKey = new Map(stored.map(({ resolved_at: _r, manual: _m, ...n }) => [noticeKey(n), n]));
    expect(byKey.size).toBe(stored.length);
    const missing = expected.filter((n) => !byKey.has(noticeKey(n)));
    expect(missing.slice(0, 5), `${missing.length} expected notices missing`).toEqual([]);
    const wanted = new Set(expected.map(noticeKey));
    const extra = stored.filter((n) => !wanted.has(noticeKey(n)));
    expect(extra.slice(0, 5), `${extra.length} notices the rules do not call for`).toEqual([]);
    const differ = expected.filter((n) => facts(byKey.get(noticeKey(n))!) !== facts(n));
    expect(
      differ.slice(0, 5).map((n) => ({ expected: n, stored: byKey.get(noticeKey(n)) })),
      `${differ.length} notices differ`,
    ).toEqual([]);

    // The model covers every kind, every cycle's reports, milestones (not the done one) and more than one unit.
    for (const kind of ['reminder', 'urge', 'supervision', 'interview']) expect(expected.some((n) => n.kind === kind)).toBe(true);
    for (const threshold of LADDER.reminderDays)
      expect(expected.some((n) => n.kind === 'reminder' && n.threshold === threshold)).toBe(true);
    for (const cycle of Object.keys(REPORT_DUE)) {
      const ids = new Set(assignments.filter((a) => a.report_cycle === cycle).map((a) => a.id));
      expect(
        expected.some((n) => ids.has(n.assignment_id) && n.target.startsWith('report:') && n.kind === 'interview'),
        cycle,
      ).toBe(true);
    }
    expect(expected.some((n) => n.target.startsWith('milestone:') && n.kind === 'interview')).toBe(true);
    expect(expected.filter((n) => n.assignment_id === editedId).map((n) => n.target)).not.toContain('milestone:2024-06-14');
    expect(new Set(expected.filter((n) => n.kind === 'interview').map((n) => n.unit_id)).size).toBeGreaterThan(10);
  });

  it('should have answered each weekly run with the notices the model expects that day', async () => {
    const perDay = new Map<string, Record<string, number>>();
    for (const n of expected) {
      const counts = perDay.get(n.day) ?? { reminder: 0, urge: 0, supervision: 0, interview: 0 };
      counts[n.kind]++;
      perDay.set(n.day, counts);
    }
    const none = { reminder: 0, urge: 0, supervision: 0, interview: 0 };
    const wrong = answered.filter((r) => JSON.stringify(r.created) !== JSON.stringify(perDay.get(r.day) ?? none));
    expect(
      wrong.slice(0, 5).map((r) => ({ ...r, expected: perDay.get(r.day) ?? none })),
      `${wrong.length} runs`,
    ).toEqual([]);
    expect(answered.filter((r) => r.created.interview > 0).length).toBeGreaterThan(10);
  });

  it('should number the 督办单 of each year 1, 2, 3 … in the order the runs raised them', async () => {
    const rows = (await t.db.query(
      `SELECT number, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM escalations WHERE kind = 'supervision'`,
    )) as { number: string | null; day: string }[];
    expect(rows.length).toBe(expected.filter((n) => n.kind === 'supervision').length);
    const byYear = new Map<string, { n: number; day: string }[]>();
    for (const r of rows) {
      const m = /^宜环委办督〔(\d{4})〕(\d+)号$/.exec(r.number ?? '');
      expect(m, String(r.number)).not.toBeNull();
      expect(m![1]).toBe(r.day.slice(0, 4));
      byYear.set(m![1], [...(byYear.get(m![1]) ?? []), { n: Number(m![2]), day: r.day }]);
    }
    expect([...byYear.keys()].sort()).toEqual(['2023', '2024', '2025']);
    for (const [year, list] of byYear) {
      list.sort((a, b) => a.n - b.n);
      expect(
        list.map((r) => r.n),
        year,
      ).toEqual(list.map((_, i) => i + 1));
      for (let i = 1; i < list.length; i++) expect(list[i].day >= list[i - 1].day, `${year} #${list[i].n}`).toBe(true);
    }
  });

  it('should send each notice to its unit’s liaisons (提醒), liaisons and leader (催办), leader (督办单) or the office (约谈/通报)', async () => {
    const users = (await t.db.query(`SELECT id, role, org_unit_id FROM users WHERE active`)) as {
      id: string;
      role: string;
      org_unit_id: string | null;
    }[];
    const roles = { reminder: ['liaison'], urge: ['liaison', 'leader'], supervision: ['leader'], interview: ['office'] };
    const ids = new Map(
      ((await t.db.query(`SELECT id, assignment_id, target, kind, threshold FROM escalations`)) as (Notice & { id: string })[]).map((e) => [
        e.id,
        noticeKey(e),
      ]),
    );
    const got = new Map<string, string[]>();
    for (const r of (await t.db.query(
      `SELECT substr(dedupe_key, 12) AS id, user_id FROM notifications WHERE dedupe_key LIKE 'escalation:%'`,
    )) as { id: string; user_id: string }[]) {
      const key = ids.get(r.id)!;
      got.set(key, [...(got.get(key) ?? []), r.user_id]);
    }
    let sent = 0;
    const wrong: string[] = [];
    for (const n of expected) {
      const to = users
        .filter((u) => roles[n.kind].includes(u.role) && (n.kind === 'interview' || u.org_unit_id === n.unit_id))
        .map((u) => u.id)
        .sort();
      const actual = (got.get(noticeKey(n)) ?? []).sort();
      if (JSON.stringify(actual) !== JSON.stringify(to)) wrong.push(`${noticeKey(n)}: ${actual.length} of ${to.length}`);
      sent += to.length;
    }
    expect(wrong.slice(0, 5), `${wrong.length} notices`).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
  });

  it('should add nothing when swept again, and show each assignment’s level and days overdue as the model has them', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM escalations`))[0].n;
    const again = await t.http.post('/api/jobs/sweep').set(auth(admin)).send({ now: END });
    expect(again.status).toBe(200);
    expect(again.body.created).toEqual({ reminder: 0, urge: 0, supervision: 0, interview: 0 });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM escalations`))[0].n).toBe(before);
    expect((await t.http.put('/api/settings/clock').set(auth(admin)).send({ today: END })).status).toBe(200);
    const listed: { id: string; escalationLevel: number; overdue: boolean; daysOverdue: number }[] = [];
    for (let start = 0; start < assignments.length; start += 1000) {
      const page = await t.http.get(`/api/assignments?range=[${start},${start + 999}]`).set(auth(office));
      expect(page.status).toBe(200);
      listed.push(...page.body);
    }
    expect(listed.length).toBe(assignments.length);
    const level = new Map<string, number>();
    for (const n of expected) if (n.kind !== 'reminder') level.set(n.assignment_id, Math.max(level.get(n.assignment_id) ?? 0, n.level));
    const byId = new Map(assignments.map((a) => [a.id, a]));
    const wrong = listed.filter((row) => {
      const a = byId.get(row.id)!;
      const missed = [a.deadline, ...a.milestones.filter((m) => m.status === 'open').map((m) => m.date)].sort()[0];
      const overdue = missed < END;
      return (
        row.escalationLevel !== (level.get(row.id) ?? 0) ||
        row.overdue !== overdue ||
        row.daysOverdue !== (overdue ? cal.between(missed, END) : 0)
      );
    });
    expect(wrong.slice(0, 5), `${wrong.length} assignments`).toEqual([]);
    expect(listed.filter((r) => r.escalationLevel === 3).length).toBeGreaterThan(0);
    const liaison = await t.login('forestry-liaison');
    const kinds = encodeURIComponent(JSON.stringify({ kind: ['escalation.reminder', 'escalation.urge'] }));
    const mine = await t.http.get(`/api/notifications?filter=${kinds}&range=[0,0]`).set(auth(liaison));
    expect(mine.status).toBe(200);
    const forestry = assignments.filter((a) => a.unit_code === 'forestry').map((a) => a.id);
    const forestryNotices = expected.filter((n) => forestry.includes(n.assignment_id) && ['reminder', 'urge'].includes(n.kind)).length;
    expect(forestryNotices).toBeGreaterThan(0);
    expect(Number(mine.headers['content-range'].split('/')[1])).toBe(forestryNotices);
  });

  it(
    'should circulate the month’s published bulletin as .docx and .xlsx with the overdue work the API lists',
    { timeout: 300_000 },
    async () => {
      await t.http.put('/api/settings/clock').set(auth(admin)).send({ today: END });
      const overdue = await t.http.get(`/api/assignments?filter=${encodeURIComponent('{"overdue":true}')}&range=[0,0]`).set(auth(office));
      const total = Number(overdue.headers['content-range'].split('/')[1]);
      const modelOverdue = assignments.filter((a) =>
        [a.deadline, ...a.milestones.filter((m) => m.status === 'open').map((m) => m.date)].some((d) => d < END),
      );
      expect(modelOverdue.length).toBeGreaterThan(0);
      expect(total).toBe(modelOverdue.length);
      const liaison = await t.login('jingan-liaison');
      expect((await t.http.get('/api/exports/bulletin.xlsx?month=2025-12').set(auth(liaison))).status).toBe(404);
      expect((await t.http.post('/api/bulletins/2025-12/publish').set(auth(office)).send({})).status).toBe(201);
      const xlsx = await t.http
        .get('/api/exports/bulletin.xlsx?month=2025-12')
        .set(auth(liaison))
        .buffer(true)
        .parse(binary as never);
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Uint8Array.from(xlsx.body as Buffer).buffer);
      const sheet = book.getWorksheet('逾期任务')!;
      expect(sheet.rowCount - 1).toBe(total);
      expect(sheet.getRow(1).getCell(2).value).toBe('责任单位');
      const docx = await t.http
        .get('/api/exports/bulletin.docx?month=2025-12')
        .set(auth(office))
        .buffer(true)
        .parse(binary as never);
      expect(docx.status).toBe(200);
      expect(docx.headers['content-disposition']).toContain("filename*=UTF-8''");
      const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file('word/document.xml')!.async('string');
      expect(xml).toContain('任务落实情况的通报');
      expect(xml).toContain('市林业局');
      expect((await t.http.get('/api/exports/bulletin.docx?month=2026-13').set(auth(office))).status).toBe(400);
      expect((await t.http.get('/api/exports/bulletin.docx?month=2027-01').set(auth(office))).status).toBe(400);
    },
  );
});

/** supertest: keep a binary body as a Buffer. */
function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '@duban/domain';
import { createTestApp, type TestApp } from '../support/test-app';

const FIXTURES = join(__dirname, '..', 'fixtures', 'evidence');
let t: TestApp;
const tokens = new Map<string, string>();
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');

async function as(username: string): Promise<{ authorization: string }> {
  if (!tokens.has(username)) tokens.set(username, await t.login(username));
  return auth(tokens.get(username)!);
}

let itemOffset = 0;
/** An assignment made directly in the database (decomposition is another module's), on a distinct Yichun plan item. */
async function makeAssignment(unitCode: string, opts: { cycle?: string; assignedOn?: string; deadline?: string; status?: string } = {}) {
  const [item] = (await t.db.query(`SELECT id, plan_id FROM plan_items WHERE assignable ORDER BY position LIMIT 1 OFFSET $1`, [
    itemOffset++,
  ])) as {
    id: string;
    plan_id: string;
  }[];
  const [row] = (await t.db.query(
    `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, report_cycle, assigned_on, status)
     SELECT $1, $2, u.id, 'lead', $4, $5, $6, $7 FROM org_units u WHERE u.code = $3 RETURNING id, plan_id AS "planId", org_unit_id AS "orgUnitId"`,
    [
      item.plan_id,
      item.id,
      unitCode,
      opts.deadline ?? '2025-12-31',
      opts.cycle ?? 'quarterly',
      opts.assignedOn ?? '2024-01-15',
      opts.status ?? 'not_started',
    ],
  )) as { id: string; planId: string; orgUnitId: string }[];
  return row;
}

async function assignmentRow(id: string) {
  return (
    await t.db.query(
      `SELECT status, progress, closure_requested_on::text AS closure_requested_on, completed_at, completed_by, version FROM assignments WHERE id = $1`,
      [id],
    )
  )[0] as {
    status: string;
    progress: number;
    closure_requested_on: string | null;
    completed_at: Date | null;
    completed_by: string | null;
    version: number;
  };
}

async function userId(username: string): Promise<string> {
  return (await t.db.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;
}

/** Everything a failed request must not have touched. */
async function snapshot() {
  return (
    await t.db.query(
      `SELECT (SELECT count(*) FROM reports) AS reports, (SELECT coalesce(sum(version), 0) FROM reports) AS report_versions,
              (SELECT count(*) FROM report_history) AS history, (SELECT count(*) FROM evidence) AS evidence,
              (SELECT coalesce(sum(version), 0) FROM assignments) AS assignment_versions,
              (SELECT count(*) FROM notifications) AS notifications, (SELECT count(*) FROM audit_events) AS events`,
    )
  )[0];
}

async function createReport(username: string, body: Record<string, unknown>) {
  return t.http
    .post('/api/reports')
    .set(await as(username))
    .send(body);
}

async function step(username: string, id: string, action: string, body: Record<string, unknown>) {
  return t.http
    .post(`/api/reports/${id}/${action}`)
    .set(await as(username))
    .send(body);
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('reports: the forestry report from draft to 销号, through the API alone', () => {
  it('should take a final report with a photo and a PDF through submit, confirm, approve and accept, refusing every other actor at every step', async () => {
    const a = await makeAssignment('forestry');
    const before = await snapshot();

    // Draft by the 市林业局 liaison.
    const created = await createReport('forestry-liaison', {
      assignmentId: a.id,
      period: '2024-Q2',
      summary: '完成人工造林 1.2 万亩，森林抚育 3 万亩。',
      progress: 100,
      final: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      assignmentId: a.id,
      planId: a.planId,
      orgUnitId: a.orgUnitId,
      period: '2024-Q2',
      status: 'draft',
      final: true,
      progress: 100,
      version: 1,
      evidence: [],
      history: [],
    });
    const id = created.body.id as string;

    const photo = await t.http
      .post(`/api/reports/${id}/evidence`)
      .set(await as('forestry-liaison'))
      .attach('file', readFileSync(join(FIXTURES, 'forest-photo.jpg')), '林场造林现场.jpg');
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({
      reportId: id,
      filename: '林场造林现场.jpg',
      mimeType: 'image/jpeg',
      gps: { lat: 27.815, lng: 114.39 },
      withdrawn: false,
    });
    expect(photo.body.capturedAt).toBe('2024-05-28T02:21:33.000Z');
    const pdf = await t.http
      .post(`/api/reports/${id}/evidence`)
      .set(await as('forestry-liaison'))
      .attach('file', readFileSync(join(FIXTURES, 'acceptance.pdf')), '造林验收报告.pdf');
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ mimeType: 'application/pdf', capturedAt: null, gps: null });

    // A draft belongs to its unit: nobody outside it sees it, and no one but the liaison moves it.
    for (const who of ['water-resources-liaison', 'water-resources-leader', 'inspector1', 'office', 'admin']) {
      expect((await t.http.get(`/api/reports/${id}`).set(await as(who))).status, who).toBe(404);
    }
    expect(
      (
        await t.http
          .put(`/api/reports/${id}`)
          .set(await as('water-resources-liaison'))
          .send({ version: 1, summary: 'x' })
      ).status,
    ).toBe(404);
    expect((await step('water-resources-liaison', id, 'submit', { version: 1 })).status).toBe(404);
    expect((await step('forestry-leader', id, 'confirm', { version: 1 })).status).toBe(409);
    expect((await step('forestry-leader', id, 'submit', { version: 1 })).status).toBe(403);
    expect((await step('inspector1', id, 'approve', { version: 1 })).status).toBe(404);

    // The liaison edits the draft, then submits it.
    const edited = await t.http
      .put(`/api/reports/${id}`)
      .set(await as('forestry-liaison'))
      .send({ ...created.body, summary: '完成人工造林 1.2 万亩，森林抚育 3.1 万亩。' });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.body.evidence).toHaveLength(2);
    const submitted = await step('forestry-liaison', id, 'submit', { version: 2, comment: '请审核' });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 3 });
    expect(todayInShanghai(new Date(submitted.body.submittedAt))).toBe('2024-06-03'); // the clock's business day
    expect(await assignmentRow(a.id)).toMatchObject({ status: 'closure_requested', closure_requested_on: '2024-06-03' });
    const leaderInbox = await t.http
      .get(`/api/notifications?${q({ filter: { kind: 'report.submitted' } })}`)
      .set(await as('forestry-leader'));
    expect(leaderInbox.body.map((n: { title: string }) => n.title)).toContain('待确认：市林业局 2024-Q2 进展报告');

    // Submitted: read-only; only the forestry leader confirms.
    expect(
      (
        await t.http
          .put(`/api/reports/${id}`)
          .set(await as('forestry-liaison'))
          .send({ version: 3, summary: '改' })
      ).status,
    ).toBe(409);
    const late = await t.http
      .post(`/api/reports/${id}/evidence`)
      .set(await as('forestry-liaison'))
      .attach('file', readFileSync(join(FIXTURES, 'chart.png')), 'chart.png');
    expect(late.status).toBe(409);
    expect((await step('forestry-liaison', id, 'confirm', { version: 3 })).status).toBe(403);
    expect((await step('forestry-liaison', id, 'submit', { version: 3 })).status).toBe(409);
    expect((await step('water-resources-leader', id, 'confirm', { version: 3 })).status).toBe(404);
    expect((await step('inspector1', id, 'approve', { version: 3 })).status).toBe(409);
    expect((await step('office', id, 'accept', { version: 3 })).status).toBe(409);
    expect((await step('admin', id, 'approve', { version: 3 })).status).toBe(403);
    expect((await step('forestry-leader', id, 'confirm', { version: 2 })).status).toBe(409);
    expect((await t.http.get(`/api/reports/${id}`).set(await as('inspector1'))).status).toBe(200);

    const confirmed = await step('forestry-leader', id, 'confirm', { version: 3, comment: '情况属实' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', version: 4 });
    const inspectorInbox = await t.http
      .get(`/api/notifications?${q({ filter: { kind: 'report.confirmed' } })}`)
      .set(await as('inspector2'));
    expect(inspectorInbox.body.map((n: { title: string }) => n.title)).toContain('待核查：市林业局 2024-Q2 进展报告');

    // Confirmed: only an inspector approves.
    expect((await step('forestry-leader', id, 'confirm', { version: 4 })).status).toBe(409);
    expect((await step('forestry-leader', id, 'approve', { version: 4 })).status).toBe(403);
    expect((await step('office', id, 'approve', { version: 4 })).status).toBe(403);
    expect((await step('admin', id, 'approve', { version: 4 })).status).toBe(403);
    expect((await step('office', id, 'accept', { version: 4 })).status).toBe(409);

    const approved = await step('inspector1', id, 'approve', { version: 4 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', version: 5 });
    expect((await step('inspector1', id, 'approve', { version: 5 })).status).toBe(409);
    expect((await step('inspector2', id, 'approve', { version: 4 })).status).toBe(409);
    expect((await assignmentRow(a.id)).progress).toBe(100);
    const officeInbox = await t.http.get(`/api/notifications?${q({ filter: { kind: 'report.approved' } })}`).set(await as('office'));
    expect(officeInbox.body).toHaveLength(1);
    expect(officeInbox.body[0].title).toMatch(/^待销号：市林业局 /);

    // Approved and final: only the office accepts (销号).
    expect((await step('inspector1', id, 'accept', { version: 5 })).status).toBe(403);
    expect((await step('forestry-leader', id, 'accept', { version: 5 })).status).toBe(403);
    expect((await step('admin', id, 'accept', { version: 5 })).status).toBe(403);
    const accepted = await step('office', id, 'accept', { version: 5, comment: '同意销号' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', version: 6 });
    expect((await step('office', id, 'accept', { version: 6 })).status).toBe(409);
    expect((await step('office', id, 'return', { version: 6, comment: '再看看' })).status).toBe(409);

    const done = await assignmentRow(a.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, completed_by: await userId('office') });
    expect(done.completed_at).toBeInstanceOf(Date);

    // The history says who did what and when; each step is in the audit chain.
    const shown = await t.http.get(`/api/reports/${id}`).set(await as('forestry-leader'));
    expect(shown.body.history.map((h: { action: string; toStatus: string; actorName: string }) => [h.action, h.toStatus])).toEqual([
      ['submit', 'submitted'],
      ['confirm', 'confirmed'],
      ['approve', 'approved'],
      ['accept', 'accepted'],
    ]);
    expect(shown.body.history[0]).toMatchObject({ actorId: await userId('forestry-liaison'), comment: '请审核' });
    expect(shown.body.history[3]).toMatchObject({ actorId: await userId('office'), comment: '同意销号' });
    expect(shown.body.evidence.map((e: { filename: string }) => e.filename)).toEqual(['林场造林现场.jpg', '造林验收报告.pdf']);
    const events = await t.http
      .get(`/api/audit-events?${q({ filter: { entity: 'Report', entityId: id }, sort: ['seq', 'ASC'] })}`)
      .set(await as('admin'));
    // Every step is in the chain; the admin, outside the unit, does not read the two taken while it was a draft.
    expect(events.body.map((e: { action: string }) => e.action)).toEqual(['submit', 'confirm', 'approve', 'accept']);
    const reportEvents = await t.db.query(`SELECT action FROM audit_events WHERE entity = 'Report' AND entity_id = $1 ORDER BY seq`, [id]);
    expect(reportEvents.map((e: { action: string }) => e.action)).toEqual(['create', 'update', 'submit', 'confirm', 'approve', 'accept']);
    const assignmentEvents = await t.db.query(
      `SELECT action FROM audit_events WHERE entity = 'Assignment' AND entity_id = $1 ORDER BY seq`,
      [a.id],
    );
    expect(assignmentEvents.map((e: { action: string }) => e.action)).toEqual(['report.submit', 'report.approve', 'report.accept']);

    // A completed assignment takes no more reports.
    const after = await snapshot();
    const more = await createReport('forestry-liaison', { assignmentId: a.id, period: '2024-Q1', summary: '补报', progress: 50 });
    expect(more.status).toBe(409);
    expect(await snapshot()).toEqual(after);
    expect(Number(after.reports)).toBe(Number(before.reports) + 1);

    const verify = await t.http.get('/api/audit-events/verify').set(await as('admin'));
    expect(verify.body).toMatchObject({ ok: true, firstBadId: null });
  });
});

describe('reports: concurrency', () => {
  it('should let exactly one of fifty concurrent approvals succeed and answer the rest 409', async () => {
    const a = await makeAssignment('forestry');
    const created = await createReport('forestry-liaison', { assignmentId: a.id, period: '2024-Q2', summary: '按计划推进', progress: 40 });
    const id = created.body.id;
    await step('forestry-liaison', id, 'submit', { version: 1 });
    await step('forestry-leader', id, 'confirm', { version: 2 });
    const inspector = await as('inspector1');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.http.post(`/api/reports/${id}/approve`).set(inspector).send({ version: 3 })),
    );
    const codes = results.map((r) => r.status).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    const history = await t.db.query(`SELECT action FROM report_history WHERE report_id = $1 AND action = 'approve'`, [id]);
    expect(history).toHaveLength(1);
    const events = await t.db.query(`SELECT 1 FROM audit_events WHERE entity = 'Report' AND entity_id = $1 AND action = 'approve'`, [id]);
    expect(events).toHaveLength(1);
    expect((await t.http.get(`/api/reports/${id}`).set(inspector)).body).toMatchObject({ status: 'approved', version: 4 });
    expect((await assignmentRow(a.id)).progress).toBe(40);
  });

  it('should let only one of ten concurrent reports for the same period exist, and answer the other nine 409', async () => {
    const a = await makeAssignment('forestry');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        createReport('forestry-liaison', { assignmentId: a.id, period: '2024-Q1', summary: '一季度', progress: 10 }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const rows = await t.db.query(`SELECT id FROM reports WHERE assignment_id = $1 AND period = '2024-Q1'`, [a.id]);
    expect(rows).toHaveLength(1);
  });
});

describe('reports: returns and the assignment', () => {
  it('should send a returned final report back to the liaison with the reason, reopen the assignment, and let it be resubmitted', async () => {
    const a = await makeAssignment('forestry');
    const created = await createReport('forestry-liaison', {
      assignmentId: a.id,
      period: '2024-Q2',
      summary: '申请销号',
      progress: 100,
      final: true,
    });
    const id = created.body.id;
    await step('forestry-liaison', id, 'submit', { version: 1 });
    await step('forestry-leader', id, 'confirm', { version: 2 });
    await step('inspector2', id, 'approve', { version: 3 });
    expect((await assignmentRow(a.id)).status).toBe('closure_requested');

    const before = await snapshot();
    const noReason = await step('office', id, 'return', { version: 4 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('意见');
    expect((await step('office', id, 'return', { version: 4, comment: '   ' })).status).toBe(400);
    expect(await snapshot()).toEqual(before);

    const returned = await step('office', id, 'return', { version: 4, comment: '缺少验收单位盖章的验收意见' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', version: 5 });
    expect(await assignmentRow(a.id)).toMatchObject({ status: 'in_progress', closure_requested_on: null });
    const inbox = await t.http.get(`/api/notifications?${q({ filter: { kind: 'report.returned' } })}`).set(await as('forestry-liaison'));
    const [{ number }] = await t.db.query(`SELECT i.number FROM assignments a JOIN plan_items i ON i.id = a.plan_item_id WHERE a.id = $1`, [
      a.id,
    ]);
    expect(inbox.body[0].title).toBe(`被退回：2024-Q2 进展报告（${number}）`);
    expect(inbox.body[0].body).toContain('缺少验收单位盖章的验收意见');
    const otherInbox = await t.http
      .get(`/api/notifications?${q({ filter: { kind: 'report.returned' } })}`)
      .set(await as('water-resources-liaison'));
    expect(otherInbox.body).toEqual([]);

    // Returned: editable again; the office still sees it (it was submitted once), the queue waits for the liaison.
    expect((await t.http.get(`/api/reports/${id}`).set(await as('office'))).status).toBe(200);
    const fixed = await t.http
      .put(`/api/reports/${id}`)
      .set(await as('forestry-liaison'))
      .send({ version: 5, summary: '已补充验收意见', progress: 100 });
    expect(fixed.status).toBe(200);
    const again = await step('forestry-liaison', id, 'submit', { version: 6 });
    expect(again.status).toBe(200);
    expect(again.body.firstSubmittedAt).not.toBeNull();
    expect(new Date(again.body.submittedAt).getTime()).toBeGreaterThanOrEqual(new Date(again.body.firstSubmittedAt).getTime());
    expect((await assignmentRow(a.id)).status).toBe('closure_requested');
    expect(again.body.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'confirm', 'approve', 'return', 'submit']);
    expect(again.body.history[3]).toMatchObject({ comment: '缺少验收单位盖章的验收意见', fromStatus: 'approved', toStatus: 'returned' });
  });

  it('should let a leader return a submitted report and an inspector a confirmed one, but not each other’s', async () => {
    const a = await makeAssignment('forestry');
    const id = (await createReport('forestry-liaison', { assignmentId: a.id, period: '2024-Q1', summary: '一季度进展', progress: 20 })).body
      .id;
    await step('forestry-liaison', id, 'submit', { version: 1 });
    expect((await step('inspector1', id, 'return', { version: 2, comment: '不对' })).status).toBe(403);
    expect((await step('office', id, 'return', { version: 2, comment: '不对' })).status).toBe(403);
    expect((await step('forestry-leader', id, 'return', { version: 2, comment: '数据需核实' })).body.status).toBe('returned');
    await step('forestry-liaison', id, 'submit', { version: 3 });
    await step('forestry-leader', id, 'confirm', { version: 4 });
    expect((await step('forestry-leader', id, 'return', { version: 5, comment: '撤回' })).status).toBe(403);
    expect((await step('inspector1', id, 'return', { version: 5, comment: '佐证不足' })).body.status).toBe('returned');
    expect((await assignmentRow(a.id)).status).toBe('in_progress');
    // A routine (non-final) approved report is not for the office to accept or return.
    await step('forestry-liaison', id, 'submit', { version: 6 });
    await step('forestry-leader', id, 'confirm', { version: 7 });
    expect((await step('inspector1', id, 'approve', { version: 8 })).body.status).toBe('approved');
    expect((await step('office', id, 'accept', { version: 9 })).status).toBe(409);
    expect((await step('office', id, 'return', { version: 9, comment: '不对' })).status).toBe(409);
    expect(await assignmentRow(a.id)).toMatchObject({ status: 'in_progress', progress: 20 });
  });

  it('should make the assignment’s progress follow its latest approved report', async () => {
    const a = await makeAssignment('agriculture-rural', { cycle: 'monthly', assignedOn: '2024-03-10' });
    const flow = async (period: string, progress: number) => {
      const id = (await createReport('agriculture-rural-liaison', { assignmentId: a.id, period, summary: `${period} 进展`, progress })).body
        .id;
      await step('agriculture-rural-liaison', id, 'submit', { version: 1 });
      await step('agriculture-rural-leader', id, 'confirm', { version: 2 });
      return id;
    };
    const april = await flow('2024-04', 30);
    const may = await flow('2024-05', 45);
    await step('inspector1', may, 'approve', { version: 3 });
    expect((await assignmentRow(a.id)).progress).toBe(45);
    await step('inspector1', april, 'approve', { version: 3 });
    expect((await assignmentRow(a.id)).progress).toBe(45);
    expect((await assignmentRow(a.id)).status).toBe('in_progress');
  });
});

describe('reports: bad input', () => {
  it('should refuse malformed reports with a 400 that names the field, and change nothing', async () => {
    const a = await makeAssignment('forestry');
    const before = await snapshot();
    const cases: [Record<string, unknown>, string][] = [
      [{ assignmentId: a.id, period: '2024-Q2', summary: '进展', progress: 101 }, '完成进度不能大于 100'],
      [{ assignmentId: a.id, period: '2024-Q2', summary: '进展', progress: -1 }, '完成进度不能小于 0'],
      [{ assignmentId: a.id, period: '2024-Q2', summary: '进展', progress: 50.5 }, '完成进度必须是整数'],
      [{ assignmentId: a.id, period: '2024-Q2', summary: '进展', progress: '50' }, '完成进度必须是整数'],
      [{ assignmentId: a.id, period: '2024-Q2', summary: '   ', progress: 50 }, '进展情况不能为空'],
      [{ assignmentId: a.id, period: 'Q2-2024', summary: '进展', progress: 50 }, '报送期必须形如'],
      [{ assignmentId: 'not-a-uuid', period: '2024-Q2', summary: '进展', progress: 50 }, '任务必须是 UUID'],
      [{ assignmentId: a.id, period: '2024-Q2', summary: '进展', progress: 50, status: 'approved' }, '不认识的字段 status'],
      [{ assignmentId: a.id, period: '2024-05', summary: '进展', progress: 50 }, '季度'],
      [{ assignmentId: a.id, period: '2024-H1', summary: '进展', progress: 50 }, '季度'],
      [{ assignmentId: a.id, period: '2024-Q3', summary: '进展', progress: 50 }, '还没有开始'],
      [{ assignmentId: a.id, period: '2023-Q4', summary: '进展', progress: 50 }, '报送期内'],
      [{ assignmentId: a.id, period: '2026-Q1', summary: '进展', progress: 50 }, '报送期内'],
    ];
    for (const [body, word] of cases) {
      const res = await createReport('forestry-liaison', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.message), JSON.stringify(body)).toContain(word);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('should answer 409 to a second report for the same period and to a report on a completed or cancelled assignment', async () => {
    const a = await makeAssignment('forestry');
    expect((await createReport('forestry-liaison', { assignmentId: a.id, period: '2024-Q2', summary: '进展', progress: 10 })).status).toBe(
      201,
    );
    const before = await snapshot();
    const twice = await createReport('forestry-liaison', { assignmentId: a.id, period: '2024-Q2', summary: '又一份', progress: 20 });
    expect(twice.status).toBe(409);
    for (const status of ['completed', 'cancelled']) {
      const closed = await makeAssignment('forestry', { status });
      const snap = await snapshot();
      expect(
        (await createReport('forestry-liaison', { assignmentId: closed.id, period: '2024-Q2', summary: '进展', progress: 10 })).status,
      ).toBe(409);
      expect(await snapshot()).toEqual(snap);
    }
    expect(Number((await snapshot()).reports)).toBe(Number(before.reports));
  });

  it('should refuse a stale version, a changed period and a malformed transition body, changing nothing', async () => {
    const a = await makeAssignment('forestry');
    const created = (await createReport('forestry-liaison', { assignmentId: a.id, period: '2024-Q2', summary: '进展', progress: 10 })).body;
    const before = await snapshot();
    expect(
      (
        await t.http
          .put(`/api/reports/${created.id}`)
          .set(await as('forestry-liaison'))
          .send({ version: 7, summary: '改' })
      ).status,
    ).toBe(409);
    expect(
      (
        await t.http
          .put(`/api/reports/${created.id}`)
          .set(await as('forestry-liaison'))
          .send({ version: 1, period: '2024-Q1' })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.http
          .put(`/api/reports/${created.id}`)
          .set(await as('forestry-liaison'))
          .send({ version: 1, progress: 120 })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.http
          .put(`/api/reports/${created.id}`)
          .set(await as('forestry-leader'))
          .send({ version: 1, summary: '改' })
      ).status,
    ).toBe(403);
    expect((await step('forestry-liaison', created.id, 'submit', { version: 2 })).status).toBe(409);
    expect((await step('forestry-liaison', created.id, 'submit', {})).status).toBe(400);
    expect((await step('forestry-liaison', created.id, 'submit', { version: 'one' })).status).toBe(400);
    expect((await step('forestry-liaison', created.id, 'submit', { version: 1, extra: true })).status).toBe(400);
    expect((await step('forestry-liaison', 'not-a-uuid', 'submit', { version: 1 })).status).toBe(400);
    expect((await step('forestry-liaison', '7f000000-0000-4000-8000-000000000000', 'submit', { version: 1 })).status).toBe(404);
    expect((await t.http.post(`/api/reports/${created.id}/submit`).send({ version: 1 })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('should not let a liaison report on another unit’s assignment (404)', async () => {
    const water = await makeAssignment('water-resources');
    const before = await snapshot();
    const res = await createReport('forestry-liaison', { assignmentId: water.id, period: '2024-Q2', summary: '进展', progress: 10 });
    expect(res.status).toBe(404);
    expect(
      (await createReport('forestry-leader', { assignmentId: water.id, period: '2024-Q2', summary: '进展', progress: 10 })).status,
    ).toBe(403);
    expect((await createReport('office', { assignmentId: water.id, period: '2024-Q2', summary: '进展', progress: 10 })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('reports: lists and queues', () => {
  it('should give inspectors the confirmed queue and the office the approved final queue, oldest waiting first, and scope every list', async () => {
    const units = ['ecology-environment', 'housing-construction', 'yuanzhou'];
    const ids: string[] = [];
    for (const unit of units) {
      const a = await makeAssignment(unit);
      const id = (
        await createReport(`${unit}-liaison`, {
          assignmentId: a.id,
          period: '2024-Q2',
          summary: `${unit} 进展`,
          progress: 60,
          final: unit === 'yuanzhou',
        })
      ).body.id;
      await step(`${unit}-liaison`, id, 'submit', { version: 1 });
      await step(`${unit}-leader`, id, 'confirm', { version: 2 });
      ids.push(id);
    }
    // Make the waiting times distinct and in a known order: housing waited longest.
    await t.db.query(`UPDATE reports SET waiting_since = now() - interval '3 days' WHERE id = $1`, [ids[1]]);
    await t.db.query(`UPDATE reports SET waiting_since = now() - interval '2 days' WHERE id = $1`, [ids[0]]);
    await t.db.query(`UPDATE reports SET waiting_since = now() - interval '1 days' WHERE id = $1`, [ids[2]]);
    const queue = await t.http
      .get(`/api/reports?${q({ filter: { status: 'confirmed', id: ids }, sort: ['waitingSince', 'ASC'], range: [0, 9] })}`)
      .set(await as('inspector1'));
    expect(queue.status).toBe(200);
    expect(queue.body.map((r: { id: string }) => r.id)).toEqual([ids[1], ids[0], ids[2]]);
    expect(queue.headers['content-range']).toBe('reports 0-2/3');
    expect(queue.body[0].history).toHaveLength(2);

    await step('inspector1', ids[2], 'approve', { version: 3 });
    const officeQueue = await t.http
      .get(`/api/reports?${q({ filter: { status: 'approved', final: true }, sort: ['waitingSince', 'ASC'] })}`)
      .set(await as('office'));
    expect(officeQueue.body.map((r: { id: string }) => r.id)).toContain(ids[2]);
    expect(officeQueue.body.every((r: { status: string; final: boolean }) => r.status === 'approved' && r.final)).toBe(true);

    const mine = await t.http.get(`/api/reports?${q({ range: [0, 99] })}`).set(await as('yuanzhou-liaison'));
    const yuanzhou = (await t.db.query(`SELECT id FROM org_units WHERE code = 'yuanzhou'`))[0].id;
    expect(mine.body.length).toBeGreaterThan(0);
    expect(mine.body.every((r: { orgUnitId: string }) => r.orgUnitId === yuanzhou)).toBe(true);
    const peek = await t.http.get(`/api/reports?${q({ filter: { id: ids } })}`).set(await as('yuanzhou-leader'));
    expect(peek.body.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
    expect(peek.headers['content-range']).toBe('reports 0-0/1');

    const drafts = await t.http.get(`/api/reports?${q({ filter: { status: 'draft' } })}`).set(await as('office'));
    expect(drafts.body).toEqual([]);
    expect((await t.http.get(`/api/reports?${q({ filter: { colour: 'red' } })}`).set(await as('office'))).status).toBe(400);
    expect((await t.http.get(`/api/reports?${q({ filter: { status: 'lost' } })}`).set(await as('office'))).status).toBe(400);
    expect((await t.http.get(`/api/reports?${q({ filter: { period: 'soon' } })}`).set(await as('office'))).status).toBe(400);
    expect((await t.http.get(`/api/reports?${q({ sort: ['nosuchfield', 'ASC'] })}`).set(await as('office'))).status).toBe(400);
    expect((await t.http.get(`/api/reports?${q({ range: [5, 1] })}`).set(await as('office'))).status).toBe(400);
  });

  it('should run a fixed number of queries for a list, whatever its page size', async () => {
    const queries: string[] = [];
    const logger = t.db.logger as { logQuery: (query: string) => void };
    const original = logger.logQuery.bind(logger);
    const count = async (range: [number, number]) => {
      queries.length = 0;
      logger.logQuery = (query: string) => {
        queries.push(query);
      };
      try {
        const res = await t.http.get(`/api/reports?${q({ range })}`).set(await as('office'));
        expect(res.status).toBe(200);
      } finally {
        logger.logQuery = original;
      }
      return queries.filter((s) => /reports|evidence|report_history/.test(s)).length;
    };
    const one = await count([0, 0]);
    expect(one).toBeGreaterThanOrEqual(3);
    expect(await count([0, 99])).toBe(one);
  });
});

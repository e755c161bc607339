import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { todayInShanghai } from '@duban/domain';
import { freePort } from '../../apps/api/src/core/database/embedded-postgres';
import { SchedulerRegistry } from '@nestjs/schedule';
import {
  DELIVERY_INTERVAL_MS,
  DELIVERY_JOB,
  DeliveryService,
  MAX_ATTEMPTS,
} from '../../apps/api/src/modules/notifications/delivery.service';
import { NotificationsService, type NotifyInput } from '../../apps/api/src/modules/notifications/notifications.service';
import { startHttpServer, type LocalHttpServer } from '../support/http-server';
import { startSmtpServer, type LocalSmtpServer } from '../support/smtp-server';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let smtp: LocalSmtpServer;
let hook: LocalHttpServer;
let forestryId: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');

async function notify(app: TestApp, n: NotifyInput): Promise<number> {
  return app.db.transaction((m) => app.app.get(NotificationsService).notify(m, n));
}
async function userId(app: TestApp, username: string): Promise<string> {
  return (await app.db.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;
}
interface DeliveryRow {
  id: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}
async function deliveries(app: TestApp, where = 'TRUE', params: unknown[] = []): Promise<DeliveryRow[]> {
  return app.db.query(`SELECT * FROM notification_deliveries WHERE ${where} ORDER BY created_at, channel, target`, params);
}
/** Every pending delivery becomes due now (simulates time passing). */
async function makeDue(app: TestApp): Promise<void> {
  await app.db.query(`UPDATE notification_deliveries SET next_attempt_at = now() - interval '1 second' WHERE status = 'pending'`);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  hook = await startHttpServer();
  t = await createTestApp({ SMTP_URL: smtp.url, WEBHOOK_URL: `${hook.url}/robot/send?key=test` });
  await t.db.query(`UPDATE users SET email = username || '@yichun.test' WHERE username <> 'water-resources-liaison'`);
  forestryId = (await t.db.query(`SELECT id FROM org_units WHERE code = 'forestry'`))[0].id;
});
// Every test starts from empty inboxes and outbox, so each stands alone and in any order.
beforeEach(async () => {
  await t.db.query(`DELETE FROM notifications`);
  smtp.mails.length = 0;
  hook.requests.length = 0;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await hook.close();
});

describe('notifications: recipients and the inbox', () => {
  it('should notify the roles within a unit, in their inboxes only', async () => {
    const created = await notify(t, {
      kind: 'report.submitted',
      title: '待确认：林业局 2024-Q2 进展报告',
      body: '市林业局联络员已报送，请审核确认。',
      link: '/reports/1',
      to: { orgUnitId: forestryId, roles: ['leader'] },
    });
    expect(created).toBe(1);
    const leader = await t.login('forestry-leader');
    const inbox = await t.http.get('/api/notifications').set(auth(leader));
    expect(inbox.status).toBe(200);
    expect(inbox.headers['content-range']).toBe('notifications 0-0/1');
    expect(inbox.body[0]).toMatchObject({
      kind: 'report.submitted',
      title: '待确认：林业局 2024-Q2 进展报告',
      link: '/reports/1',
      readAt: null,
    });
    expect(inbox.body[0]).not.toHaveProperty('dedupeKey');
    for (const other of ['forestry-liaison', 'water-resources-leader', 'office']) {
      const res = await t.http.get('/api/notifications').set(auth(await t.login(other)));
      expect(res.body, other).toEqual([]);
    }
  });

  it('should resolve roles anywhere, user ids and a whole unit, skipping disabled users', async () => {
    expect(await notify(t, { kind: 'test', title: '待核查', body: '…', to: { roles: ['inspector'] } })).toBe(2);
    const ids = [await userId(t, 'office'), await userId(t, 'jingan-liaison')];
    expect(await notify(t, { kind: 'test', title: '点名', body: '…', to: { userIds: ids } })).toBe(2);
    expect(await notify(t, { kind: 'test', title: '全单位', body: '…', to: { orgUnitId: forestryId } })).toBe(2);
    await t.db.query(`UPDATE users SET active = false WHERE username = 'forestry-liaison'`);
    try {
      expect(await notify(t, { kind: 'test', title: '全单位', body: '…', to: { orgUnitId: forestryId } })).toBe(1);
    } finally {
      await t.db.query(`UPDATE users SET active = true WHERE username = 'forestry-liaison'`);
    }
    expect(await notify(t, { kind: 'test', title: '无人', body: '…', to: {} })).toBe(0);
  });

  it('should create nothing, and queue nothing, for a repeated dedupe key', async () => {
    const n: NotifyInput = {
      kind: 'urge',
      title: '催办',
      body: '…',
      to: { orgUnitId: forestryId, roles: ['liaison'] },
      dedupeKey: 'urge:a1:1',
    };
    expect(await notify(t, n)).toBe(1);
    const queued = (await deliveries(t)).length;
    expect(await notify(t, n)).toBe(0);
    expect(await deliveries(t)).toHaveLength(queued);
    // The same key for someone else is theirs.
    expect(await notify(t, { ...n, to: { orgUnitId: forestryId, roles: ['leader'] } })).toBe(1);
  });

  it('should notify many messages in one call, with one summary for the group robot', async () => {
    await t.db.query(`DELETE FROM notification_deliveries`);
    const units = await t.db.query(`SELECT id, code FROM org_units WHERE code IN ('forestry', 'jingan', 'yuanzhou') ORDER BY code`);
    const messages: NotifyInput[] = units.map((u: { id: string; code: string }) => ({
      kind: 'escalation.reminder',
      title: `【提醒】${u.code} 报送期将到期`,
      body: '…',
      to: { orgUnitId: u.id, roles: ['liaison'] },
      dedupeKey: `batch:${u.code}`,
    }));
    const service = t.app.get(NotificationsService);
    expect(await t.db.transaction((m) => service.notifyBatch(m, [...messages, messages[0]!]))).toBe(3);
    expect(await t.db.transaction((m) => service.notifyBatch(m, messages))).toBe(0);
    expect(await t.db.transaction((m) => service.notifyBatch(m, []))).toBe(0);
    const queued = await deliveries(t);
    expect(queued.filter((d) => d.channel === 'email')).toHaveLength(3);
    const hooks = await t.db.query(`SELECT payload FROM notification_deliveries WHERE channel = 'webhook'`);
    expect(hooks).toHaveLength(1);
    expect(hooks[0].payload.markdown.content).toContain('3 条');
    expect(hooks[0].payload.markdown.content).toContain('【提醒】jingan 报送期将到期');
  });

  it('should not show a user another user’s notification', async () => {
    const leader = await t.login('forestry-leader');
    const liaison = await t.login('forestry-liaison');
    expect(await notify(t, { kind: 'test', title: '只给分管领导', body: '…', to: { orgUnitId: forestryId, roles: ['leader'] } })).toBe(1);
    const [mine] = (await t.http.get('/api/notifications').set(auth(leader))).body;
    expect(mine.title).toBe('只给分管领导');
    expect((await t.http.get(`/api/notifications/${mine.id}`).set(auth(leader))).status).toBe(200);
    expect((await t.http.get(`/api/notifications/${mine.id}`).set(auth(liaison))).status).toBe(404);
    expect((await t.http.post(`/api/notifications/${mine.id}/read`).set(auth(liaison))).status).toBe(404);
    expect((await t.http.get(`/api/notifications?${q({ filter: { id: [mine.id] } })}`).set(auth(liaison))).body).toEqual([]);
    expect((await t.http.get(`/api/notifications/${mine.id}`).set(auth(leader))).body.readAt).toBeNull();
    expect((await t.http.get('/api/notifications/not-a-uuid').set(auth(leader))).status).toBe(400);
  });

  it('should mark one or all read, filter by read and kind, and keep read-marks out of the audit chain', async () => {
    const leader = await t.login('forestry-leader');
    for (const kind of ['report.submitted', 'test', 'urge']) {
      expect(await notify(t, { kind, title: kind, body: '…', to: { orgUnitId: forestryId, roles: ['leader'] } })).toBe(1);
    }
    const all = (await t.http.get('/api/notifications').set(auth(leader))).body;
    expect(all).toHaveLength(3);
    const one = await t.http.post(`/api/notifications/${all[0].id}/read`).set(auth(leader));
    expect(one.status).toBe(200);
    expect(todayInShanghai(new Date(one.body.readAt))).toBe('2024-06-03'); // the clock's business day
    const again = await t.http.post(`/api/notifications/${all[0].id}/read`).set(auth(leader));
    expect(again.body.readAt).toBe(one.body.readAt);
    const unread = await t.http.get(`/api/notifications?${q({ filter: { read: false } })}`).set(auth(leader));
    expect(unread.body.map((n: { id: string }) => n.id)).not.toContain(all[0].id);
    expect(unread.body).toHaveLength(all.length - 1);
    const byKind = await t.http
      .get(`/api/notifications?${q({ filter: { kind: 'report.submitted' }, sort: ['createdAt', 'ASC'] })}`)
      .set(auth(leader));
    expect(byKind.body.map((n: { kind: string }) => n.kind)).toEqual(['report.submitted']);
    const readAll = await t.http.post('/api/notifications/read-all').set(auth(leader));
    expect(readAll.status).toBe(200);
    expect(readAll.body).toEqual({ updated: all.length - 1 });
    expect((await t.http.get(`/api/notifications?${q({ filter: { read: false } })}`).set(auth(leader))).body).toEqual([]);
    expect((await t.http.post('/api/notifications/read-all').set(auth(leader))).body).toEqual({ updated: 0 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'Notification'`);
    expect(n).toBe(0);
    for (const bad of [{ read: 'yes' }, { colour: 'red' }]) {
      expect((await t.http.get(`/api/notifications?${q({ filter: bad })}`).set(auth(leader))).status).toBe(400);
    }
  });
});

describe('notifications: delivery to real local servers', () => {
  it('should deliver the e-mail and the group-robot message with the Chinese title', async () => {
    await t.db.query(`DELETE FROM notification_deliveries`);
    smtp.mails.length = 0;
    hook.requests.length = 0;
    const created = await notify(t, {
      kind: 'supervision',
      title: '督办单〔2024〕1号：林业局逾期 5 个工作日',
      body: '请于 2024-06-14 前答复。',
      to: { orgUnitId: forestryId, roles: ['leader', 'liaison'] },
    });
    expect(created).toBe(2);
    const queued = await deliveries(t);
    expect(queued.map((d: { channel: string; target: string }) => `${d.channel} ${d.target}`)).toEqual([
      'email forestry-leader@yichun.test',
      'email forestry-liaison@yichun.test',
      `webhook ${hook.url}/robot/send?key=test`,
    ]);

    const run = await t.app.get(DeliveryService).deliverDue();
    expect(run).toEqual({ sent: 3, retrying: 0, failed: 0, dead: 0 });
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['forestry-leader@yichun.test', 'forestry-liaison@yichun.test']);
    for (const mail of smtp.mails) {
      expect(mail.subject).toBe('督办单〔2024〕1号：林业局逾期 5 个工作日');
      expect(mail.text).toContain('请于 2024-06-14 前答复。');
    }
    expect(hook.requests).toHaveLength(1);
    expect(hook.requests[0]!.path).toBe('/robot/send?key=test');
    const json = hook.requests[0]!.json as { msgtype: string; markdown: { content: string } };
    expect(json.msgtype).toBe('markdown');
    expect(json.markdown.content).toContain('督办单〔2024〕1号：林业局逾期 5 个工作日');
    expect(json.markdown.content).toContain('市林业局分管领导');
    expect((await deliveries(t)).every((d: { status: string; sent_at: Date | null }) => d.status === 'sent' && d.sent_at)).toBe(true);
    expect(await t.app.get(DeliveryService).deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0, dead: 0 });
  });

  it('should skip e-mail for a recipient without an address', async () => {
    await t.db.query(`DELETE FROM notification_deliveries`);
    expect(
      await notify(t, { kind: 'test', title: '无邮箱', body: '…', to: { userIds: [await userId(t, 'water-resources-liaison')] } }),
    ).toBe(1);
    expect((await deliveries(t)).map((d: { channel: string }) => d.channel)).toEqual(['webhook']);
    await t.app.get(DeliveryService).deliverDue();
  });

  it('should retry a dead mail server with growing backoff, give up after the last attempt, and still send to the live webhook', async () => {
    const deadPort = await freePort();
    const other = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${deadPort}`, WEBHOOK_URL: `${hook.url}/other-robot` });
    try {
      // Only liaisons have an address here, so the inspectors' messages below go to the webhook alone.
      await other.db.query(`UPDATE users SET email = username || '@yichun.test' WHERE role = 'liaison'`);
      hook.requests.length = 0;
      expect(
        await notify(other, { kind: 'urge', title: '催办：请报送进展', body: '…', to: { orgUnitId: forestryId, roles: ['liaison'] } }),
      ).toBe(1);
      const worker = other.app.get(DeliveryService);
      const first = await worker.deliverDue();
      expect(first).toEqual({ sent: 1, retrying: 1, failed: 0, dead: 0 });
      expect(hook.requests.map((r) => r.path)).toEqual(['/other-robot']);

      const backoffs: number[] = [];
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const [mail] = await deliveries(other, `channel = 'email'`);
        expect(mail.attempts).toBe(attempt);
        expect(mail.last_error).toMatch(/ECONNREFUSED|connect/i);
        if (attempt < MAX_ATTEMPTS) {
          expect(mail.status).toBe('pending');
          const [{ seconds }] = await other.db.query(
            `SELECT extract(epoch FROM next_attempt_at - now())::int AS seconds FROM notification_deliveries WHERE id = $1`,
            [mail.id],
          );
          backoffs.push(Math.round(seconds / 60));
          // Not due yet: a run now leaves it alone.
          expect((await worker.deliverDue()).retrying).toBe(0);
          await makeDue(other);
          // Each retry run also carries a fresh message to the live webhook, which goes out in the same run.
          await notify(other, { kind: 'test', title: `第 ${attempt} 轮`, body: '…', to: { roles: ['inspector'] } });
          const run = await worker.deliverDue();
          expect(run.sent).toBe(1);
          expect(run.retrying + run.dead).toBe(1);
        } else {
          expect(mail.status).toBe('dead');
        }
      }
      expect(backoffs).toEqual([1, 2, 4, 8, 16, 32, 60]);
      await makeDue(other);
      expect(await worker.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0, dead: 0 });
    } finally {
      await other.close();
    }
  });

  it('should not let a hung or refusing webhook hold up or fail the other deliveries', async () => {
    await t.db.query(`DELETE FROM notification_deliveries`);
    smtp.mails.length = 0;
    hook.requests.length = 0;
    expect(await notify(t, { kind: 'test', title: '一', body: '…', to: { orgUnitId: forestryId, roles: ['leader'] } })).toBe(1);
    expect(await notify(t, { kind: 'test', title: '二', body: '…', to: { orgUnitId: forestryId, roles: ['leader'] } })).toBe(1);
    expect(await notify(t, { kind: 'test', title: '三', body: '…', to: { orgUnitId: forestryId, roles: ['leader'] } })).toBe(1);
    expect(await notify(t, { kind: 'test', title: '四', body: '…', to: { orgUnitId: forestryId, roles: ['leader'] } })).toBe(1);
    const hooks = await deliveries(t, `channel = 'webhook'`);
    await t.db.query(`UPDATE notification_deliveries SET target = $2 WHERE id = $1`, [hooks[0].id, `${hook.url}/hang`]);
    await t.db.query(`UPDATE notification_deliveries SET target = $2 WHERE id = $1`, [hooks[1].id, `${hook.url}/status/400`]);
    await t.db.query(`UPDATE notification_deliveries SET target = $2 WHERE id = $1`, [hooks[2].id, `${hook.url}/errcode`]);

    const run = await t.app.get(DeliveryService).deliverDue();
    expect(run).toEqual({ sent: 5, retrying: 2, failed: 1, dead: 0 }); // 4 e-mails + the live webhook
    expect(smtp.mails).toHaveLength(4);
    const byId = new Map((await deliveries(t, `channel = 'webhook'`)).map((d) => [d.id, d]));
    expect(byId.get(hooks[0].id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(byId.get(hooks[0].id)?.last_error).toMatch(/timeout|abort/i);
    expect(byId.get(hooks[1].id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(byId.get(hooks[2].id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(byId.get(hooks[2].id)?.last_error).toContain('93000');
    expect(byId.get(hooks[3].id)).toMatchObject({ status: 'sent' });
  });

  it('should run due deliveries every 30 seconds outside tests', async () => {
    // Node's interval timer carries its period (`_repeat`): the job is scheduled, and every 30 s.
    const timer = t.app.get(SchedulerRegistry).getInterval(DELIVERY_JOB) as { _repeat: number | null };
    expect(DELIVERY_INTERVAL_MS).toBe(30_000);
    expect(timer._repeat).toBe(30_000);
    await t.db.query(`DELETE FROM notification_deliveries`);
    smtp.mails.length = 0;
    expect(await notify(t, { kind: 'test', title: '定时发送', body: '…', to: { orgUnitId: forestryId, roles: ['leader'] } })).toBe(1);
    const worker = t.app.get(DeliveryService);
    await worker.tick(); // under tests the tick does nothing
    expect(smtp.mails).toHaveLength(0);
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await worker.tick();
    } finally {
      process.env.NODE_ENV = env;
    }
    expect(smtp.mails.map((m) => m.subject)).toEqual(['定时发送']);
  });
});

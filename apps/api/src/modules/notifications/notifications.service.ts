import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '@duban/domain';
import { accessibleBy, accessSql, bindTo } from '../../core/access/access';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config';
import { asBoolean, asStringList, asUuidList, runList, type ListQueryParams, type ListSpec } from '../../core/http/list-query';
import { found } from '../../core/http/record';
import { Notification } from './notification.entity';

export interface NotifyInput {
  planId?: string | null;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  /**
   * Active users who are in `userIds`, or have one of `roles` within `orgUnitId` (anywhere when it is absent).
   * `orgUnitId` without `roles` means every active user of that unit.
   */
  to: { userIds?: string[]; orgUnitId?: string; roles?: Role[] };
  /** At most one notification per (user, dedupeKey): a repeat is skipped. */
  dedupeKey?: string;
}

/** Names listed per message in a webhook message before "等 N 人", and messages listed in a batch's. */
const WEBHOOK_NAMES = 20;
const WEBHOOK_LINES = 20;

const LIST: ListSpec<Notification> = {
  resource: 'notifications',
  filters: {
    id: (qb, v, p) => qb.andWhere(`n.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
    read: (qb, v) => qb.andWhere(asBoolean('read', v) ? 'n.readAt IS NOT NULL' : 'n.readAt IS NULL'),
    kind: (qb, v, p) => qb.andWhere(`n.kind IN (:...${p})`, { [p]: asStringList('kind', v) }),
  },
  sorts: { createdAt: 'n.createdAt' },
  defaultSort: ['createdAt', 'DESC'],
  tieBreaker: 'n.id',
};

/**
 * The in-app inbox and the delivery outbox. `notify` is called by other modules inside their own transaction;
 * the inbox endpoints only ever select the caller's own rows.
 *
 * Reading one's own inbox is not a business change, so read-marks are deliberately NOT written to the audit chain.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly clock: ClockService,
  ) {}

  /**
   * Resolves the recipients in SQL, inserts their inbox rows in one statement inside the caller's transaction
   * (skipping a (user, dedupeKey) already there), and queues an e-mail per recipient with an address when
   * SMTP_URL is set and one webhook message for the batch when WEBHOOK_URL is set.
   * Returns the number of notifications created.
   */
  notify(m: EntityManager, n: NotifyInput): Promise<number> {
    return this.notifyBatch(m, [n]);
  }

  /**
   * `notify` for many messages at once (the sweep, bulk 催办): one statement for all recipients, inbox rows
   * and e-mails, and ONE webhook message summarising the batch (group robots are rate-limited).
   */
  async notifyBatch(m: EntityManager, messages: NotifyInput[]): Promise<number> {
    if (messages.length === 0) return 0;
    const rows = messages.map((n, i) => ({
      i,
      plan_id: n.planId ?? null,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
      text: n.link ? `${n.body}\n\n${n.link}` : n.body,
      dedupe_key: n.dedupeKey ?? null,
      org_unit_id: n.to.orgUnitId ?? null,
      roles: n.to.roles ?? [],
      user_ids: n.to.userIds ?? [],
    }));
    // Recipients: listed users; the roles within the unit (anywhere without one); a unit without roles = all its users.
    // gen_random_uuid() in the materialised CTE names each row up front so RETURNING can be matched to its message.
    // Every join below is an equi-join over CTEs the planner has no statistics for: left to itself it picks nested
    // loops that go quadratic on a sweep's hundred thousand messages. Hash joins, for this statement only. Disabling
    // a join method adds a huge penalty to the plan's cost, which would make PostgreSQL JIT-compile the statement
    // (seconds of LLVM work for a thousand messages, against 40 ms without): no JIT for it either.
    await m.query(`SET LOCAL enable_nestloop = off`);
    await m.query(`SET LOCAL jit = off`);
    const created = (await m.query(
      `WITH msg AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(i int, plan_id uuid, kind text, title text, body text, link text,
                                                         text text, dedupe_key text, org_unit_id uuid, roles text[], user_ids uuid[])
       ), matched AS (
         SELECT msg.i, u.id AS user_id FROM msg JOIN users u ON u.id = ANY(msg.user_ids)
         UNION
         SELECT msg.i, u.id FROM msg JOIN users u ON u.org_unit_id = msg.org_unit_id AND (cardinality(msg.roles) = 0 OR u.role = ANY(msg.roles))
         UNION
         SELECT msg.i, u.id FROM msg JOIN users u ON msg.org_unit_id IS NULL AND u.role = ANY(msg.roles)
       ), recipients AS MATERIALIZED (
         SELECT gen_random_uuid() AS nid, matched.i, u.id AS user_id, u.org_unit_id, u.email, u.display_name
           FROM matched JOIN users u ON u.id = matched.user_id AND u.active
       ), inserted AS (
         INSERT INTO notifications (id, plan_id, user_id, org_unit_id, kind, title, body, link, created_at, dedupe_key)
         SELECT r.nid, msg.plan_id, r.user_id, r.org_unit_id, msg.kind, msg.title, msg.body, msg.link, $2::timestamptz, msg.dedupe_key
           FROM recipients r JOIN msg ON msg.i = r.i
         ON CONFLICT (user_id, dedupe_key) DO NOTHING
         RETURNING id
       ), emails AS (
         INSERT INTO notification_deliveries (notification_id, channel, target, payload)
         SELECT r.nid, 'email', r.email, jsonb_build_object('subject', msg.title, 'text', msg.text)
           FROM inserted JOIN recipients r ON r.nid = inserted.id JOIN msg ON msg.i = r.i
          WHERE $3::boolean AND coalesce(r.email, '') <> ''
       )
       SELECT r.i, count(*)::int AS n, (array_agg(r.display_name ORDER BY r.display_name))[1:${WEBHOOK_NAMES}] AS names,
              min(r.nid::text) AS first_id
         FROM inserted JOIN recipients r ON r.nid = inserted.id
        GROUP BY r.i ORDER BY r.i`,
      [JSON.stringify(rows), this.clock.now(), this.config.smtpUrl !== null],
    )) as { i: number; n: number; names: string[]; first_id: string }[];
    await m.query(`SET LOCAL enable_nestloop = DEFAULT`);
    await m.query(`SET LOCAL jit = DEFAULT`);
    if (this.config.webhookUrl && created.length > 0) {
      await m.query(
        `INSERT INTO notification_deliveries (notification_id, channel, target, payload) VALUES ($1, 'webhook', $2, $3::jsonb)`,
        [created[0]!.first_id, this.config.webhookUrl, JSON.stringify(robotMessage(messages, created))],
      );
    }
    return created.reduce((sum, c) => sum + c.n, 0);
  }

  /** The caller's own inbox. */
  list(caller: AuthUser, params: ListQueryParams) {
    return runList(this.own(caller), LIST, params);
  }

  async get(caller: AuthUser, id: string): Promise<Notification> {
    return found(await this.own(caller).andWhere('n.id = :id', { id }).getOne(), '通知');
  }

  async markRead(caller: AuthUser, id: string): Promise<Notification> {
    const params: unknown[] = [id, this.clock.now()];
    const own = accessSql(caller, 'Notification', 'n', bindTo(params), 'update');
    await this.db.query(`UPDATE notifications n SET read_at = $2 WHERE n.id = $1 AND ${own} AND n.read_at IS NULL`, params);
    return this.get(caller, id);
  }

  async markAllRead(caller: AuthUser): Promise<{ updated: number }> {
    const params: unknown[] = [this.clock.now()];
    const own = accessSql(caller, 'Notification', 'n', bindTo(params), 'update');
    const [, updated] = (await this.db.query(`UPDATE notifications n SET read_at = $1 WHERE ${own} AND n.read_at IS NULL`, params)) as [
      unknown,
      number,
    ];
    return { updated };
  }

  /** The caller's own inbox (core/access: their rows, sent while they were in their present unit). */
  private own(caller: AuthUser) {
    return accessibleBy(this.db.getRepository(Notification).createQueryBuilder('n'), caller, 'Notification');
  }
}

/**
 * The group-robot message for a batch: the one message with whom it went to, or a list of the first ones.
 * WeCom reads `markdown.content`, DingTalk `markdown.title` and `markdown.text`.
 */
function robotMessage(messages: NotifyInput[], created: { i: number; n: number; names: string[] }[]) {
  const who = (c: { n: number; names: string[] }) => `${c.names.join('、')}${c.n > c.names.length ? ` 等 ${c.n} 人` : ''}`;
  let title: string;
  let content: string;
  if (created.length === 1) {
    const n = messages[created[0]!.i]!;
    title = n.title;
    content = `### ${n.title}\n\n${n.body}\n\n> 通知对象：${who(created[0]!)}`;
  } else {
    title = `督办系统通知（${created.length} 条）`;
    const lines = created.slice(0, WEBHOOK_LINES).map((c) => `- **${messages[c.i]!.title}**（${who(c)}）`);
    const more = created.length > WEBHOOK_LINES ? `\n\n…… 另有 ${created.length - WEBHOOK_LINES} 条，请登录系统查看。` : '';
    content = `### ${title}\n\n${lines.join('\n')}${more}`;
  }
  return { msgtype: 'markdown', markdown: { title, text: content, content } };
}

import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config';
import type { DeliveryChannel } from './notification-delivery.entity';

export const DELIVERY_JOB = 'notification-deliveries';
export const DELIVERY_INTERVAL_MS = 30_000;
export const MAX_ATTEMPTS = 8;
const SEND_TIMEOUT_MS = 5_000;
/** How long a claimed delivery stays invisible to other workers while it is being sent. */
const LEASE = '2 minutes';
/** Sends in flight per channel. */
const CONCURRENCY = 4;
const DEFAULT_FROM = '"督办系统" <noreply@duban.local>';

interface Claimed {
  id: string;
  channel: DeliveryChannel;
  target: string;
  payload: Record<string, unknown>;
  /** Including this one. */
  attempts: number;
}

export interface DeliveryRun {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Refused for good (e.g. no such mailbox, HTTP 4xx) or channel no longer configured. */
  failed: number;
  /** Gave up after the last attempt. */
  dead: number;
}

/** A failure that retrying will not cure. */
class PermanentError extends Error {}

/**
 * The outbox worker: claims due deliveries (FOR UPDATE SKIP LOCKED, with a lease so a crashed worker's claims
 * come back), sends them outside any transaction with timeouts, and records the outcome. A dead or hung
 * channel only ever delays its own deliveries: it never throws out of deliverDue and never blocks the other channel.
 */
@Injectable()
export class DeliveryService implements OnModuleDestroy {
  private readonly logger = new Logger('Deliveries');
  private mailer: { transport: Transporter; from: string } | null = null;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  /** Every 30 s; not under tests, which call deliverDue themselves. Skipped while a run is still going. */
  @Interval(DELIVERY_JOB, DELIVERY_INTERVAL_MS)
  async tick(): Promise<void> {
    if (process.env.NODE_ENV === 'test' || this.running) return;
    this.running = true;
    try {
      const run = await this.deliverDue();
      if (run.sent + run.retrying + run.failed + run.dead > 0) this.logger.log(`deliveries: ${JSON.stringify(run)}`);
    } catch (err) {
      this.logger.error(`delivery run failed: ${String(err)}`);
    } finally {
      this.running = false;
    }
  }

  async deliverDue(limit = 50): Promise<DeliveryRun> {
    const claimed = (await this.db.query(
      `WITH due AS (
         SELECT id FROM notification_deliveries
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE notification_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + interval '${LEASE}'
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.channel, d.target, d.payload, d.attempts
       )
       SELECT * FROM claimed`,
      [limit],
    )) as Claimed[];
    const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0, dead: 0 };
    const byChannel = (c: DeliveryChannel) => claimed.filter((d) => d.channel === c);
    await Promise.all([this.runAll(byChannel('email'), run), this.runAll(byChannel('webhook'), run)]);
    return run;
  }

  onModuleDestroy(): void {
    this.mailer?.transport.close();
  }

  private async runAll(list: Claimed[], run: DeliveryRun): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < list.length) {
        const d = list[next++]!;
        try {
          run[await this.attempt(d)]++;
        } catch (err) {
          // Recording the outcome failed (database trouble): the lease runs out and it is tried again.
          this.logger.error(`delivery ${d.id}: ${String(err)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, list.length) }, worker));
  }

  private async attempt(d: Claimed): Promise<keyof DeliveryRun> {
    try {
      await (d.channel === 'email' ? this.sendEmail(d) : this.sendWebhook(d));
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
      const status = err instanceof PermanentError ? 'failed' : d.attempts >= MAX_ATTEMPTS ? 'dead' : 'pending';
      const backoffMinutes = Math.min(60, 2 ** (d.attempts - 1)); // 1, 2, 4 … capped at an hour
      await this.db.query(
        `UPDATE notification_deliveries SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(mins => $4) WHERE id = $1`,
        [d.id, status, message, backoffMinutes],
      );
      return status === 'pending' ? 'retrying' : status;
    }
    await this.db.query(`UPDATE notification_deliveries SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`, [d.id]);
    return 'sent';
  }

  private async sendEmail(d: Claimed): Promise<void> {
    const mailer = this.mailerFor();
    if (!mailer) throw new PermanentError('未配置 SMTP_URL');
    const { subject, text } = d.payload as { subject: string; text: string };
    try {
      await mailer.transport.sendMail({ from: mailer.from, to: d.target, subject, text });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode ?? 0;
      // 550–553: the mailbox does not exist or is refused — trying again will not help.
      if (code >= 550 && code <= 553) throw new PermanentError(String((err as Error).message));
      throw err;
    }
  }

  private async sendWebhook(d: Claimed): Promise<void> {
    let res: Response;
    try {
      res = await fetch(d.target, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(d.payload),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new Error(`${(err as Error).name}: ${(err as Error).message}${cause ? ` (${cause})` : ''}`);
    }
    const body = await res.text().catch(() => '');
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      throw new PermanentError(`HTTP ${res.status}: ${body.slice(0, 200)}`);
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${body.slice(0, 200)}`);
    // WeCom and DingTalk robots answer 200 with {errcode, errmsg}; a non-zero errcode is a failure.
    const errcode = (() => {
      try {
        return (JSON.parse(body) as { errcode?: unknown }).errcode;
      } catch {
        return undefined;
      }
    })();
    if (typeof errcode === 'number' && errcode !== 0) throw new Error(`机器人返回错误：${body.slice(0, 200)}`);
  }

  /** The SMTP transport for SMTP_URL (`?from=` sets the sender), made once. */
  private mailerFor(): { transport: Transporter; from: string } | null {
    if (!this.config.smtpUrl) return null;
    if (!this.mailer) {
      const url = new URL(this.config.smtpUrl);
      const from = url.searchParams.get('from') ?? DEFAULT_FROM;
      url.searchParams.delete('from');
      const transport = nodemailer.createTransport({
        url: url.toString(),
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: 2 * SEND_TIMEOUT_MS,
      });
      this.mailer = { transport, from };
    }
    return this.mailer;
  }
}

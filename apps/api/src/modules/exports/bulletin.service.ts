import { Injectable } from '@nestjs/common';
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { daysInMonth, ESCALATION_KINDS, LABELS, targetLabel, type AssignmentRole } from '@duban/domain';
import { ClockService } from '../../core/clock/clock.service';
import { found } from '../../core/http/record';
import { SettingsService } from '../../core/settings/settings.service';
import { daysOverdueSql, overdueSql } from '../assignments/assignment-read';
import { columnWidth } from './sheet-width';
import { refuse } from '../../core/http/messages';

const { assignmentRole, escalationKind } = LABELS.zh;
/** The ladder's word for a level above 0 (催办, 督办, 约谈/通报); `none` for level 0. */
const levelName = (level: number, none: string) => (level > 0 ? escalationKind[ESCALATION_KINDS[level]] : none);

export interface BulletinRow {
  unit: string;
  itemNumber: string;
  itemTitle: string;
  role: AssignmentRole;
  deadline: string;
  daysOverdue: number;
  level: number;
}

export interface UnansweredRow {
  number: string | null;
  kind: string;
  unit: string;
  itemNumber: string;
  itemTitle: string;
  target: string;
  dueAt: string;
}

export interface UnitRow {
  unit: string;
  total: number;
  completed: number;
  overdue: number;
  maxLevel: number;
  notices: number;
}

export interface Bulletin {
  month: string;
  /** Who issues it (SettingsService.locality). */
  issuer: string;
  asOf: string;
  plan: { id: string; title: string };
  totals: {
    assignments: number;
    completed: number;
    overdue: number;
    notices: Record<'reminder' | 'urge' | 'supervision' | 'interview', number>;
  };
  overdue: BulletinRow[];
  unanswered: UnansweredRow[];
  units: UnitRow[];
}

/**
 * The monthly 通报: overdue units and items by escalation level, notices whose answer is overdue, and each unit's
 * standing, as of the month's last day (or today, for the current month). Reads only; the office circulates it.
 */
@Injectable()
export class BulletinService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: ClockService,
    private readonly settings: SettingsService,
  ) {}

  async build(month: string, planId?: string): Promise<Bulletin> {
    const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month ?? '');
    if (!match) throw refuse(400, 'bulletins.month');
    const [year, mon] = [Number(match[1]), Number(match[2])];
    const first = `${month}-01`;
    const last = `${month}-${String(daysInMonth(year, mon)).padStart(2, '0')}`;
    const today = this.clock.today();
    if (first > today) throw refuse(400, 'bulletins.monthNotStarted');
    const asOf = last < today ? last : today;
    const plan = await this.plan(planId);

    const overdue = (await this.db.query(
      `SELECT u.name AS unit, i.number AS "itemNumber", i.title AS "itemTitle", a.role, to_char(a.deadline, 'YYYY-MM-DD') AS deadline,
              ${daysOverdueSql('$2')} AS "daysOverdue",
              (SELECT coalesce(max(e.level), 0) FROM escalations e
                WHERE e.assignment_id = a.id AND e.plan_id = a.plan_id AND e.kind <> 'reminder'
                  AND e.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
                  AND (e.resolved_at IS NULL OR e.resolved_at >= ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')) AS level
         FROM assignments a
         JOIN plan_items i ON i.id = a.plan_item_id AND i.plan_id = a.plan_id
         JOIN org_units u ON u.id = a.org_unit_id
        WHERE a.plan_id = $1 AND ${overdueSql('$2')}
        ORDER BY level DESC, "daysOverdue" DESC, u.code, i.position`,
      [plan.id, asOf],
    )) as BulletinRow[];

    const unanswered = (await this.db.query(
      `SELECT e.number, e.kind, u.name AS unit, i.number AS "itemNumber", i.title AS "itemTitle", e.target, to_char(e.due_at, 'YYYY-MM-DD') AS "dueAt"
         FROM escalations e
         JOIN assignments a ON a.id = e.assignment_id
         JOIN plan_items i ON i.id = a.plan_item_id
         JOIN org_units u ON u.id = e.org_unit_id
        WHERE e.plan_id = $1 AND e.due_at IS NOT NULL AND e.due_at < $2::date
          AND (e.responded_at IS NULL OR e.responded_at >= ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND (e.resolved_at IS NULL OR e.resolved_at >= ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
        ORDER BY e.level DESC, e.due_at, u.code`,
      [plan.id, asOf],
    )) as UnansweredRow[];

    const units = (await this.db.query(
      `SELECT u.name AS unit, count(*)::int AS total,
              count(*) FILTER (WHERE a.status = 'completed')::int AS completed,
              count(*) FILTER (WHERE ${overdueSql('$2')})::int AS overdue,
              coalesce((SELECT max(e.level) FROM escalations e WHERE e.plan_id = $1 AND e.org_unit_id = u.id AND e.resolved_at IS NULL AND e.kind <> 'reminder'), 0)::int AS "maxLevel",
              (SELECT count(*) FROM escalations e WHERE e.plan_id = $1 AND e.org_unit_id = u.id AND e.kind <> 'reminder'
                  AND e.created_at >= $3::timestamp AT TIME ZONE 'Asia/Shanghai'
                  AND e.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')::int AS notices
         FROM assignments a JOIN org_units u ON u.id = a.org_unit_id
        WHERE a.plan_id = $1 AND a.status <> 'cancelled'
        GROUP BY u.id, u.name, u.code
        ORDER BY overdue DESC, "maxLevel" DESC, u.code`,
      [plan.id, asOf, first],
    )) as UnitRow[];

    const [notices] = (await this.db.query(
      `SELECT count(*) FILTER (WHERE kind = 'reminder')::int AS reminder, count(*) FILTER (WHERE kind = 'urge')::int AS urge,
              count(*) FILTER (WHERE kind = 'supervision')::int AS supervision, count(*) FILTER (WHERE kind = 'interview')::int AS interview
         FROM escalations
        WHERE plan_id = $1 AND created_at >= $2::timestamp AT TIME ZONE 'Asia/Shanghai' AND created_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`,
      [plan.id, first, asOf],
    )) as Bulletin['totals']['notices'][];
    return {
      month,
      issuer: (await this.settings.locality()).issuer,
      asOf,
      plan,
      totals: {
        assignments: units.reduce((s, u) => s + u.total, 0),
        completed: units.reduce((s, u) => s + u.completed, 0),
        overdue: overdue.length,
        notices,
      },
      overdue,
      unanswered,
      units,
    };
  }

  /** The plan the bulletin is about: the one named, or the only published one. */
  async plan(planId?: string): Promise<{ id: string; title: string }> {
    if (planId !== undefined && !/^[0-9a-f-]{36}$/i.test(planId)) throw refuse(400, 'bulletins.planIdUuid');
    const rows = (await this.db.query(
      `SELECT id, title FROM plans WHERE status = 'published' AND ($1::uuid IS NULL OR id = $1::uuid) ORDER BY period_start DESC LIMIT 2`,
      [planId ?? null],
    )) as { id: string; title: string }[];
    if (planId) return found(rows[0], '规划');
    if (rows.length !== 1) throw refuse(400, rows.length === 0 ? 'bulletins.noPublishedPlan' : 'bulletins.manyPlans');
    return rows[0];
  }

  async docx(b: Bulletin): Promise<Buffer> {
    const [y, m] = b.month.split('-').map(Number);
    const text = (t: string, opts: { bold?: boolean; size?: number } = {}) =>
      new TextRun({ text: t, font: '仿宋', size: opts.size ?? 28, bold: opts.bold });
    const para = (t: string) => new Paragraph({ children: [text(t)], spacing: { line: 480 }, indent: { firstLine: 560 } });
    const heading = (t: string) =>
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: t, font: '黑体', size: 30 })] });
    const table = (headers: string[], rows: (string | number)[][]) =>
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: Object.fromEntries(
          ['top', 'bottom', 'left', 'right', 'insideHorizontal', 'insideVertical'].map((side) => [
            side,
            { style: BorderStyle.SINGLE, size: 4, color: '000000' },
          ]),
        ),
        rows: [headers, ...rows.map((r) => r.map(String))].map(
          (cells, i) =>
            new TableRow({
              tableHeader: i === 0,
              children: cells.map(
                (c) =>
                  new TableCell({
                    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(c, { bold: i === 0, size: 21 })] })],
                  }),
              ),
            }),
        ),
      });
    const n = b.totals.notices;
    // The circulated document names the items under 督办 or up for 约谈/通报; the workbook lists every overdue item.
    const named = b.overdue.filter((r) => r.level >= 2);
    const children = [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: b.issuer, font: '方正小标宋简体', size: 44, color: 'C00000' })],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 300 },
        children: [
          new TextRun({ text: `关于${y}年${m}月《${b.plan.title}》任务落实情况的通报`, font: '方正小标宋简体', size: 36, bold: true }),
        ],
      }),
      para(
        `截至${b.asOf}，规划共分解任务 ${b.totals.assignments} 项，已销号 ${b.totals.completed} 项，逾期未完成 ${b.totals.overdue} 项。本月共发出提醒 ${n.reminder} 次、催办 ${n.urge} 次、督办单 ${n.supervision} 份，约谈/通报候选 ${n.interview} 项。现将有关情况通报如下：`,
      ),
      heading('一、督办和约谈/通报的逾期任务'),
      ...(named.length === 0
        ? [para(b.overdue.length === 0 ? '本月无逾期任务。' : `本月逾期任务 ${b.overdue.length} 项，均处于催办阶段，明细见附表。`)]
        : [
            para(`逾期任务 ${b.overdue.length} 项，其中达到督办或约谈/通报标准的 ${named.length} 项如下（全部明细见附表）：`),
            table(
              ['督办级别', '责任单位', '条目编号', '任务名称', '角色', '截止日期', '逾期工作日'],
              named.map((r) => [
                levelName(r.level, ''),
                r.unit,
                r.itemNumber,
                r.itemTitle,
                assignmentRole[r.role],
                r.deadline,
                r.daysOverdue,
              ]),
            ),
          ]),
      heading('二、逾期未答复的督办事项'),
      ...(b.unanswered.length === 0
        ? [para('所有督办事项均已按期答复。')]
        : [
            table(
              ['文号', '责任单位', '条目编号', '督办事项', '答复期限'],
              b.unanswered.map((r) => [
                r.number ?? '（催办）',
                r.unit,
                r.itemNumber,
                `${r.itemTitle}（${targetLabel(r.target)}）`,
                r.dueAt,
              ]),
            ),
          ]),
      heading('三、各单位落实情况'),
      table(
        ['责任单位', '任务数', '已销号', '逾期', '最高督办级别', '本月督办次数'],
        b.units.map((u) => [u.unit, u.total, u.completed, u.overdue, levelName(u.maxLevel, '—'), u.notices]),
      ),
      para('请逾期单位分管领导高度重视，于收到本通报后 5 个工作日内书面报告整改情况。'),
      new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 400 }, children: [text(b.issuer)] }),
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [text(`${b.asOf.slice(0, 4)}年${Number(b.asOf.slice(5, 7))}月${Number(b.asOf.slice(8, 10))}日`)],
      }),
    ];
    return Packer.toBuffer(new Document({ creator: '督办 Duban', title: `${b.month} 通报`, sections: [{ children }] }));
  }

  async xlsx(b: Bulletin): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    book.creator = '督办 Duban';
    const sheet = (name: string, headers: string[], rows: (string | number)[][]) => {
      const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.addRow(headers).font = { bold: true };
      for (const r of rows) ws.addRow(r);
      ws.columns.forEach((col, i) => {
        col.width = columnWidth([headers[i], ...rows.map((r) => String(r[i] ?? ''))]);
      });
    };
    sheet(
      '逾期任务',
      ['督办级别', '责任单位', '条目编号', '任务名称', '角色', '截止日期', '逾期工作日'],
      b.overdue.map((r) => [
        levelName(r.level, '逾期'),
        r.unit,
        r.itemNumber,
        r.itemTitle,
        assignmentRole[r.role],
        r.deadline,
        r.daysOverdue,
      ]),
    );
    sheet(
      '逾期未答复',
      ['文号', '类别', '责任单位', '条目编号', '督办事项', '答复期限'],
      b.unanswered.map((r) => [
        r.number ?? '',
        r.kind === 'supervision' ? escalationKind.supervision : escalationKind.urge,
        r.unit,
        r.itemNumber,
        `${r.itemTitle}（${targetLabel(r.target)}）`,
        r.dueAt,
      ]),
    );
    sheet(
      '各单位情况',
      ['责任单位', '任务数', '已销号', '逾期', '最高督办级别', '本月督办次数'],
      b.units.map((u) => [u.unit, u.total, u.completed, u.overdue, levelName(u.maxLevel, '—'), u.notices]),
    );
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}

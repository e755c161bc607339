import { Injectable } from '@nestjs/common';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { DataSource } from 'typeorm';
import { chineseDate, LABELS, targetLabel } from '@duban/domain';
import type { AuthUser } from '../../core/auth/auth-user';
import { SettingsService } from '../../core/settings/settings.service';
import { EscalationsService } from '../escalations/escalations.service';

/** What the printed notice says: the same facts as the console's printable page. */
export interface NoticeSheet {
  issuer: string;
  title: string;
  number: string | null;
  unit: string;
  item: string;
  reason: string;
  late: string;
  respondBy: string;
  response: string;
  promisedDate: string;
}

/** A4 in twentieths of a point, with the 公文 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm). */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 2098, bottom: 1984, left: 1588, right: 1474 };

/**
 * The 督办单 (or any notice on the ladder) as a Word document: 文号, unit, item, what is late, the response date and
 * the answer so far. Whoever may read the notice may download it (EscalationsService.get is scoped by core/access).
 */
@Injectable()
export class SupervisionNoticeService {
  constructor(
    private readonly db: DataSource,
    private readonly escalations: EscalationsService,
    private readonly settings: SettingsService,
  ) {}

  async sheet(caller: AuthUser, id: string): Promise<NoticeSheet> {
    const e = await this.escalations.get(caller, id);
    const [row] = (await this.db.query(
      `SELECT it.number, it.title, (SELECT name FROM org_units WHERE id = $2) AS name
         FROM assignments a JOIN plan_items it ON it.id = a.plan_item_id
        WHERE a.id = $1`,
      [e.assignmentId, e.orgUnitId],
    )) as { number: string; title: string; name: string }[];
    const kind = LABELS.zh.escalationKind[e.kind];
    return {
      issuer: (await this.settings.locality()).issuer,
      title: e.kind === 'supervision' ? '督办单' : `${kind}通知`,
      number: e.number,
      unit: row?.name ?? '',
      item: row ? `${row.number} ${row.title}` : '',
      reason: e.reason,
      late: `${targetLabel(e.target)}（${chineseDate(e.targetDate)}）${e.daysOverdue > 0 ? `已逾期 ${e.daysOverdue} 个工作日` : ''}`,
      respondBy: e.dueAt ? chineseDate(e.dueAt) : '—',
      response: e.respondedAt ? (e.response ?? '') : '尚未答复',
      promisedDate: e.promisedDate ? chineseDate(e.promisedDate) : '—',
    };
  }

  async docx(caller: AuthUser, id: string): Promise<{ bytes: Buffer; number: string | null }> {
    const s = await this.sheet(caller, id);
    const run = (t: string, opts: { bold?: boolean; size?: number; font?: string; color?: string } = {}) =>
      new TextRun({ text: t, font: opts.font ?? '仿宋', size: opts.size ?? 32, bold: opts.bold, color: opts.color });
    const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
    const cell = (t: string, width: number, bold = false) =>
      new TableCell({
        width: { size: width, type: WidthType.PERCENTAGE },
        children: t.split('\n').map((l) => new Paragraph({ spacing: { before: 60, after: 60 }, children: [run(l, { bold, size: 28 })] })),
      });
    const rows: [string, string][] = [
      ['督办事项', s.item],
      ['逾期情况', s.late],
      ['答复期限', s.respondBy],
      ['办理情况', s.response],
      ['承诺完成时间', s.promisedDate],
    ];
    const children = [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [run(s.issuer, { font: '方正小标宋简体', size: 44, color: 'C00000' })],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 200 },
        children: [run(s.title, { font: '方正小标宋简体', size: 40, bold: true })],
      }),
      ...(s.number ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120 }, children: [run(s.number)] })] : []),
      new Paragraph({
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 4 } },
        spacing: { after: 300 },
        children: [],
      }),
      new Paragraph({ children: [run(`${s.unit}：`, { bold: true })] }),
      new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560, after: 200 }, children: [run(s.reason)] }),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
        rows: rows.map(([k, v]) => new TableRow({ children: [cell(k, 26, true), cell(v, 74)] })),
      }),
      new Paragraph({
        indent: { firstLine: 640 },
        spacing: { before: 300, line: 560 },
        children: [run('请分管领导于答复期限前书面答复办理情况和承诺完成时间。')],
      }),
      new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 400 }, children: [run(s.issuer)] }),
    ];
    const bytes = await Packer.toBuffer(
      new Document({
        creator: '督办 Duban',
        title: s.number ? `督办单 ${s.number}` : s.title,
        sections: [{ properties: { page: { size: A4, margin: MARGIN } }, children }],
      }),
    );
    return { bytes, number: s.number };
  }
}

import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { AuthUser } from '../../core/auth/auth-user';
import type { Evaluation, EvaluationRow } from '@duban/domain';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { columnWidth } from './sheet-width';

/** The columns of each ranking sheet: the same numbers as GET /api/evaluations, in the same order. */
const COLUMNS: { header: string; value: (r: EvaluationRow) => string | number | null }[] = [
  { header: '排名', value: (r) => r.rank },
  { header: '单位', value: (r) => r.name },
  { header: '得分', value: (r) => r.score },
  { header: '到期任务', value: (r) => r.assignmentsDue },
  { header: '按时完成', value: (r) => r.completedOnTime },
  { header: '逾期完成', value: (r) => r.completedLate },
  { header: '当前逾期', value: (r) => r.overdueNow },
  { header: '已报送报告', value: (r) => r.reportsSubmitted },
  { header: '按时报告', value: (r) => r.reportsOnTime },
  { header: '核查通过报告', value: (r) => r.reportsApproved },
  { header: '一次通过率', value: (r) => r.firstPassApprovalRate },
  { header: '提醒', value: (r) => r.notices.reminder },
  { header: '催办', value: (r) => r.notices.urge },
  { header: '督办', value: (r) => r.notices.supervision },
  { header: '约谈/通报', value: (r) => r.notices.interview },
  { header: '未答复督办事项', value: (r) => r.noticesUnanswered },
  { header: '批准延期', value: (r) => r.extensionsGranted },
  { header: '负责指标', value: (r) => r.indicators.rows },
  { header: '指标已达标', value: (r) => r.indicators.met },
  { header: '指标序时达标', value: (r) => r.indicators.onTrack },
  { header: '指标有风险', value: (r) => r.indicators.atRisk },
  { header: '指标滞后', value: (r) => r.indicators.offTrack },
  { header: '按时率分', value: (r) => r.parts.onTime },
  { header: '质量分', value: (r) => r.parts.quality },
  { header: '指标分', value: (r) => r.parts.indicators },
];

/** `GET /api/exports/evaluation.xlsx?asOf=`: one sheet per ranking (departments; counties and zones) and the weights used. */
@Injectable()
export class EvaluationExportService {
  constructor(private readonly evaluations: EvaluationsService) {}

  async build(caller: AuthUser, asOf: string): Promise<{ bytes: Buffer; evaluation: Evaluation }> {
    const evaluation = await this.evaluations.read(caller, asOf);
    const workbook = new ExcelJS.Workbook();
    for (const [group, title] of [
      ['department', '市直部门排名'],
      ['county', '县（市、区）排名'],
    ] as const) {
      const rows = evaluation.rows.filter((r) => r.group === group);
      const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
      const cells = rows.map((r) => COLUMNS.map((c) => c.value(r)));
      sheet.columns = COLUMNS.map((c, i) => ({
        header: c.header,
        width: columnWidth([c.header, ...cells.map((row) => String(row[i] ?? ''))]),
      }));
      sheet.getRow(1).font = { bold: true };
      for (const row of cells) sheet.addRow(row);
    }
    const weights = workbook.addWorksheet('权重');
    weights.columns = [
      { header: '项目', width: 16 },
      { header: '权重', width: 10 },
    ];
    weights.getRow(1).font = { bold: true };
    weights.addRow(['按时率', evaluation.weights.onTime]);
    weights.addRow(['质量（一次通过率）', evaluation.weights.quality]);
    weights.addRow(['指标', evaluation.weights.indicators]);
    weights.addRow([]);
    weights.addRow(['考核截止日期', evaluation.asOf]);
    weights.addRow(['状态', evaluation.status === 'published' ? '已发布' : '未发布（实时计算）']);
    return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), evaluation };
  }
}

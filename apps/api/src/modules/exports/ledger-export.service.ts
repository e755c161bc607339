import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { LABELS } from '@duban/domain';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import type { ListQueryParams } from '../../core/http/list-query';
import type { AssignmentView } from '../assignments/assignment-read';
import { AssignmentsService } from '../assignments/assignments.service';
import { columnWidth } from './sheet-width';

const { assignmentRole, reportCycle, assignmentStatus } = LABELS.zh;

type Cell = string | number | Date | null;

interface LedgerColumn {
  header: string;
  value: (row: AssignmentView) => Cell;
  /** What the cell shows (for the width). */
  text: (row: AssignmentView) => string;
  numFmt?: string;
}

function day(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** The 台账's columns, in order. */
export const LEDGER_COLUMNS: LedgerColumn[] = [
  { header: '条目编号', value: (r) => r.planItemNumber, text: (r) => r.planItemNumber },
  { header: '条目名称', value: (r) => r.planItemTitle, text: (r) => r.planItemTitle },
  { header: '责任单位', value: (r) => r.orgUnitName, text: (r) => r.orgUnitName },
  { header: '角色', value: (r) => assignmentRole[r.role], text: (r) => assignmentRole[r.role] },
  { header: '截止日期', value: (r) => day(r.deadline), text: (r) => r.deadline, numFmt: 'yyyy-mm-dd' },
  { header: '报送周期', value: (r) => reportCycle[r.reportCycle], text: (r) => reportCycle[r.reportCycle] },
  { header: '状态', value: (r) => assignmentStatus[r.status], text: (r) => assignmentStatus[r.status] },
  { header: '进度', value: (r) => r.progress, text: (r) => `${r.progress}%`, numFmt: '0"%"' },
  { header: '逾期工作日', value: (r) => r.daysOverdue, text: (r) => String(r.daysOverdue) },
  {
    header: '下次报送',
    value: (r) => (r.nextReportDue ? day(r.nextReportDue) : null),
    text: (r) => r.nextReportDue ?? '',
    numFmt: 'yyyy-mm-dd',
  },
];

/** The office's ledger (台账) of assignments as .xlsx: the list's filters, sort and unit scope. */
@Injectable()
export class LedgerExportService {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly clock: ClockService,
  ) {}

  async build(caller: AuthUser, params: Pick<ListQueryParams, 'filter' | 'sort'>): Promise<Buffer> {
    const rows = await this.assignments.all(caller, params);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Duban 督办';
    workbook.created = this.clock.now();
    const sheet = workbook.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = LEDGER_COLUMNS.map((c) => ({
      header: c.header,
      width: columnWidth([c.header, ...rows.map(c.text)]),
      style: c.numFmt ? { numFmt: c.numFmt } : {},
    }));
    for (const row of rows) {
      const added = sheet.addRow(LEDGER_COLUMNS.map((c) => c.value(row)));
      if (row.overdue)
        added.getCell(LEDGER_COLUMNS.findIndex((c) => c.header === '逾期工作日') + 1).font = { color: { argb: 'FFC00000' }, bold: true };
    }
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center' };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_COLUMNS.length } };
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}

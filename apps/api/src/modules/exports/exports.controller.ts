import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams } from '../../core/http/list-query';
import { BulletinService } from './bulletin.service';
import { BulletinQuery } from './dto/bulletin-query.dto';
import { LedgerExportService } from './ledger-export.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Documents the office circulates: the assignments ledger and the monthly bulletin (通报). */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly ledger: LedgerExportService,
    private readonly bulletin: BulletinService,
    private readonly clock: ClockService,
  ) {}

  /**
   * 台账 of assignments: same `filter` and `sort` as GET /api/assignments (no range: every row), same unit scope —
   * a leader or liaison exports their own unit's work, so the policy is reading assignments.
   */
  @Policy('read', 'Assignment')
  @Get('assignments.xlsx')
  @ApiProduces(XLSX)
  async assignments(@Caller() caller: AuthUser, @Query() query: ListQueryParams, @Res({ passthrough: true }) res: Response) {
    const file = await this.ledger.build(caller, query);
    const name = `任务台账-${this.clock.today()}.xlsx`;
    res.setHeader('Content-Type', XLSX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="assignments-${this.clock.today()}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    return new StreamableFile(file);
  }

  /** The monthly 通报 as a Word document: overdue items by level, unanswered notices, each unit's standing. Public to every user. */
  @Policy('read', 'Bulletin')
  @Get('bulletin.docx')
  @ApiProduces(DOCX)
  async bulletinDocx(@Query() query: BulletinQuery, @Res({ passthrough: true }) res: Response) {
    const b = await this.bulletin.build(query.month, query.planId);
    this.attachment(res, DOCX, `bulletin-${b.month}.docx`, `${b.month}督办通报.docx`);
    return new StreamableFile(await this.bulletin.docx(b));
  }

  /** The same bulletin as a workbook (one sheet per section). */
  @Policy('read', 'Bulletin')
  @Get('bulletin.xlsx')
  @ApiProduces(XLSX)
  async bulletinXlsx(@Query() query: BulletinQuery, @Res({ passthrough: true }) res: Response) {
    const b = await this.bulletin.build(query.month, query.planId);
    this.attachment(res, XLSX, `bulletin-${b.month}.xlsx`, `${b.month}督办通报.xlsx`);
    return new StreamableFile(await this.bulletin.xlsx(b));
  }

  private attachment(res: Response, type: string, ascii: string, name: string): void {
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  }
}

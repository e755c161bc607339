import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams } from '../../core/http/list-query';
import { BulletinsService, type BulletinFile } from '../bulletins/bulletins.service';
import { EvaluationQueryDto } from '../evaluations/dto/evaluation-query.dto';
import { BulletinQuery } from './dto/bulletin-query.dto';
import { EvaluationExportService } from './evaluation-export.service';
import { LedgerExportService } from './ledger-export.service';
import { SupervisionNoticeService } from './supervision-notice.service';
import { SupervisionNoticeQuery } from './dto/supervision-notice-query.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Documents the office circulates: the assignments ledger and the monthly bulletin (通报). */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly ledger: LedgerExportService,
    private readonly bulletins: BulletinsService,
    private readonly clock: ClockService,
    private readonly notices: SupervisionNoticeService,
    private readonly evaluations: EvaluationExportService,
  ) {}

  /** The evaluation of a date as a workbook: the same numbers and the same access as GET /api/evaluations. */
  @Policy('read', 'Evaluation')
  @Get('evaluation.xlsx')
  @ApiProduces(XLSX)
  async evaluation(@Caller() caller: AuthUser, @Query() query: EvaluationQueryDto, @Res({ passthrough: true }) res: Response) {
    const { bytes, evaluation } = await this.evaluations.build(caller, query.asOf);
    res.setHeader('X-Evaluation-Status', evaluation.status);
    this.attachment(res, XLSX, `evaluation-${query.asOf}.xlsx`, `考核评估-${query.asOf}.xlsx`);
    return new StreamableFile(bytes);
  }

  /**
   * One 督办单 (or any notice on the ladder) as an A4 Word document: the console's printable page. Whoever may read
   * the notice may download it; another unit's id is a 404, as reading it is.
   */
  @Policy('read', 'Escalation')
  @Get('supervision-notice.docx')
  @ApiProduces(DOCX)
  async supervisionNotice(@Caller() caller: AuthUser, @Query() query: SupervisionNoticeQuery, @Res({ passthrough: true }) res: Response) {
    const { bytes, number } = await this.notices.docx(caller, query.id);
    this.attachment(res, DOCX, `supervision-notice-${query.id.slice(0, 8)}.docx`, `督办单${number ? `-${number}` : ''}.docx`);
    return new StreamableFile(bytes);
  }

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

  /**
   * The monthly 通报 as a Word document: overdue items by level, unanswered notices, each unit's standing. Once the
   * office has published the month, everyone gets the frozen copy; before that only the office and the admin (the
   * live draft), everyone else a 404.
   */
  @Policy('read', 'Bulletin')
  @Get('bulletin.docx')
  @ApiProduces(DOCX)
  async bulletinDocx(@Caller() caller: AuthUser, @Query() query: BulletinQuery, @Res({ passthrough: true }) res: Response) {
    const file = await this.bulletins.file(caller, 'docx', query.month, query.planId);
    this.bulletinHeaders(res, file, DOCX, 'docx');
    return new StreamableFile(file.bytes);
  }

  /** The same bulletin as a workbook (one sheet per section), published or draft alike. */
  @Policy('read', 'Bulletin')
  @Get('bulletin.xlsx')
  @ApiProduces(XLSX)
  async bulletinXlsx(@Caller() caller: AuthUser, @Query() query: BulletinQuery, @Res({ passthrough: true }) res: Response) {
    const file = await this.bulletins.file(caller, 'xlsx', query.month, query.planId);
    this.bulletinHeaders(res, file, XLSX, 'xlsx');
    return new StreamableFile(file.bytes);
  }

  /** `X-Bulletin-Status` says which copy this is; a published copy carries its sha256 as ETag. */
  private bulletinHeaders(res: Response, file: BulletinFile, type: string, ext: string): void {
    const draft = file.status === 'draft' ? '（草稿）' : '';
    this.attachment(res, type, `bulletin-${file.month}${draft ? '-draft' : ''}.${ext}`, `${file.month}督办通报${draft}.${ext}`);
    res.setHeader('X-Bulletin-Status', file.status);
    if (file.sha256) res.setHeader('ETag', `"${file.sha256}"`);
  }

  private attachment(res: Response, type: string, ascii: string, name: string): void {
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  }
}

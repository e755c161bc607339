import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
import { ApproveManyDto, CreateReportDto, ReportTransitionDto, ReturnReportDto, UpdateReportDto } from './dto/report.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Also the queues: `filter={"status":"confirmed"}` (inspectors), `{"status":"approved","final":true}` (office), `sort=["waitingSince","ASC"]`. */
  @Policy('read', 'Report')
  @Get()
  @List('reports')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.reports.list(caller, query);
  }

  @Policy('read', 'Report')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.reports.get(caller, id);
  }

  @Policy('create', 'Report')
  @Post()
  create(@Caller() caller: AuthUser, @Body() dto: CreateReportDto) {
    return this.reports.create(caller, dto);
  }

  @Policy('update', 'Report')
  @Put(':id')
  update(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateReportDto) {
    return this.reports.update(caller, id, dto);
  }

  /** 报送 (liaison): draft or returned → submitted. */
  @Policy('submit', 'Report')
  @Post(':id/submit')
  @HttpCode(200)
  submit(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ReportTransitionDto) {
    return this.reports.transition(caller, id, 'submit', dto);
  }

  /** 审核确认 (the unit's leader): submitted → confirmed. */
  @Policy('confirm', 'Report')
  @Post(':id/confirm')
  @HttpCode(200)
  confirm(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ReportTransitionDto) {
    return this.reports.transition(caller, id, 'confirm', dto);
  }

  /** 核查通过 (inspector): confirmed → approved. */
  @Policy('approve', 'Report')
  @Post(':id/approve')
  @HttpCode(200)
  approve(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ReportTransitionDto) {
    return this.reports.transition(caller, id, 'approve', dto);
  }

  /**
   * 核查通过 for several confirmed reports at once (inspector): each goes through the single approve, in its own
   * transaction, at the version it has now; the answer says per id what became of it.
   */
  @Policy('approve', 'Report')
  @Post('approve-many')
  @HttpCode(200)
  approveMany(@Caller() caller: AuthUser, @Body() dto: ApproveManyDto) {
    return this.reports.approveMany(caller, dto);
  }

  /** 退回 (leader from submitted, inspector from confirmed, office from an approved final report), reason required. */
  @Policy('return', 'Report')
  @Post(':id/return')
  @HttpCode(200)
  return(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ReturnReportDto) {
    return this.reports.transition(caller, id, 'return', dto);
  }

  /** 销号 (office): an approved final report → accepted; completes the assignment. */
  @Policy('accept', 'Report')
  @Post(':id/accept')
  @HttpCode(200)
  accept(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ReportTransitionDto) {
    return this.reports.transition(caller, id, 'accept', dto);
  }
}

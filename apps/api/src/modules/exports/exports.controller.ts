import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams } from '../../core/http/list-query';
import { LedgerExportService } from './ledger-export.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Documents the office circulates: the assignments ledger now; the monthly bulletin joins it (issue 6). */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(private readonly ledger: LedgerExportService, private readonly clock: ClockService) {}

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
    res.setHeader('Content-Disposition', `attachment; filename="assignments-${this.clock.today()}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    return new StreamableFile(file);
  }
}

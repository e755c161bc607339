import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
import { AssignmentsService } from './assignments.service';
import { AcknowledgeAssignmentDto, UpdateAssignmentDto } from './dto/assignment.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  /**
   * filter: id, planId, orgUnitId, planItemId, chapter, role, status, acknowledged, overdue, escalationLevel, dueBefore, dueAfter
   * (deadline on or before / on or after), q (item number or title); sort: position (default), deadline,
   * daysOverdue, orgUnitId (unit name), status, createdAt.
   */
  @Policy('read', 'Assignment')
  @Get()
  @List('assignments')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.assignments.list(caller, query);
  }

  /** A leader's or liaison's own unit's open work, soonest first (same filters as the list). */
  @Policy('read', 'Assignment')
  @Get('mine')
  @List('assignments')
  mine(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.assignments.mine(caller, query);
  }

  @Policy('read', 'Assignment')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.assignments.get(caller, id);
  }

  /** Every report period with its due date and its report, if any. */
  @Policy('read', 'Assignment')
  @Get(':id/schedule')
  schedule(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.assignments.schedule(caller, id);
  }

  @Policy('update', 'Assignment')
  @Put(':id')
  update(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateAssignmentDto) {
    return this.assignments.update(caller, id, dto);
  }

  /** 签收: the unit's leader or liaison acknowledges the assignment (once; not when completed or cancelled), audited. */
  @Policy('acknowledge', 'Assignment')
  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: AcknowledgeAssignmentDto) {
    return this.assignments.acknowledge(caller, id, dto.version);
  }

  /** Deleted when nothing refers to it yet; cancelled (kept, never chased) once it has reports. */
  @Policy('delete', 'Assignment')
  @Delete(':id')
  remove(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.assignments.remove(caller, id);
  }
}

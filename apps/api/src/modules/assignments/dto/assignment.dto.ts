import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Min,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ASSIGNMENT_ROLES, REPORT_CYCLES, type AssignmentRole, type ReportCycle } from '@duban/domain';
import { VersionedUpdateDto } from '../../../core/http/record';
import { IsDateOnly } from '../../../core/http/date-only';
import { Omittable } from '../../../core/http/validation';

export const MILESTONE_STATUSES = ['open', 'done'] as const;

export class AssignmentMilestoneDto {
  @ApiProperty({ example: '2023-12-29' })
  @IsDateOnly()
  date!: string;

  @ApiProperty({ example: '2023年底前，完成一轮清洁生产审核' })
  @IsString()
  @Matches(/\S/)
  @MaxLength(1000)
  text!: string;

  @ApiPropertyOptional({ enum: MILESTONE_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(MILESTONE_STATUSES)
  status?: (typeof MILESTONE_STATUSES)[number];
}

/** One unit's share in a decomposition. Omitted deadline, cycle or milestones: kept (existing) or the item's defaults. */
export class DecomposeEntryDto {
  @ApiProperty()
  @IsUUID('all')
  orgUnitId!: string;

  @ApiProperty({
    enum: ASSIGNMENT_ROLES,
    description: 'lead 牵头（部门，恰好一个）/ support 配合（部门）/ county 落实（县、市、区或功能区）',
  })
  @IsIn(ASSIGNMENT_ROLES)
  role!: AssignmentRole;

  @ApiPropertyOptional({ example: '2025-12-31', description: '在规划期内；遇非工作日提前到前一个工作日' })
  @Omittable()
  @IsDateOnly()
  deadline?: string;

  @ApiPropertyOptional({ enum: REPORT_CYCLES, default: 'quarterly' })
  @IsOptional()
  @IsIn(REPORT_CYCLES)
  reportCycle?: ReportCycle;

  @ApiPropertyOptional({ type: [AssignmentMilestoneDto], description: '截止日期之前的阶段节点；省略时取条目的里程碑' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AssignmentMilestoneDto)
  milestones?: AssignmentMilestoneDto[];

  /** A suggestion's own fields, so the console may post suggestions back as they came: accepted and ignored. */
  @ApiPropertyOptional({ readOnly: true })
  @Allow()
  orgUnitName?: unknown;

  @ApiPropertyOptional({ readOnly: true })
  @Allow()
  reasons?: unknown;

  @ApiPropertyOptional({ readOnly: true })
  @Allow()
  score?: unknown;
}

export class DecomposeDto {
  @ApiProperty({ type: [DecomposeEntryDto], description: '该条目完整的分工：恰好一个牵头单位，任意个配合单位和落实县（市、区）' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DecomposeEntryDto)
  assignments!: DecomposeEntryDto[];
}

export class DecomposeAllDto {
  @ApiPropertyOptional({ example: '6', description: '只分解这一章（章的编号）；省略则分解整个规划' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'number' ? String(value) : value))
  @Matches(/^\d{1,3}$/)
  chapter?: string;
}

/**
 * PUT body: deadline, cycle and milestones, with the version read. react-admin sends the whole record back, so
 * the other fields are accepted and ignored — except that the unit, the role and the item cannot change here
 * (that is a new decomposition of the item).
 */
export class UpdateAssignmentDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ example: '2025-09-30' })
  @Omittable()
  @IsDateOnly()
  deadline?: string;

  @ApiPropertyOptional({ enum: REPORT_CYCLES })
  @IsOptional()
  @IsIn(REPORT_CYCLES)
  reportCycle?: ReportCycle;

  @ApiPropertyOptional({ type: [AssignmentMilestoneDto] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AssignmentMilestoneDto)
  milestones?: AssignmentMilestoneDto[];

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsUUID('all')
  orgUnitId?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsIn(ASSIGNMENT_ROLES)
  role?: AssignmentRole;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsUUID('all')
  planItemId?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsUUID('all')
  planId?: string;

  @ApiPropertyOptional({ readOnly: true }) @Allow() status?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() progress?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() assignedOn?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() closureRequestedOn?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() completedAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() completedBy?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() acknowledgedAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() acknowledgedBy?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() cancelledAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() planItemNumber?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() planItemTitle?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() orgUnitName?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() orgUnitKind?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() overdue?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() daysOverdue?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() escalationLevel?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() nextReportDue?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() nextReportPeriod?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() expectedProgress?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() reportedProgress?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() light?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() lightCause?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() lightReason?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() nextDate?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() workingDaysToNextDate?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() workingDaysToReport?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @Allow() calendarWarning?: unknown;
}

/** POST /api/assignments/:id/acknowledge (签收): the version read, when the client has one (a stale one is a 409). */
export class AcknowledgeAssignmentDto {
  @ApiPropertyOptional({ description: 'the version the client read; a stale one is a 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType, PickType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { REPORT_STATUSES } from '@duban/domain';
import { VersionedUpdateDto } from '../../../core/http/record';

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/;
const PERIOD_MESSAGE = 'period 必须是 2024-07（月）、2024-Q3（季）、2024-H2（半年）或 2024（年）';
const SUMMARY_MAX = 20_000;

export class CreateReportDto {
  @ApiProperty()
  @IsUUID('all', { message: 'assignmentId 必须是 UUID' })
  assignmentId!: string;

  @ApiProperty({ example: '2024-Q2' })
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period!: string;

  @ApiProperty({ example: '完成造林 1.2 万亩，森林覆盖率稳定在 67% 以上。' })
  @IsString({ message: 'summary 必须是文字' })
  @Matches(/\S/, { message: 'summary（进展情况）不能为空' })
  @MaxLength(SUMMARY_MAX, { message: `summary 不能超过 ${SUMMARY_MAX} 字` })
  summary!: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt({ message: 'progress 必须是 0–100 的整数' })
  @Min(0, { message: 'progress 必须是 0–100 的整数' })
  @Max(100, { message: 'progress 必须是 0–100 的整数' })
  progress!: number;

  @ApiPropertyOptional({ default: false, description: '申请销号：审核通过后还需委办销号' })
  @IsOptional()
  @IsBoolean({ message: 'final 必须是 true 或 false' })
  final?: boolean;
}

/** What a report's record carries besides its editable fields: sent back by react-admin, accepted and ignored. */
class ReportReadOnlyFieldsDto {
  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsUUID('all', { message: 'assignmentId 必须是 UUID' })
  assignmentId?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsIn(REPORT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsUUID()
  createdBy?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsArray()
  evidence?: unknown[];

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsArray()
  history?: unknown[];

  @ApiPropertyOptional({ readOnly: true, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsDateString()
  firstSubmittedAt?: string | null;

  @ApiPropertyOptional({ readOnly: true, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsDateString()
  submittedAt?: string | null;

  @ApiPropertyOptional({ readOnly: true, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsDateString()
  confirmedAt?: string | null;

  @ApiPropertyOptional({ readOnly: true, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsDateString()
  approvedAt?: string | null;

  @ApiPropertyOptional({ readOnly: true, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsDateString()
  acceptedAt?: string | null;

  @ApiPropertyOptional({ readOnly: true, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsDateString()
  returnedAt?: string | null;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsDateString()
  waitingSince?: string;
}

/**
 * PUT body: the editable fields of CreateReportDto (summary, progress, final), the version read, and the read-only
 * fields (assignmentId and period must not change).
 */
export class UpdateReportDto extends IntersectionType(
  PartialType(PickType(CreateReportDto, ['summary', 'progress', 'final'] as const)),
  VersionedUpdateDto,
  ReportReadOnlyFieldsDto,
) {}

/** `POST /api/reports/:id/{submit|confirm|approve|accept}`. */
export class ReportTransitionDto {
  @ApiProperty({ description: 'the version the client read; a stale one is a 409' })
  @IsInt({ message: 'version 必须是整数' })
  @Min(1, { message: 'version 必须是整数' })
  version!: number;

  @ApiPropertyOptional({ description: '意见' })
  @IsOptional()
  @IsString({ message: 'comment 必须是文字' })
  @MaxLength(2000, { message: 'comment 不能超过 2000 字' })
  comment?: string;
}

/** `POST /api/reports/approve-many`: several confirmed reports approved at once, each as if approved alone. */
export class ApproveManyDto {
  @ApiProperty({ type: [String], description: '报告 id，1–200 个，不重复' })
  @IsArray({ message: 'ids 必须是报告 id 的数组' })
  @ArrayMinSize(1, { message: 'ids 至少要有 1 个报告' })
  @ArrayMaxSize(200, { message: 'ids 一次最多 200 个报告' })
  @ArrayUnique({ message: 'ids 不能重复' })
  @IsUUID('all', { each: true, message: 'ids 的每一项都必须是 UUID' })
  ids!: string[];

  @ApiPropertyOptional({ description: '意见（每份报告都记下）' })
  @IsOptional()
  @IsString({ message: 'comment 必须是文字' })
  @MaxLength(2000, { message: 'comment 不能超过 2000 字' })
  comment?: string;
}

/** `POST /api/reports/:id/return`: the reason is required (not an extension of the above: its comment is optional). */
export class ReturnReportDto {
  @ApiProperty({ description: 'the version the client read; a stale one is a 409' })
  @IsInt({ message: 'version 必须是整数' })
  @Min(1, { message: 'version 必须是整数' })
  version!: number;

  @ApiProperty({ description: '退回原因（必填）' })
  @IsString({ message: 'comment（退回原因）必填' })
  @Matches(/\S/, { message: 'comment（退回原因）必填' })
  @MaxLength(2000, { message: 'comment 不能超过 2000 字' })
  comment!: string;
}

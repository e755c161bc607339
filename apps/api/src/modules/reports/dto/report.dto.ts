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
const SUMMARY_MAX = 20_000;

export class CreateReportDto {
  @ApiProperty()
  @IsUUID('all')
  assignmentId!: string;

  @ApiProperty({ example: '2024-Q2' })
  @Matches(PERIOD)
  period!: string;

  @ApiProperty({ example: '完成造林 1.2 万亩，森林覆盖率稳定在 67% 以上。' })
  @IsString()
  @Matches(/\S/)
  @MaxLength(SUMMARY_MAX)
  summary!: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  progress!: number;

  @ApiPropertyOptional({ default: false, description: '申请销号：审核通过后还需委办销号' })
  @IsOptional()
  @IsBoolean()
  final?: boolean;
}

/** What a report's record carries besides its editable fields: sent back by react-admin, accepted and ignored. */
class ReportReadOnlyFieldsDto {
  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsUUID('all')
  assignmentId?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @Matches(PERIOD)
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
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ description: '意见' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** `POST /api/reports/approve-many`: several confirmed reports approved at once, each as if approved alone. */
export class ApproveManyDto {
  @ApiProperty({ type: [String], description: '报告 id，1–200 个，不重复' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids!: string[];

  @ApiPropertyOptional({ description: '意见（每份报告都记下）' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** `POST /api/reports/:id/return`: the reason is required (not an extension of the above: its comment is optional). */
export class ReturnReportDto {
  @ApiProperty({ description: 'the version the client read; a stale one is a 409' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ description: '退回原因（必填）' })
  @IsString()
  @Matches(/\S/)
  @MaxLength(2000)
  comment!: string;
}

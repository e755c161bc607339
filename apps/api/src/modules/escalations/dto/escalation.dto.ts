import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsDateOnly } from '../../../core/http/date-only';

/** 人工催办 / 督办 / 约谈: one assignment, or every overdue assignment of one unit. */
export class CreateEscalationDto {
  @ApiPropertyOptional({ description: 'one assignment (or give orgUnitId)' })
  @ValidateIf((o: CreateEscalationDto) => o.orgUnitId === undefined || o.assignmentId !== undefined)
  @IsUUID('all')
  assignmentId?: string;

  @ApiPropertyOptional({ description: 'all overdue work of this unit' })
  @IsOptional()
  @IsUUID('all')
  orgUnitId?: string;

  @ApiPropertyOptional({
    enum: ['urge', 'supervision', 'interview'],
    description: 'the rung: 催办 (default), 督办 (a 督办单 with its 文号) or 约谈/通报 (a level-3 candidate the office confirms)',
  })
  @IsOptional()
  @IsIn(['urge', 'supervision', 'interview'])
  kind?: 'urge' | 'supervision' | 'interview';

  @ApiProperty({ example: '请于本周五前报送进展并说明逾期原因' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}

export class RespondEscalationDto {
  @ApiProperty({ description: 'the explanation (办理情况说明)' })
  @IsString()
  @MinLength(2)
  @MaxLength(5000)
  response!: string;

  @ApiPropertyOptional({ description: 'the promised completion date, YYYY-MM-DD (required for a supervision notice)' })
  @IsOptional()
  @IsDateOnly()
  promisedDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ConfirmEscalationDto {
  @ApiPropertyOptional({ description: '约谈 or 通报, and any note' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class RunSweepDto {
  @ApiPropertyOptional({ description: 'the day to sweep as (demo/test mode only), YYYY-MM-DD' })
  @IsOptional()
  @IsDateOnly()
  now?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { INDICATOR_ASSESSMENTS, REPORT_STATUSES } from '@duban/domain';
import { VersionedUpdateDto } from '../../../core/http/record';

const TEXT_MAX = 5000;

export class CreateIndicatorValueDto {
  @ApiProperty()
  @IsUUID()
  indicatorId!: string;

  @ApiProperty({ minimum: 2021, maximum: 2025, example: 2023 })
  @IsInt()
  @Min(2021)
  @Max(2025)
  year!: number;

  @ApiPropertyOptional({ nullable: true, example: 31.5, description: '该年数值（按指标单位）；文字目标可不填' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number | null;

  @ApiPropertyOptional({ description: '说明：来源、口径，或文字目标的完成情况' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  text?: string;
}

/** The liaison edits a draft or returned value; the row and year are fixed (react-admin sends them back: ignored if unchanged). */
export class UpdateIndicatorValueDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsUUID()
  indicatorId?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsInt()
  year?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  text?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsIn(REPORT_STATUSES)
  status?: string;
}

export class IndicatorValueTransitionDto {
  @ApiProperty({ description: 'the version the client read; a stale one is a 409' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ description: '意见；退回时为原因（必填），核查文字目标时为评判理由（必填）' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ enum: INDICATOR_ASSESSMENTS, description: '文字目标（稳中向好、完成省下达目标）的核查评判，核查通过时必填' })
  @IsOptional()
  @IsIn(INDICATOR_ASSESSMENTS)
  assessment?: (typeof INDICATOR_ASSESSMENTS)[number];
}

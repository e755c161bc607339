import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsNumber, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';

export class LadderSettingsDto {
  @ApiPropertyOptional({ type: [Number], example: [5, 1], description: '提醒：截止前第几个工作日' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique({ message: 'ladder.reminderDays 不能重复' })
  @IsInt({ each: true, message: 'ladder.reminderDays 必须是整数' })
  @Min(1, { each: true, message: 'ladder.reminderDays 至少为 1' })
  @Max(60, { each: true, message: 'ladder.reminderDays 最多为 60' })
  reminderDays?: number[];

  @ApiPropertyOptional({ example: 1, description: '催办：逾期工作日数' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  urge?: number;

  @ApiPropertyOptional({ example: 5, description: '督办：逾期工作日数' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  supervision?: number;

  @ApiPropertyOptional({ example: 15, description: '约谈/通报候选：逾期工作日数' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  interview?: number;

  @ApiPropertyOptional({ example: 5, description: '督办单答复期限（工作日）' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  responseDays?: number;

  @ApiPropertyOptional({ example: 20, description: '承诺完成时间最晚为目标日期后第几个工作日' })
  @IsOptional()
  @IsInt({ message: 'ladder.promiseMaxDays 必须是整数' })
  @Min(1, { message: 'ladder.promiseMaxDays 至少为 1' })
  @Max(250, { message: 'ladder.promiseMaxDays 最多为 250' })
  promiseMaxDays?: number;
}

export class ReportDueSettingsDto {
  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  monthly?: number;

  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  quarterly?: number;

  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  semiannual?: number;

  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  annual?: number;
}

export class EvaluationWeightsDto {
  @ApiPropertyOptional({ example: 0.4 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  onTime?: number;

  @ApiPropertyOptional({ example: 0.3 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  quality?: number;

  @ApiPropertyOptional({ example: 0.3 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  indicators?: number;
}

/** A partial settings object: only the fields given change (nested objects are merged field by field). */
export class UpdateSettingsDto {
  @ApiProperty({ description: 'the version the client read; a stale one is a 409' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ type: LadderSettingsDto })
  @IsOptional()
  @IsObject({ message: 'ladder 必须是对象' })
  @ValidateNested()
  @Type(() => LadderSettingsDto)
  ladder?: LadderSettingsDto;

  @ApiPropertyOptional({ type: ReportDueSettingsDto, description: '报送截止：报送期结束后第 N 个工作日' })
  @IsOptional()
  @IsObject({ message: 'reportDue 必须是对象' })
  @ValidateNested()
  @Type(() => ReportDueSettingsDto)
  reportDue?: ReportDueSettingsDto;

  @ApiPropertyOptional({ example: 209715200 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10 * 1024 ** 3)
  uploadMaxBytes?: number;

  @ApiPropertyOptional({ example: 20, description: '红黄绿灯：报送进度落后序时进度超过多少个百分点亮黄灯' })
  @IsOptional()
  @IsInt({ message: 'lightGap 必须是整数' })
  @Min(1, { message: 'lightGap 至少为 1' })
  @Max(100, { message: 'lightGap 最多为 100' })
  lightGap?: number;

  @ApiPropertyOptional({ type: EvaluationWeightsDto })
  @IsOptional()
  @IsObject({ message: 'evaluationWeights 必须是对象' })
  @ValidateNested()
  @Type(() => EvaluationWeightsDto)
  evaluationWeights?: EvaluationWeightsDto;
}

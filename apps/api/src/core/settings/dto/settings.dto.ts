import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class LadderSettingsDto {
  @ApiPropertyOptional({ type: [Number], example: [5, 1], description: '提醒：截止前第几个工作日' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
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
  @IsInt()
  @Min(1)
  @Max(250)
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

export class GroupAbbreviationDto {
  @ApiProperty({ example: '丰樟高' })
  @IsString()
  @Length(2, 12)
  abbreviation!: string;

  @ApiProperty({ type: [String], example: ['丰城', '樟树', '高安'], description: '成员县（市、区）的名称或别名' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  members!: string[];
}

export class AmbiguousNameDto {
  @ApiProperty({ example: '高安' })
  @IsString()
  @Length(1, 20)
  name!: string;

  @ApiPropertyOptional({ example: '提升较更最偏过', description: '紧跟在这些字之后出现时不算（如“提高安全”）' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  notAfter?: string;

  @ApiPropertyOptional({ example: '全', description: '紧接着这些字出现时不算' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  notBefore?: string;
}

export class LocalitySettingsDto {
  @ApiPropertyOptional({ example: '宜春市' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  city?: string;

  @ApiPropertyOptional({ example: 'yichun', description: '规划编码的前缀（标题以城市名开头时）' })
  @IsOptional()
  @Matches(/^([a-z][a-z0-9-]{0,39})?$/)
  cityCode?: string;

  @ApiPropertyOptional({ example: '宜春市生态环境保护委员会办公室', description: '通报的发文单位；为空时用委办公室单位名称' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  issuer?: string;

  @ApiPropertyOptional({ example: '宜环委办督〔{year}〕{n}号', description: '督办单文号模板：{year} 年份，{n} 序号' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(/^(?=[\s\S]*\{year\})(?=[\s\S]*\{n\})/)
  supervisionNumber?: string;

  @ApiPropertyOptional({ type: [GroupAbbreviationDto], description: '规划文本中几个县（市、区）的合称' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GroupAbbreviationDto)
  groups?: GroupAbbreviationDto[];

  @ApiPropertyOptional({ type: [AmbiguousNameDto], description: '也会出现在普通词语里的地名' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AmbiguousNameDto)
  ambiguousNames?: AmbiguousNameDto[];
}

export class ReceiptSettingsDto {
  @ApiPropertyOptional({ example: 3, description: '签收时限：交办后第几个工作日内签收' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  workingDays?: number;
}

/** A partial settings object: only the fields given change (nested objects are merged field by field). */
export class UpdateSettingsDto {
  @ApiProperty({ description: 'the version the client read; a stale one is a 409' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ type: LadderSettingsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LadderSettingsDto)
  ladder?: LadderSettingsDto;

  @ApiPropertyOptional({ type: ReportDueSettingsDto, description: '报送截止：报送期结束后第 N 个工作日' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReportDueSettingsDto)
  reportDue?: ReportDueSettingsDto;

  @ApiPropertyOptional({ type: ReceiptSettingsDto, description: '签收：交办后多少个工作日内须签收，逾期按督办阶梯催办' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReceiptSettingsDto)
  receipt?: ReceiptSettingsDto;

  @ApiPropertyOptional({ example: 209715200 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10 * 1024 ** 3)
  uploadMaxBytes?: number;

  @ApiPropertyOptional({ example: 20, description: '红黄绿灯：报送进度落后序时进度超过多少个百分点亮黄灯' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  lightGap?: number;

  @ApiPropertyOptional({ type: EvaluationWeightsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EvaluationWeightsDto)
  evaluationWeights?: EvaluationWeightsDto;

  @ApiPropertyOptional({ type: LocalitySettingsDto, description: '本市的名称、发文单位、督办单文号和县（市、区）合称' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalitySettingsDto)
  locality?: LocalitySettingsDto;
}

import { ApiProperty, IntersectionType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { VersionedUpdateDto } from '../../../core/http/record';

export const DUTY_RULE_MAX_KEYWORDS = 50;
export const DUTY_RULE_KEYWORD_MAX = 30;

/** Trims each keyword, so " 造林" and "造林" are one word. */
const trimKeywords = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((k) => (typeof k === 'string' ? k.trim() : k)) : value;

export class CreateDutyRuleDto {
  @ApiProperty({ type: [String], example: ['松材线虫', '造林', '森林碳汇'] })
  @Transform(trimKeywords)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DUTY_RULE_MAX_KEYWORDS)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/\S/, { each: true })
  @MaxLength(DUTY_RULE_KEYWORD_MAX, { each: true })
  keywords!: string[];

  @ApiProperty({ description: '负责这些工作的部门（须为部门，不能是县区或委办）' })
  @IsUUID('all')
  orgUnitId!: string;

  @ApiProperty({ minimum: 1, maximum: 10, example: 5, description: '每命中一个关键词的分值（标题命中加倍）' })
  @IsInt()
  @Min(1)
  @Max(10)
  weight!: number;
}

/** Every field of CreateDutyRuleDto, optional, plus the version read. */
export class UpdateDutyRuleDto extends IntersectionType(PartialType(CreateDutyRuleDto), VersionedUpdateDto) {}

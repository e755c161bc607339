import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ORG_UNIT_KINDS, type OrgUnitKind } from '@duban/domain';
import { VersionedUpdateDto } from '../../http/record';

export class CreateOrgUnitDto {
  @ApiProperty({ example: 'forestry-bureau' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/)
  code!: string;

  @ApiProperty({ example: '市林业局' })
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  name!: string;

  @ApiProperty({ enum: ORG_UNIT_KINDS })
  @IsIn(ORG_UNIT_KINDS)
  kind!: OrgUnitKind;

  @ApiPropertyOptional({ type: [String], example: ['林业局'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  aliases?: string[];
}

/** Every field of CreateOrgUnitDto, optional, plus the version read. */
export class UpdateOrgUnitDto extends IntersectionType(PartialType(CreateOrgUnitDto), VersionedUpdateDto) {}

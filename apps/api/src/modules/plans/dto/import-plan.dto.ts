import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';

export class ImportPlanTextDto {
  @ApiPropertyOptional({ description: 'the plan document as text (or send multipart `file` instead)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(5_000_000)
  text?: string;
}

export class PublishPlanDto {
  @ApiPropertyOptional({ description: 'the version the client read' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';

export class BulletinQuery {
  @ApiProperty({ example: '2025-10' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month!: string;

  @ApiPropertyOptional({ description: 'the plan (defaults to the only published one)' })
  @IsOptional()
  @IsUUID('all')
  planId?: string;
}

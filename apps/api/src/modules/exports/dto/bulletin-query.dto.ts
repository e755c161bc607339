import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';

export class BulletinQuery {
  @ApiProperty({ example: '2025-10' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month 必须是 YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({ description: 'the plan (defaults to the only published one)' })
  @IsOptional()
  @IsUUID('all', { message: 'planId 必须是 UUID' })
  planId?: string;
}

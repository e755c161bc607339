import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** Every dashboard reads one plan, or every plan when none is named. */
export class DashboardQueryDto {
  @ApiPropertyOptional({ description: '只统计这一规划' })
  @IsOptional()
  @IsUUID('all')
  planId?: string;
}

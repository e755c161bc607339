import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class PublishBulletinDto {
  @ApiPropertyOptional({ description: 'the plan (defaults to the only published one)' })
  @IsOptional()
  @IsUUID('all')
  planId?: string;
}

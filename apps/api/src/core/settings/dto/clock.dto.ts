import { ApiProperty } from '@nestjs/swagger';
import { IsDateOnly } from '../../http/date-only';

export class SetClockDto {
  @ApiProperty({ example: '2025-10-09', description: 'the business day, Asia/Shanghai' })
  @IsDateOnly()
  today!: string;
}

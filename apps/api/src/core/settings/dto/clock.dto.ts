import { ApiProperty } from '@nestjs/swagger';
import { IsDateOnly } from '../../http/date-only';

export class SetClockDto {
  @ApiProperty({ example: '2025-10-09', description: 'the business day, Asia/Shanghai' })
  @IsDateOnly({ message: 'today 必须是真实存在的日期，格式 YYYY-MM-DD' })
  today!: string;
}

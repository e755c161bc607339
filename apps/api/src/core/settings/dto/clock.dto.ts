import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class SetClockDto {
  @ApiProperty({ example: '2025-10-09', description: 'the business day, Asia/Shanghai' })
  @Matches(/^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'today 必须是 YYYY-MM-DD' })
  today!: string;
}

import { IsDateOnly } from '../../../core/http/date-only';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from '@duban/domain';

export class CalendarQueryDto {
  @ApiProperty({ example: '2025' })
  @Matches(/^\d{4}$/)
  year!: string;
}

export class CalendarDayDto {
  @ApiProperty({ example: '2025-10-01' })
  @IsDateOnly()
  date!: string;

  @ApiProperty({ enum: CALENDAR_DAY_KINDS, description: 'holiday = 放假；workday = 调休上班（周末上班）' })
  @IsIn(CALENDAR_DAY_KINDS)
  kind!: CalendarDayKind;

  @ApiPropertyOptional({ example: '国庆节' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  name?: string;
}

export const ADMIN_CALENDAR_SOURCES = ['state-council', 'weekends-only'] as const;

export class PutCalendarYearDto {
  @ApiProperty({ enum: ADMIN_CALENDAR_SOURCES, description: 'state-council: 按国务院办公厅通知录入；weekends-only: 明确只按双休日计算' })
  @IsIn(ADMIN_CALENDAR_SOURCES)
  source!: (typeof ADMIN_CALENDAR_SOURCES)[number];

  @ApiPropertyOptional({ type: [CalendarDayDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days?: CalendarDayDto[];
}

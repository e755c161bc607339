import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { CalendarService } from './calendar.service';
import { CalendarQueryDto, PutCalendarYearDto } from './dto/calendar.dto';
import { refuse } from '../../core/http/messages';

const YearPipe = new ParseIntPipe({ exceptionFactory: () => refuse(400, 'calendar.yearFormat') });

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** One year's holidays and make-up working days, and how many working days it has; 404 when not in the table. */
  @Policy('read', 'Calendar')
  @Get()
  get(@Query() query: CalendarQueryDto) {
    return this.calendar.getYear(Number(query.year));
  }

  /** The years the calendar covers, with where each came from. */
  @Policy('read', 'Calendar')
  @Get('years')
  years() {
    return this.calendar.years();
  }

  /** Adds or replaces a year: from the State Council's notice, or explicitly weekends-only. */
  @Policy('manage', 'Calendar')
  @Put(':year')
  put(@Caller() caller: AuthUser, @Param('year', YearPipe) year: number, @Body() dto: PutCalendarYearDto) {
    return this.calendar.putYear(caller, year, dto);
  }
}

import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated, Caller, Policy } from '../auth/policy.decorator';
import { ClockService } from '../clock/clock.service';
import { SetClockDto } from './dto/clock.dto';
import { UpdateSettingsDto } from './dto/settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings')
export class SettingsController {
  constructor(
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly settings: SettingsService,
  ) {}

  /** The whole settings object, defaults filled in, with the version a PUT must name. */
  @Authenticated()
  @Get()
  get() {
    return this.settings.get();
  }

  /** A partial settings object plus the version read (a stale one is a 409); audited. */
  @Policy('update', 'Setting')
  @Put()
  update(@Caller() caller: AuthUser, @Body() dto: UpdateSettingsDto) {
    return this.settings.update(caller, dto);
  }

  /** Today's business day and whether it is the real one. */
  @Authenticated()
  @Get('clock')
  async getClock() {
    await this.clock.refresh();
    return { today: this.clock.today(), fixed: this.clock.isFixed };
  }

  /** Demo/test mode only (DUBAN_NOW): moves "today". */
  @Policy('update', 'Setting')
  @Put('clock')
  async setClock(@Caller() caller: AuthUser, @Body() dto: SetClockDto) {
    this.clock.assertMovable();
    const before = this.clock.today();
    await this.db.transaction(async (m) => {
      await this.clock.setToday(dto.today, m);
      await this.audit.record(m, caller.id, {
        action: 'update',
        entity: 'Setting',
        entityId: 'clock.today',
        before: { today: before },
        after: { today: dto.today },
      });
    });
    return { today: this.clock.today(), fixed: true };
  }
}

import { Global, Module } from '@nestjs/common';
import { SettingsService } from './settings.service';

/**
 * SettingsService for every module (the ladder, report due days, upload limit, evaluation weights).
 * SettingsController itself is registered by CoreModule, next to the clock it also serves.
 */
@Global()
@Module({
  providers: [SettingsService],
  exports: [SettingsService],
})
export class SettingsModule {}

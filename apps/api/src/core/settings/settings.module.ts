import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Setting } from './setting.entity';
import { SettingsService } from './settings.service';

/**
 * SettingsService for every module (the ladder, report due days, upload limit, evaluation weights).
 * SettingsController itself is registered by CoreModule, next to the clock it also serves.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Setting])],
  providers: [SettingsService],
  exports: [SettingsService],
})
export class SettingsModule {}

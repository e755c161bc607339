import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit/audit.controller';
import { AuditChainHead, AuditEvent } from './audit/audit-event.entity';
import { AuditService } from './audit/audit.service';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { UserAlertsService } from './auth/user-alerts.service';
import { LoginThrottle } from './auth/login-throttle.entity';
import { ClockService } from './clock/clock.service';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { HealthController } from './health/health.controller';
import { OrgUnit } from './org-units/org-unit.entity';
import { OrgUnitsController } from './org-units/org-units.controller';
import { OrgUnitsService } from './org-units/org-units.service';
import { SeedService } from './seed/seed.service';
import { SettingsController } from './settings/settings.controller';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** auth, users, org units, access, database, clock, audit: what every feature module stands on. */
@Global()
@Module({})
export class CoreModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), autoLoadEntities: true }),
        TypeOrmModule.forFeature([OrgUnit, User, AuditEvent, AuditChainHead, LoginThrottle]),
        JwtModule.register({ secret: config.jwtSecret, signOptions: { expiresIn: config.jwtTtl as `${number}h` } }),
        ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: Number(process.env.LOGIN_RATE_PER_MINUTE ?? 60) }]),
        TerminusModule,
      ],
      controllers: [AuthController, UsersController, OrgUnitsController, AuditController, HealthController, SettingsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AccessGuard },
        AuthService,
        UserAlertsService,
        UsersService,
        OrgUnitsService,
        AuditService,
        ClockService,
        SeedService,
      ],
      exports: [APP_CONFIG, AuditService, ClockService, SeedService, UserAlertsService],
    };
  }
}

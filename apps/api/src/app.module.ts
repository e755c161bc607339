import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from './core/config/app-config';
import { CoreModule } from './core/core.module';
import { PlansModule } from './modules/plans/plans.module';
import { SettingsModule } from './core/settings/settings.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { ReportsModule } from './modules/reports/reports.module';
import { AssignmentsModule } from './modules/assignments/assignments.module';
import { DutyRulesModule } from './modules/duty-rules/duty-rules.module';
import { BulletinsModule } from './modules/bulletins/bulletins.module';
import { ExportsModule } from './modules/exports/exports.module';
import { EscalationsModule } from './modules/escalations/escalations.module';
import { DashboardsModule } from './modules/dashboards/dashboards.module';
import { IndicatorValuesModule } from './modules/indicator-values/indicator-values.module';
import { EvaluationsModule } from './modules/evaluations/evaluations.module';

@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req: IncomingMessage) => {
              const given = req.headers['x-request-id'];
              return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
          },
        }),
        CoreModule.register(config, databaseUrl),
        PlansModule,
        SettingsModule,
        CalendarModule,
        NotificationsModule,
        ReportsModule,
        DutyRulesModule,
        AssignmentsModule,
        BulletinsModule,
        ExportsModule,
        EscalationsModule,
        DashboardsModule,
        IndicatorValuesModule,
        EvaluationsModule,
      ],
    };
  }
}

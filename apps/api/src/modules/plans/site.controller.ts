import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../core/auth/policy.decorator';
import { SettingsService } from '../../core/settings/settings.service';

export interface SiteInfo {
  /** The city (settings.locality.city), e.g. 宜春市. */
  city: string;
  /** Who runs this Duban (the bulletins' issuer), e.g. 宜春市生态环境保护委员会办公室. */
  issuer: string;
  /** The newest published plan, whose title the console shows; null before one is published. */
  plan: { title: string } | null;
}

/** What the console shows before anyone logs in: whose system this is and which plan it carries out. */
@ApiTags('site')
@Controller('site')
export class SiteController {
  constructor(
    private readonly db: DataSource,
    private readonly settings: SettingsService,
  ) {}

  @Public()
  @Get()
  async get(): Promise<SiteInfo> {
    const { city, issuer } = await this.settings.locality();
    const [plan] = (await this.db.query(
      `SELECT title FROM plans WHERE status = 'published' ORDER BY period_start DESC, created_at DESC LIMIT 1`,
    )) as { title: string }[];
    return { city, issuer, plan: plan ? { title: plan.title } : null };
  }
}

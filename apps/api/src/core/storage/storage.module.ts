import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVIDENCE_STORAGE, type EvidenceStorage } from './evidence-storage';
import { LocalDirectoryStorage } from './local-directory.storage';

/** Staging files older than this are leftovers of a crash, not uploads in progress. */
const STALE_STAGING_MS = 24 * 3600_000;

/** The evidence store: a local directory under `STORAGE_DIR` (an S3-compatible store would be provided here instead). */
@Module({
  providers: [
    {
      provide: EVIDENCE_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): EvidenceStorage => new LocalDirectoryStorage(config.storageDir),
    },
  ],
  exports: [EVIDENCE_STORAGE],
})
export class StorageModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Storage');

  constructor(@Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(this.storage instanceof LocalDirectoryStorage)) return;
    const removed = await this.storage.sweepStale(STALE_STAGING_MS);
    if (removed > 0) this.logger.warn(`removed ${removed} stale staging file(s)`);
  }
}

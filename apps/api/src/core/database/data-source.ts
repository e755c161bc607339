import { DataSource, type DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { MIGRATIONS } from '../../../../../migrations';

/**
 * The connection, naming and migrations. No entities: each Nest module registers its own with
 * `TypeOrmModule.forFeature` (the app loads them with `autoLoadEntities`), and migrations are plain SQL.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: { max: Number(process.env.DB_POOL_SIZE ?? 20), application_name: 'duban' },
  };
}

/** Applies every pending migration (schema changes only ever come through migrations/). */
export async function migrate(url: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    await ds.runMigrations();
  } finally {
    await ds.destroy();
  }
}

import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.provider';
import { buildOrmOptions, loadPglite } from './orm-options';

/**
 * MikroORM on PostgreSQL (DATABASE_URL) or embedded PGlite (DATA_DIR). Feature libs register their
 * entities with MikroOrmModule.forFeature; migrations are applied by the entry points before serving.
 */
@Global()
@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      // A hint for the EntityManager DI token only; the factory below picks the real driver.
      driver: process.env.DATABASE_URL ? PostgreSqlDriver : loadPglite().PgliteDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...buildOrmOptions(config),
        autoLoadEntities: true,
        // Commands and queries fork their own EntityManager; no per-request middleware is needed.
        registerRequestContext: false,
      }),
    }),
  ],
})
export class DatabaseModule {}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, SystemClock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source';

/** Configuration, clock and database: what every feature module may inject. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    if (!config.database.url) throw new Error('CoreModule needs a database URL (start the embedded one first)');
    return {
      module: CoreModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(config.database.url, config.database.poolSize))],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}

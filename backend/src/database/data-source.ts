import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { OrganisationEntity } from '../modules/organisation/organisation.entity';
import { ProjectEntity } from '../modules/project/project.entity';
import { PersonEntity } from '../modules/person/person.entity';
import { MobilityEntity } from '../modules/mobility/mobility.entity';
import { LifecycleEventEntity } from '../modules/mobility/lifecycle-event.entity';
import { TaskEntity } from '../modules/mobility/checklist/task.entity';
import { CreateCoreSchema1764350000000 } from './migrations/1764350000000-CreateCoreSchema';
import { CreateMailPipeline1764360000000 } from './migrations/1764360000000-CreateMailPipeline';
import { CreateAccounts1764370000000 } from './migrations/1764370000000-CreateAccounts';
import { ScopeOrganisations1764380000000 } from './migrations/1764380000000-ScopeOrganisations';
import { LinkParticipantsToAccounts1764390000000 } from './migrations/1764390000000-LinkParticipantsToAccounts';
import { QueueLinkRequests1764400000000 } from './migrations/1764400000000-QueueLinkRequests';
import { CreateInstallationSecret1764400000001 } from './migrations/1764400000001-CreateInstallationSecret';
import { RecordGuardians1764420000000 } from './migrations/1764420000000-RecordGuardians';
import { RecordInsuranceAndInterruptions1764430000000 } from './migrations/1764430000000-RecordInsuranceAndInterruptions';
import { SeparatePersonsFromMobilities1764440000000 } from './migrations/1764440000000-SeparatePersonsFromMobilities';
import { CreateProjectLifecycle1764450000000 } from './migrations/1764450000000-CreateProjectLifecycle';
import { CreateReports1764460000000 } from './migrations/1764460000000-CreateReports';
import { AddCatchUpAndReminderDigests1764470000000 } from './migrations/1764470000000-AddCatchUpAndReminderDigests';
import { RecordHostAnswers1764472000000 } from './migrations/1764472000000-RecordHostAnswers';
import { CreateSavedFilters1764473000000 } from './migrations/1764473000000-CreateSavedFilters';

// Calendar dates stay `YYYY-MM-DD` strings end to end: never a JS Date shifted by a time zone.
const PG_DATE_OID = 1082;
types.setTypeParser(PG_DATE_OID, (value: string) => value);

export const ENTITIES = [
  OrganisationEntity,
  ProjectEntity,
  PersonEntity,
  MobilityEntity,
  LifecycleEventEntity,
  TaskEntity,
];

export const MIGRATIONS = [
  CreateCoreSchema1764350000000,
  CreateMailPipeline1764360000000,
  CreateAccounts1764370000000,
  ScopeOrganisations1764380000000,
  LinkParticipantsToAccounts1764390000000,
  QueueLinkRequests1764400000000,
  CreateInstallationSecret1764400000001,
  RecordGuardians1764420000000,
  RecordInsuranceAndInterruptions1764430000000,
  SeparatePersonsFromMobilities1764440000000,
  CreateProjectLifecycle1764450000000,
  CreateReports1764460000000,
  AddCatchUpAndReminderDigests1764470000000,
  RecordHostAnswers1764472000000,
  CreateSavedFilters1764473000000,
];

/** TypeORM options: migrations only, run on start; `synchronize` is never on. */
export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: {
      max: poolSize,
      // A stuck transaction must not hold a mobility's row lock (and the pool) for ever:
      // waits end after 10 s (answered 503, retry) and statements after 30 s.
      options: '-c lock_timeout=10000 -c statement_timeout=30000',
    },
    // Not 'error' or 'query': those print query parameters, i.e. personal data, into the log.
    logging: ['migration'],
  };
}

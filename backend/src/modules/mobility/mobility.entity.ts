import type { ActivityTypeCode, MobilityState, StoredSnapshot } from '@mobility-hub/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { ProjectEntity } from '../project/project.entity';
import { PersonEntity } from '../person/person.entity';

/**
 * One person's activity abroad (a participation). `phase`, `machine_snapshot` and `version` change only through
 * the lifecycle protocol (LifecycleService) or the guarded updates of MobilityService.
 */
@Entity('mobility')
export class MobilityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'project_id' })
  projectId: string;

  @ManyToOne(() => ProjectEntity)
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  /** Who goes: a person of the school, who may go on other mobilities too. */
  @Column('uuid', { name: 'person_id' })
  personId: string;

  @ManyToOne(() => PersonEntity)
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column('text', { name: 'activity_type' })
  activityType: ActivityTypeCode;

  @Column('uuid', { name: 'sending_organisation_id' })
  sendingOrganisationId: string;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'sending_organisation_id' })
  sendingOrganisation?: OrganisationEntity;

  @Column('uuid', { name: 'host_organisation_id', nullable: true })
  hostOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'host_organisation_id' })
  hostOrganisation?: OrganisationEntity | null;

  /** First day of the activity abroad (T0), travel excluded. */
  @Column('date', { name: 'start_date' })
  startDate: string;

  /** Last day of the activity abroad (T1), travel excluded. */
  @Column('date', { name: 'end_date' })
  endDate: string;

  @Column('int', { name: 'travel_days' })
  travelDays: number;

  @Column('boolean', { name: 'green_travel' })
  greenTravel: boolean;

  @Column('timestamptz', { name: 'placement_confirmed_at', nullable: true })
  placementConfirmedAt: Date | null;

  /** The host's named mentor: receives the host's reminders instead of the organisation contact. */
  @Column('text', { name: 'mentor_name', nullable: true })
  mentorName: string | null;

  @Column('text', { name: 'mentor_email', nullable: true })
  mentorEmail: string | null;

  @Column('int', { name: 'checklist_version' })
  checklistVersion: number;

  @Column('jsonb', { name: 'machine_snapshot' })
  machineSnapshot: StoredSnapshot;

  @Column('int', { name: 'machine_version' })
  machineVersion: number;

  @Column('text')
  phase: MobilityState;

  /** Optimistic-concurrency version, exposed as the ETag; bumped by every change. */
  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

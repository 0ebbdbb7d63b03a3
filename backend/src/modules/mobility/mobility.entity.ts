import type {
  ActivityTypeCode,
  InsuranceCover,
  MobilityState,
  ParticipantReportStatus,
  StoredSnapshot,
} from '@mobility-hub/domain';
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

  /** The BM's "Participant with fewer opportunities" flag (reference §7.2). */
  @Column('boolean', { name: 'fewer_opportunities' })
  fewerOpportunities: boolean;

  /** The BM's "Mobility activity ID", unique in the project, assigned on creation (`bmActivityId`). */
  @Column('text', { name: 'bm_activity_id' })
  bmActivityId: string;

  @Column('timestamptz', { name: 'placement_confirmed_at', nullable: true })
  placementConfirmedAt: Date | null;

  /** The host's named mentor: receives the host's reminders instead of the organisation contact. */
  @Column('text', { name: 'mentor_name', nullable: true })
  mentorName: string | null;

  @Column('text', { name: 'mentor_email', nullable: true })
  mentorEmail: string | null;

  /** Health, accident and third-party liability covers, recorded by the sending side (reference §3.2 #10). */
  @Column('jsonb', { name: 'insurance' })
  insurance: InsuranceCover[];

  @Column('timestamptz', { name: 'insurance_recorded_at', nullable: true })
  insuranceRecordedAt: Date | null;

  @Column('text', { name: 'insurance_recorded_by', nullable: true })
  insuranceRecordedBy: string | null;

  /** The actual last day abroad of an interrupted stay (INTERRUPT); the planned dates stay as they were. */
  @Column('date', { name: 'actual_end_date', nullable: true })
  actualEndDate: string | null;

  @Column('text', { name: 'interruption_reason', nullable: true })
  interruptionReason: string | null;

  @Column('boolean', { name: 'force_majeure', nullable: true })
  forceMajeure: boolean | null;

  @Column('timestamptz', { name: 'interrupted_at', nullable: true })
  interruptedAt: Date | null;

  @Column('text', { name: 'interrupted_by', nullable: true })
  interruptedBy: string | null;

  /** The participant report as the BM shows it (reference §4.7); null until it is requested. */
  @Column('text', { name: 'participant_report_status', nullable: true })
  participantReportStatus: ParticipantReportStatus | null;

  @Column('timestamptz', { name: 'participant_report_requested_at', nullable: true })
  participantReportRequestedAt: Date | null;

  @Column('timestamptz', { name: 'participant_report_last_sent_at', nullable: true })
  participantReportLastSentAt: Date | null;

  @Column('int', { name: 'participant_report_resent_count' })
  participantReportResentCount: number;

  @Column('timestamptz', { name: 'participant_report_submitted_at', nullable: true })
  participantReportSubmittedAt: Date | null;

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

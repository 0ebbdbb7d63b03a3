import type { ProjectAction } from '@mobility-hub/domain';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from '../organisation/organisation.entity';

@Entity('project')
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Grant agreement reference, e.g. 2026-1-DE02-KA122-VET-000123456. */
  @Column('text', { unique: true })
  reference: string;

  @Column('text')
  title: string;

  @Column('text')
  action: ProjectAction;

  @Column('int', { name: 'call_year' })
  callYear: number;

  @Column('uuid', { name: 'beneficiary_organisation_id' })
  beneficiaryOrganisationId: string;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'beneficiary_organisation_id' })
  beneficiaryOrganisation?: OrganisationEntity;

  @Column('date', { name: 'start_date' })
  startDate: string;

  @Column('date', { name: 'end_date' })
  endDate: string;

  /** The day the final beneficiary report was submitted in the BM, as a coordinator recorded it. */
  @Column('date', { name: 'report_submitted_on', nullable: true })
  reportSubmittedOn: string | null;

  /** The day of the NA's final decision, as a coordinator recorded it. */
  @Column('date', { name: 'closed_on', nullable: true })
  closedOn: string | null;

  /** When the grant agreement asks for an interim report (KA121): its due date; null: none. */
  @Column('date', { name: 'interim_report_due_date', nullable: true })
  interimReportDueDate: string | null;

  /** Mobilities created so far: the sequence of their BM "Mobility activity ID" (never reused). */
  @Column('int', { name: 'mobility_counter', default: 0 })
  mobilityCounter: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

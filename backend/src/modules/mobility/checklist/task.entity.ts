import type { Phase, TaskRole, TaskStatus } from '@mobility-hub/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One dated checklist task of one mobility, generated from the checklist template. */
@Entity('task')
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'mobility_id' })
  mobilityId: string;

  @Column('text')
  phase: Phase;

  @Column('text', { name: 'template_key' })
  templateKey: string;

  @Column('text')
  title: string;

  @Column('text')
  guidance: string;

  @Column('text')
  role: TaskRole;

  @Column('boolean')
  mandatory: boolean;

  /** Order inside the template, to keep a stable order among tasks due the same day. */
  @Column('int')
  position: number;

  @Column('date', { name: 'due_date' })
  dueDate: string;

  /** The day (application time zone) its current due date was set: due before it = a catch-up task. */
  @Column('date', { name: 'scheduled_on' })
  scheduledOn: string;

  @Column('text')
  status: TaskStatus;

  /** Who ticked or waived it, and when. */
  @Column('text', { name: 'status_changed_by', nullable: true })
  statusChangedBy: string | null;

  @Column('timestamptz', { name: 'status_changed_at', nullable: true })
  statusChangedAt: Date | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text', { name: 'waiver_reason', nullable: true })
  waiverReason: string | null;
}

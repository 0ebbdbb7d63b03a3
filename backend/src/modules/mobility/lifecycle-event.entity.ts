import type { MobilityEventType, MobilityState } from '@mobility-hub/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only audit of every lifecycle event that applied; (mobility, sequence) is unique. */
@Entity('lifecycle_event')
export class LifecycleEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'mobility_id' })
  mobilityId: string;

  @Column('int')
  sequence: number;

  @Column('text')
  event: MobilityEventType | 'CREATE' | 'EDIT' | 'INSURANCE' | 'PARTICIPANT_REPORT' | 'CONSENT';

  @Column('text', { name: 'from_state', nullable: true })
  fromState: MobilityState | null;

  @Column('text', { name: 'to_state' })
  toState: MobilityState;

  @Column('text')
  actor: string;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;
}

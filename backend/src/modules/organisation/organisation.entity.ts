import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANISATION_KINDS = ['vet-provider', 'company', 'intermediary', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

@Entity('organisation')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: OrganisationKind;

  /** ISO 3166-1 alpha-2. */
  @Column('char', { length: 2 })
  country: string;

  @Column('text')
  city: string;

  /** Erasmus+ Organisation ID, e.g. E10000001. */
  @Column('text', { nullable: true })
  oid: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  /** IANA time zone; reminders go out in its working hours. */
  @Column('text', { name: 'time_zone' })
  timeZone: string;

  /** The organisation that registered this one as its partner; null for an organisation using Mobility Hub itself. */
  @Column('uuid', { name: 'registered_by_organisation_id', nullable: true })
  registeredByOrganisationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

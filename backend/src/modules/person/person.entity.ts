import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A learner or staff member as one school knows them: name, contact, date of birth, account. Their
 * mobilities (participations) point at it, so a person who comes back is one record with several
 * mobilities. Personal data of the school that named them (`organisationId`): no other school sees
 * it, and one address is one person per school. Keep it minimal.
 */
@Entity('person')
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * The school that owns this person's data: the beneficiary of the project of their mobilities.
   * Null only for a record older than persons that no mobility ever referenced.
   */
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('text', { name: 'first_name' })
  firstName: string;

  @Column('text', { name: 'last_name' })
  lastName: string;

  /** Lower-case, trimmed; unique within the school. */
  @Column('text')
  email: string;

  @Column('date', { name: 'date_of_birth', nullable: true })
  dateOfBirth: string | null;

  /**
   * The person's account, by their address: every person record of theirs, from any school, points
   * at it, so signed in they see each of their mobilities. Null only for records older than
   * accounts whose address never got one.
   */
  @Column('uuid', { name: 'user_account_id', nullable: true })
  userAccountId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The learner or staff member who goes abroad. Personal data: keep it minimal. */
@Entity('participant')
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { name: 'first_name' })
  firstName: string;

  @Column('text', { name: 'last_name' })
  lastName: string;

  @Column('text')
  email: string;

  @Column('date', { name: 'date_of_birth', nullable: true })
  dateOfBirth: string | null;

  /**
   * The person's account, by their address: every participant record of theirs, from any school,
   * points at it, so signed in they see each of their mobilities. Null only for records older than
   * accounts whose address never got one.
   */
  @Column('uuid', { name: 'user_account_id', nullable: true })
  userAccountId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../modules/auth/password';

export interface DemoAccount {
  readonly role: string;
  readonly email: string;
  readonly password: string;
}

interface DemoOrganisation {
  readonly id: string;
  readonly name: string;
}

/**
 * The demo's people: a coordinator and a staff member of the school, a mentor per host company
 * and two learners (linked to their participant records). Passwords are random, shown once.
 */
export async function seedDemoAccounts(
  db: DataSource,
  now: Date,
  school: DemoOrganisation,
  hosts: readonly DemoOrganisation[],
  learners: readonly { participantId: string; email: string; name: string }[],
): Promise<DemoAccount[]> {
  const people = [
    { email: 'coordinator@bk-rhein-ruhr.example', name: 'Katrin Weber', role: 'coordinator' as const, organisationId: school.id, participantId: null },
    { email: 'staff@bk-rhein-ruhr.example', name: 'Jonas Becker', role: 'staff' as const, organisationId: school.id, participantId: null },
    ...hosts.map((host, i) => ({
      email: `mentor${i + 1}@${host.name.toLowerCase().split(/\s+/)[0].normalize('NFD').replace(/[^a-z]/g, '')}.example`,
      name: `Mentor at ${host.name}`,
      role: 'mentor' as const,
      organisationId: host.id,
      participantId: null,
    })),
    ...learners.map((l) => ({ email: l.email, name: l.name, role: 'learner' as const, organisationId: null, participantId: l.participantId })),
  ];
  const accounts: DemoAccount[] = [];
  for (const person of people) {
    const password = randomBytes(9).toString('base64url');
    const [user] = await db.query(
      `INSERT INTO user_account (email, display_name, password_hash, participant_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [person.email, person.name, await hashPassword(password), person.participantId, now.toISOString()],
    );
    if (person.organisationId) {
      await db.query(`INSERT INTO membership (user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, $4)`, [
        user.id,
        person.organisationId,
        person.role,
        now.toISOString(),
      ]);
    }
    accounts.push({ role: person.role, email: person.email, password });
  }
  return accounts;
}

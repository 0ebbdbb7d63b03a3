import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Identity } from '../../common/identity';
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

/** A random password, or the one chosen for the demo (DEMO_PASSWORD, e.g. for the browser tests). */
const passwordFor = (chosen: string | undefined) => chosen ?? randomBytes(9).toString('base64url');

/**
 * The school's coordinator, whose identity then seeds the rest of the demo through the services
 * (so every access rule holds for the demo data too).
 */
export async function seedDemoCoordinator(
  db: DataSource,
  now: Date,
  school: DemoOrganisation,
  chosenPassword: string | undefined,
): Promise<{ identity: Identity; account: DemoAccount }> {
  const email = 'coordinator@bk-rhein-ruhr.example';
  const displayName = 'Katrin Weber';
  const password = passwordFor(chosenPassword);
  const userId = await insertMember(db, now, {
    email,
    name: displayName,
    password,
    organisationId: school.id,
    role: 'coordinator',
  });
  return {
    identity: {
      userId,
      email,
      displayName,
      personIds: [],
      memberships: [{ organisationId: school.id, role: 'coordinator' }],
    },
    account: { role: 'coordinator', email, password },
  };
}

/**
 * The demo's other people: a staff member of the school, a mentor per host company, and a password
 * for two learners (whose accounts came with their mobilities; learners may also sign in by link).
 */
export async function seedDemoPeople(
  db: DataSource,
  now: Date,
  school: DemoOrganisation,
  hosts: readonly DemoOrganisation[],
  learners: readonly { personId: string; email: string }[],
  chosenPassword: string | undefined,
): Promise<DemoAccount[]> {
  const members = [
    { email: 'staff@bk-rhein-ruhr.example', name: 'Jonas Becker', role: 'staff' as const, organisationId: school.id },
    ...hosts.map((host, i) => ({
      email: `mentor${i + 1}@${host.name
        .toLowerCase()
        .split(/\s+/)[0]
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}.example`,
      name: `Mentor at ${host.name}`,
      role: 'mentor' as const,
      organisationId: host.id,
    })),
  ];
  const accounts: DemoAccount[] = [];
  for (const member of members) {
    const password = passwordFor(chosenPassword);
    await insertMember(db, now, { ...member, password });
    accounts.push({ role: member.role, email: member.email, password });
  }
  for (const learner of learners) {
    const password = passwordFor(chosenPassword);
    await db.query(
      `UPDATE user_account SET password_hash = $2 WHERE id = (SELECT user_account_id FROM person WHERE id = $1)`,
      [learner.personId, await hashPassword(password)],
    );
    accounts.push({ role: 'learner', email: learner.email, password });
  }
  return accounts;
}

async function insertMember(
  db: DataSource,
  now: Date,
  person: {
    email: string;
    name: string;
    password: string;
    organisationId: string;
    role: 'coordinator' | 'staff' | 'mentor';
  },
): Promise<string> {
  const [user] = await db.query(
    `INSERT INTO user_account (email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [person.email, person.name, await hashPassword(person.password), now.toISOString()],
  );
  await db.query(`INSERT INTO membership (user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, $4)`, [
    user.id,
    person.organisationId,
    person.role,
    now.toISOString(),
  ]);
  return user.id;
}

import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * The installation's own secret of this name: made (256 random bits) by the first process that
 * asks, read by every other. Processes starting together (API and workers) race safely: one
 * INSERT wins, the others do nothing and read the winner's.
 */
export async function installationSecret(db: DataSource, name: string): Promise<string> {
  await db.query(
    `INSERT INTO installation_secret (name, secret, created_at) VALUES ($1, $2, now()) ON CONFLICT (name) DO NOTHING`,
    [name, randomBytes(32).toString('base64url')],
  );
  const [row]: { secret: string }[] = await db.query(`SELECT secret FROM installation_secret WHERE name = $1`, [name]);
  return row.secret;
}

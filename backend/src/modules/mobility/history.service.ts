import { historyLineWithNames, idsInHistoryLine } from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '../../common/identity';
import { AccessService } from '../access/access.service';
import { LifecycleEventDto } from './dto/mobility.dto';
import { LifecycleEventEntity } from './lifecycle-event.entity';

/** How the history names an actor it cannot find: the demo's seed, or an account since removed. */
const SEED_ACTOR = 'demo-seed';

@Injectable()
export class HistoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  /**
   * The sending side's record of who changed what and why (not for hosts or learners). Actors and the
   * organisations an edit names are stored as addresses and ids; the reader gets names (`actorName`,
   * `reasonText`), resolved here where the data is.
   */
  async list(identity: Identity, mobilityId: string): Promise<LifecycleEventDto[]> {
    await this.access.requireSendingSide(identity, mobilityId, 'read the history of a mobility');
    const events = await this.db.manager.find(LifecycleEventEntity, {
      where: { mobilityId },
      order: { sequence: 'ASC' },
    });
    const names = await this.names(this.db.manager, mobilityId, events);
    return events.map((e) => ({
      sequence: e.sequence,
      event: e.event,
      from: e.fromState,
      to: e.toState,
      actor: e.actor,
      actorName: names.actor(e.actor),
      reason: e.reason,
      reasonText: e.reason === null ? null : historyLineWithNames(e.reason, names.organisations),
      occurredAt: e.occurredAt.toISOString(),
    }));
  }

  /** The names behind the actors (accounts, host contacts, the guardian) and the organisation ids of `events`. */
  private async names(em: EntityManager, mobilityId: string, events: readonly LifecycleEventEntity[]) {
    const addressOf = (actor: string) => actor.replace(/^(host|guardian):/, '').toLowerCase();
    const addresses = [...new Set(events.map((e) => addressOf(e.actor)).filter((a) => a.includes('@')))];
    const ids = [...new Set(events.flatMap((e) => (e.reason ? idsInHistoryLine(e.reason) : [])))];
    const [people, hosts, organisations, guardians] = await Promise.all([
      em.query<{ email: string; name: string }[]>(
        `SELECT email, display_name AS name FROM user_account WHERE email = ANY($1::text[])`,
        [addresses],
      ),
      // A host contact answered through the placement link this mobility sent them: its organisation.
      em.query<{ email: string; name: string }[]>(
        `SELECT DISTINCT ON (lower(a.email)) lower(a.email) AS email, o.name
           FROM action_token a JOIN organisation o ON o.id = a.organisation_id
          WHERE a.mobility_id = $1 AND a.purpose = 'placement-confirmation' AND lower(a.email) = ANY($2::text[])
          ORDER BY lower(a.email), a.used_at DESC NULLS LAST, a.created_at DESC`,
        [mobilityId, events.filter((e) => e.actor.startsWith('host:')).map((e) => addressOf(e.actor))],
      ),
      em.query<{ id: string; name: string }[]>(`SELECT id, name FROM organisation WHERE id = ANY($1::uuid[])`, [ids]),
      em.query<{ email: string; name: string }[]>(`SELECT email, name FROM guardian WHERE mobility_id = $1`, [
        mobilityId,
      ]),
    ]);
    const person = new Map(people.map((p) => [p.email, p.name]));
    const host = new Map(hosts.map((h) => [h.email, h.name]));
    const guardian = new Map(guardians.map((g) => [g.email, g.name]));
    return {
      organisations: new Map(organisations.map((o) => [o.id, o.name])),
      actor(actor: string): string {
        const address = addressOf(actor);
        if (actor.startsWith('host:')) return host.get(address) ?? 'The host organisation';
        if (actor.startsWith('guardian:')) {
          const name = guardian.get(address);
          return name ? `${name} (guardian)` : 'The guardian';
        }
        if (actor === SEED_ACTOR) return 'Demo data';
        return person.get(address) ?? (address.includes('@') ? address : 'Mobility Hub');
      },
    };
  }
}

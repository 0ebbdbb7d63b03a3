import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Identity } from '../../common/identity';
import { AccessService } from '../access/access.service';
import { LifecycleEventDto } from './dto/mobility.dto';
import { LifecycleEventEntity } from './lifecycle-event.entity';

@Injectable()
export class HistoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  /** The sending side's record of who changed what and why (not for hosts or learners). */
  async list(identity: Identity, mobilityId: string): Promise<LifecycleEventDto[]> {
    await this.access.requireSendingSide(identity, mobilityId, 'read the history of a mobility');
    const events = await this.db.manager.find(LifecycleEventEntity, {
      where: { mobilityId },
      order: { sequence: 'ASC' },
    });
    return events.map((e) => ({
      sequence: e.sequence,
      event: e.event,
      from: e.fromState,
      to: e.toState,
      actor: e.actor,
      reason: e.reason,
      occurredAt: e.occurredAt.toISOString(),
    }));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Problems } from '../../common/problem/problem';
import { LifecycleEventDto } from './dto/mobility.dto';
import { LifecycleEventEntity } from './lifecycle-event.entity';
import { MobilityEntity } from './mobility.entity';

@Injectable()
export class HistoryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(mobilityId: string): Promise<LifecycleEventDto[]> {
    if (!(await this.db.manager.existsBy(MobilityEntity, { id: mobilityId }))) throw Problems.notFound('Mobility', mobilityId);
    const events = await this.db.manager.find(LifecycleEventEntity, { where: { mobilityId }, order: { sequence: 'ASC' } });
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

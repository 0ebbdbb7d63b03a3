import { Module } from '@nestjs/common';
import { HostAnswerModule } from '../host-answer/host-answer.module';
import { MobilityModule } from '../mobility/mobility.module';
import { NotificationModule } from '../notification/notification.module';
import { HostLinkController } from './host-link.controller';
import { HostLinkService } from './host-link.service';

@Module({
  imports: [MobilityModule, NotificationModule, HostAnswerModule],
  controllers: [HostLinkController],
  providers: [HostLinkService],
})
export class HostLinkModule {}

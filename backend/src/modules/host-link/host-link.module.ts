import { Module } from '@nestjs/common';
import { MobilityModule } from '../mobility/mobility.module';
import { NotificationModule } from '../notification/notification.module';
import { HostLinkController } from './host-link.controller';
import { HostLinkService } from './host-link.service';

@Module({
  imports: [MobilityModule, NotificationModule],
  controllers: [HostLinkController],
  providers: [HostLinkService],
})
export class HostLinkModule {}

import { Module } from '@nestjs/common';
import { LinksModule } from '../links/links.module';
import { NotificationModule } from '../notification/notification.module';
import { HostAnswerController } from './host-answer.controller';
import { HostAnswerService } from './host-answer.service';

/**
 * Host answers that reach the school: recorded by the host link, mailed to the mobility's
 * responsible person, read by the board, the file and the home page. Below the host link.
 */
@Module({
  imports: [NotificationModule, LinksModule],
  controllers: [HostAnswerController],
  providers: [HostAnswerService],
  exports: [HostAnswerService],
})
export class HostAnswerModule {}

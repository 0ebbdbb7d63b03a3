import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { LinksModule } from '../links/links.module';
import { NotificationModule } from '../notification/notification.module';
import { InvitationController } from './invitation.controller';
import { InvitationService } from './invitation.service';
import { TeamController } from './team.controller';
import { TeamService } from './team.service';

/** The people of organisations: members and roles, invitations, the audit log. */
@Module({
  imports: [AccessModule, AuthModule, NotificationModule, LinksModule],
  controllers: [TeamController, InvitationController],
  providers: [TeamService, InvitationService],
})
export class TeamModule {}

import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessModule } from '../access/access.module';
import { LinksModule } from '../links/links.module';
import { NotificationModule } from '../notification/notification.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LinkRequestService } from './link-requests.service';
import { SessionGuard } from './session.guard';

/**
 * Accounts and sessions (sign-in, sign-out, who am I), and the guard that makes every other route
 * need a signed-in session (routes marked @Public() excepted).
 */
@Module({
  imports: [NotificationModule, LinksModule, AccessModule],
  controllers: [AuthController],
  providers: [AuthService, LinkRequestService, { provide: APP_GUARD, useClass: SessionGuard }],
  exports: [AuthService],
})
export class AuthModule {}

import { Module } from '@nestjs/common';
import { NotificationModule } from '../notification/notification.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

/** Accounts and sessions (sign-in, sign-out, who am I). Authorisation of the other routes comes next. */
@Module({ imports: [NotificationModule], controllers: [AuthController], providers: [AuthService], exports: [AuthService] })
export class AuthModule {}

import { Module } from '@nestjs/common';
import { MobilityModule } from '../mobility/mobility.module';
import { GuardianLinkController } from './guardian-link.controller';
import { GuardianLinkService } from './guardian-link.service';

@Module({
  imports: [MobilityModule],
  controllers: [GuardianLinkController],
  providers: [GuardianLinkService],
})
export class GuardianLinkModule {}

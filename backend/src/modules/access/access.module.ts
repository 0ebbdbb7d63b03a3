import { Module } from '@nestjs/common';
import { AccessService } from './access.service';

/** Who may see and do what with a record (the rules themselves are in libs/domain). */
@Module({ providers: [AccessService], exports: [AccessService] })
export class AccessModule {}

import { Module } from '@nestjs/common';
import { PersonController } from './person.controller';
import { PersonService } from './person.service';

/** A person and their participations: who a school sends, once, however often they go. */
@Module({ controllers: [PersonController], providers: [PersonService], exports: [PersonService] })
export class PersonModule {}

import { Module } from '@nestjs/common';
import { FileStorage } from './file-storage';

/** File storage: below the modules that keep files (reports today; documents later). */
@Module({ providers: [FileStorage], exports: [FileStorage] })
export class StorageModule {}

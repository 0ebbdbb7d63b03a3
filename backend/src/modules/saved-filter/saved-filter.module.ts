import { Module } from '@nestjs/common';
import { SavedFilterController } from './saved-filter.controller';
import { SavedFilterService } from './saved-filter.service';

@Module({
  controllers: [SavedFilterController],
  providers: [SavedFilterService],
})
export class SavedFilterModule {}

import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Trim } from '../../../common/validators';

/** The lists whose filters a person may save. */
export const SAVED_FILTER_LISTS = ['mobilities'] as const;
export type SavedFilterList = (typeof SAVED_FILTER_LISTS)[number];

export class ListSavedFiltersQuery {
  @ApiProperty({ enum: SAVED_FILTER_LISTS })
  @IsIn(SAVED_FILTER_LISTS, { message: `list must be one of ${SAVED_FILTER_LISTS.join(', ')}` })
  list: SavedFilterList;
}

export class SaveFilterDto {
  @ApiProperty({ enum: SAVED_FILTER_LISTS })
  @IsIn(SAVED_FILTER_LISTS, { message: `list must be one of ${SAVED_FILTER_LISTS.join(', ')}` })
  list: SavedFilterList;

  @ApiProperty({ example: 'Spain, overdue', maxLength: 80, description: 'Saving a name again replaces that filter' })
  @Trim()
  @IsString()
  @Length(1, 80)
  name: string;

  @ApiProperty({
    example: 'overdue=true&hostCountry=ES&sort=-startDate',
    maxLength: 1000,
    description: "The list's filters as a URL query string (without `?`)",
  })
  @IsString()
  @MaxLength(1000)
  @Matches(/^[A-Za-z0-9_.~%=&+-]*$/, { message: 'query must be a URL query string such as phase=preparation' })
  query: string;
}

export class SavedFilterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SAVED_FILTER_LISTS }) list: SavedFilterList;
  @ApiProperty() name: string;
  @ApiProperty() query: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

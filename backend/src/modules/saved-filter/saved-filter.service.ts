import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Identity } from '../../common/identity';
import { Problems } from '../../common/problem/problem';
import { ListSavedFiltersQuery, SavedFilterDto, SaveFilterDto } from './dto/saved-filter.dto';

/** Filters a person keeps per list; nobody else sees them. */
export const MAX_SAVED_FILTERS = 30;

const COLUMNS = `id, list, name, query, created_at AS "createdAt"`;

interface Row extends Omit<SavedFilterDto, 'createdAt'> {
  createdAt: Date;
}

@Injectable()
export class SavedFilterService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(identity: Identity, query: ListSavedFiltersQuery): Promise<SavedFilterDto[]> {
    const rows: Row[] = await this.db.query(
      `SELECT ${COLUMNS} FROM saved_filter WHERE user_id = $1 AND list = $2 ORDER BY lower(name), id`,
      [identity.userId, query.list],
    );
    return rows.map(toDto);
  }

  /** Saves a filter under its name; the same name (any case) replaces the earlier one. */
  async save(identity: Identity, dto: SaveFilterDto): Promise<SavedFilterDto> {
    return this.db.transaction(async (em) => {
      // One person's filters are counted under a lock on their account row: two saves cannot both pass the limit.
      await em.query(`SELECT 1 FROM user_account WHERE id = $1 FOR UPDATE`, [identity.userId]);
      const [{ count }] = await em.query(
        `SELECT count(*)::int AS count FROM saved_filter
          WHERE user_id = $1 AND list = $2 AND lower(name) <> lower($3)`,
        [identity.userId, dto.list, dto.name],
      );
      if (count >= MAX_SAVED_FILTERS) {
        throw Problems.invalidRequest(
          [
            {
              field: 'name',
              rule: 'maxSavedFilters',
              message: `You can keep at most ${MAX_SAVED_FILTERS} filters here`,
            },
          ],
          `You already keep ${MAX_SAVED_FILTERS} filters for this list: delete one first.`,
        );
      }
      const [row]: Row[] = await em.query(
        `INSERT INTO saved_filter (user_id, list, name, query) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, list, lower(name)) DO UPDATE SET name = EXCLUDED.name, query = EXCLUDED.query
         RETURNING ${COLUMNS}`,
        [identity.userId, dto.list, dto.name, dto.query],
      );
      return toDto(row);
    });
  }

  /** Deletes one of the person's filters; anyone else's is not found. */
  async remove(identity: Identity, id: string): Promise<void> {
    const [, affected] = await this.db.query(`DELETE FROM saved_filter WHERE id = $1 AND user_id = $2`, [
      id,
      identity.userId,
    ]);
    if (!affected) throw Problems.notFound('Saved filter', id);
  }
}

function toDto(row: Row): SavedFilterDto {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

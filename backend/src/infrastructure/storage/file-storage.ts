import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface StoredFile {
  readonly content: Buffer;
  readonly contentType: string;
  readonly byteSize: number;
}

/**
 * Files the application produces or receives (exports, uploaded imports), kept for a limited time.
 * Stored in PostgreSQL (`stored_file`): API and worker processes on any host read the same store
 * without a shared disk, a file and the row that announces it are written in one transaction, and
 * backups hold both. Files here are at most a few MB (imports are capped, exports are spreadsheets).
 */
@Injectable()
export class FileStorage {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Writes (or replaces) the file under `key`; pass `em` to make it part of a transaction. */
  async put(key: string, content: Buffer, contentType: string, expiresAt: Date, em?: EntityManager): Promise<void> {
    await (em ?? this.db.manager).query(
      `INSERT INTO stored_file (key, content, content_type, byte_size, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO UPDATE SET content = EXCLUDED.content, content_type = EXCLUDED.content_type,
                                       byte_size = EXCLUDED.byte_size, expires_at = EXCLUDED.expires_at, created_at = now()`,
      [key, content, contentType, content.length, expiresAt.toISOString()],
    );
  }

  async get(key: string, em?: EntityManager): Promise<StoredFile | null> {
    const [row] = (await (em ?? this.db.manager).query(
      `SELECT content, content_type, byte_size FROM stored_file WHERE key = $1`,
      [key],
    )) as { content: Buffer; content_type: string; byte_size: number }[];
    return row ? { content: row.content, contentType: row.content_type, byteSize: row.byte_size } : null;
  }

  async delete(key: string, em?: EntityManager): Promise<void> {
    await (em ?? this.db.manager).query(`DELETE FROM stored_file WHERE key = $1`, [key]);
  }

  /** Deletes every file past its expiry; returns how many. */
  async deleteExpired(now: Date): Promise<number> {
    const [, count] = (await this.db.query(`DELETE FROM stored_file WHERE expires_at <= $1`, [now.toISOString()])) as [
      unknown,
      number,
    ];
    return count;
  }
}

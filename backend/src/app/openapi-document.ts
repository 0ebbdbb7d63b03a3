import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule } from './api.module';
import { buildOpenApiDocument, configureHttp } from './create-app';
import { loadConfig } from '../config/app-config';

/** Where the committed contract lives; the Angular client is generated from it. */
export const OPENAPI_PATH = 'backend/openapi.json';

/**
 * The OpenAPI document exactly as the running API serves it at /api/docs, produced without a
 * database: Nest's preview mode reads the controllers' metadata without instantiating providers.
 */
export async function generateOpenApi(): Promise<string> {
  const config = loadConfig({ DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused', LOG_LEVEL: 'error' });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  await configureHttp(app);
  const document = buildOpenApiDocument(app);
  await app.close();
  return `${JSON.stringify(document, null, 2)}\n`;
}

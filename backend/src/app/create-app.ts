import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
// Brings reply.sendFile into Fastify's types (the plugin is registered by useStaticAssets).
import type {} from '@fastify/static';
import fastifyCookie from '@fastify/cookie';
import { configureSecurity } from '../common/security';
import { configureUploads } from '../common/uploads';
import { BODY_LIMIT, configureRequestLimits } from '../common/request-limits';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Clock } from '../common/clock';
import { PUBLIC_EXTENSION } from '../common/identity';
import { PROBLEM_CONTENT_TYPE, Problems } from '../common/problem/problem';
import { ProblemFilter } from '../common/problem/problem.filter';
import { createValidationPipe } from '../common/problem/validation';
import { AppConfig, levelsFrom } from '../config/app-config';
import { SESSION_COOKIE } from '../modules/auth/auth.service';
import { LifecycleRefusedDto } from '../modules/mobility/dto/mobility.dto';
import { ProblemDto } from '../common/problem/api-problems';
import { exactContract } from '../openapi/exact-contract';
import { ApiModule } from './api.module';

/** The HTTP application exactly as production runs it; tests build it through here too. */
export async function createApp(
  config: AppConfig,
  clock?: Clock,
  options: { withWorker?: boolean } = {},
): Promise<NestFastifyApplication> {
  // maxParamLength: a mute link's signed token is longer than Fastify's default of 100.
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    trustProxy: config.http.trustProxy,
    routerOptions: { maxParamLength: 500 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, clock, options), adapter, {
    logger: levelsFrom(config.logLevel),
    bufferLogs: false,
    // Our JSON parser only (common/request-limits.ts): Nest would add form-body parsing.
    bodyParser: false,
  });
  await configureHttp(app, config.auth.secureCookies);
  // The bulk import's file upload (multipart on its route only; 415 elsewhere as before).
  await configureUploads(app, config.reports.importMaxBytes);
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  await serveFrontend(app, config);
  app.enableShutdownHooks();
  return app;
}

export async function configureHttp(app: NestFastifyApplication, httpsOnly = false): Promise<void> {
  // Reads the session cookie (signed-in identity); no cookie is ever read for anything else.
  await app.register(fastifyCookie);
  await configureSecurity(app, httpsOnly);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  // Only JSON bodies: anything else is a 415 (and no cross-site form can post here without a preflight).
  app.getHttpAdapter().getInstance().removeContentTypeParser(['text/plain', 'application/x-www-form-urlencoded']);
  // Body size per route, and JSON refused past its key and depth limits before anything else runs.
  configureRequestLimits(app);
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Mobility Hub API')
    .setDescription(
      'Erasmus+ KA1 VET learning mobility: organisations, projects, mobilities with their lifecycle ' +
        '(application → preparation → implementation → evaluation → finalisation) and dated checklists. ' +
        'Errors are application/problem+json (RFC 9457).',
    )
    .setVersion('0.1.0')
    .addCookieAuth(
      SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', description: 'The session cookie set by signing in (HttpOnly)' },
      'session',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto, LifecycleRefusedDto] });
  return exactContract(documentSecurity(document));
}

/**
 * Every operation needs the session unless marked public: the document says so per operation, and
 * lists the 401 that a request without a session gets.
 */
function documentSecurity(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.put, item.post, item.delete, item.patch]) {
      if (!operation) continue;
      if ((operation as unknown as Record<string, unknown>)[PUBLIC_EXTENSION]) {
        operation.security = [];
        continue;
      }
      operation.security = [{ session: [] }];
      operation.responses['401'] ??= {
        description: 'Not signed in (no session, or it ended)',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      };
    }
  }
  return document;
}

/** Serves the built Angular app at `/` (same origin as the API) when it has been built. */
async function serveFrontend(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = resolve(config.frontendDist);
  if (!existsSync(join(root, 'index.html'))) return;
  app.useStaticAssets({ root, prefix: '/', wildcard: false, index: ['index.html'] });
  // Client-side routes (/projects/…) get the app shell; unknown /api paths stay a problem+json 404.
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (request, reply) => {
      const path = request.url.split('?')[0];
      if (path === '/api' || path.startsWith('/api/')) {
        const problem = { ...Problems.fromStatus(404, `No route GET ${path}`), instance: path };
        void reply.status(404).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
        return;
      }
      void reply.type('text/html').sendFile('index.html', root);
    });
}

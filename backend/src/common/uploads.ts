import fastifyMultipart from '@fastify/multipart';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemException, Problems } from './problem/problem';
import { formatBytes } from './request-limits';

/**
 * File uploads (multipart/form-data): accepted on the routes marked `@AcceptsUpload()` only — the
 * bulk import today. Everywhere else a multipart body stays a 415 like any body that is not JSON,
 * and a marked route answers 415 to anything but multipart. One file per request, at most
 * `maxFileBytes` (413 past it), a few small fields. The multipart stream is read by the handler
 * (`request.file()`), so Fastify's body limit does not apply to it: the file-size limit does.
 *
 * Cross-site: a form on another site could post multipart without a preflight, so these routes
 * rely on the fetch-metadata check of common/security.ts (403 for cross-site unsafe requests),
 * which runs first.
 */
const UPLOAD_ROUTE = 'acceptsUpload';

export const AcceptsUpload = () => RouteConfig({ [UPLOAD_ROUTE]: true });

export async function configureUploads(app: NestFastifyApplication, maxFileBytes: number): Promise<void> {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: true,
    limits: { fileSize: maxFileBytes, files: 1, fields: 5, fieldSize: 1024, parts: 10, headerPairs: 100 },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    const contentType = request.headers['content-type'];
    if (contentType === undefined) return;
    const multipart = /^multipart\/form-data\b/i.test(contentType);
    const upload =
      (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[UPLOAD_ROUTE] === true;
    if (multipart === upload) return;
    const problem = {
      ...Problems.fromStatus(
        415,
        upload ? 'Send the file as multipart/form-data (field `file`).' : 'Send the request body as application/json.',
      ),
      instance: request.url.split('?')[0],
    };
    return reply.status(415).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  });
}

export interface UploadedFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: Buffer;
}

/** The request's one file part named `field`: 400 naming it when absent, 413 when over `maxFileBytes`. */
export async function readUploadedFile(
  request: FastifyRequest,
  field: string,
  maxFileBytes: number,
): Promise<UploadedFile> {
  const tooLarge = () => {
    const limit = formatBytes(maxFileBytes);
    const message = `The file is larger than the ${limit} an import may have.`;
    return new ProblemException({
      ...Problems.fromStatus(413, message),
      errors: [{ field, rule: `size ≤ ${limit}`, message }],
    });
  };
  const missing = () =>
    Problems.invalidRequest(
      [{ field, rule: 'required', message: `Send the file in the multipart field \`${field}\`` }],
      `No file in the field \`${field}\`.`,
    );
  let part;
  try {
    part = await request.file();
  } catch (error) {
    if (isCode(error, 'FST_REQ_FILE_TOO_LARGE')) throw tooLarge();
    throw Problems.invalidRequest([{ field, rule: 'multipart', message: 'The multipart body cannot be read' }]);
  }
  if (!part || part.fieldname !== field) throw missing();
  try {
    const content = await part.toBuffer();
    return { fileName: part.filename, mimeType: part.mimetype, content };
  } catch (error) {
    if (isCode(error, 'FST_REQ_FILE_TOO_LARGE')) throw tooLarge();
    throw Problems.invalidRequest([{ field, rule: 'multipart', message: 'The file part cannot be read' }]);
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { BODY_LIMIT_BYTES, HEADER_LIMIT_BYTES } from './configure-http';
import { Messages } from './messages';

export const DOCS_PATH = 'docs';

/**
 * Answers any operation can give besides its own, as the reference's Werkzeug layer does: listed
 * once, in the description and, for tools, under the document's `x-common-responses`.
 */
export const COMMON_RESPONSES: Record<string, string> = {
  '400': `A body that is not JSON, or not valid JSON: {"message": "${Messages.BAD_REQUEST}"}`,
  '405': `A path that exists, with another method: {"message": "${Messages.METHOD_NOT_ALLOWED}"}`,
  '408': `A request that did not fully arrive within REQUEST_TIMEOUT (30 s): {"message": "${Messages.REQUEST_TIMEOUT}"}`,
  '413': `A body over ${BODY_LIMIT_BYTES / 1024 / 1024} MiB: {"message": "${Messages.PAYLOAD_TOO_LARGE}"}`,
  '429': `More than RATE_LIMIT_PER_MINUTE (6000) requests from one address in a minute, with Retry-After: {"message": "${Messages.TOO_MANY_REQUESTS}"}`,
  '503': `The database cannot be reached right now (retry after Retry-After seconds): {"message": "${Messages.SERVICE_UNAVAILABLE}"}`,
  '431': `Request headers over ${HEADER_LIMIT_BYTES / 1024} KiB: {"message": "${Messages.REQUEST_HEADER_FIELDS_TOO_LARGE}"}`,
};

/** Swagger UI at /docs (and at /, as the reference serves it), the OpenAPI 3 document at /docs-json. */
export function setupSwagger(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Mentorship System API')
    .setDescription(
      'Mentees and mentors register, verify their email, log in, find each other, form mentorship relations and ' +
        'track tasks inside them. Paths, status codes and messages follow AnitaB.org mentorship-backend.\n\n' +
        'Besides the answers each operation lists, any operation may answer:\n\n' +
        Object.entries(COMMON_RESPONSES)
          .map(([status, text]) => `- ${status}: ${text}`)
          .join('\n'),
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = { ...SwaggerModule.createDocument(app, config), 'x-common-responses': COMMON_RESPONSES };
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    yamlDocumentUrl: `${DOCS_PATH}-yaml`,
    customSiteTitle: 'Mentorship System API',
  });
  // The reference answers GET / with its Swagger UI; its asset links are relative to /, so the same page works.
  const fastify = app.getHttpAdapter().getInstance();
  // …and serves its API document at /swagger.json, where existing tooling looks for it (OpenAPI 3 here).
  fastify.get('/swagger.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(document));
  let page: string | undefined;
  fastify.get('/', async (_request, reply) => {
    page ??= (await fastify.inject({ method: 'GET', url: `/${DOCS_PATH}` })).body;
    return reply.type('text/html; charset=utf-8').send(page);
  });
}

import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME } from '../auth/scopes';
import { documentReadYourWrites } from '../consistency/read-your-writes.openapi';
import { documentExactlyOneOf } from './exactly-one-of';
import { applyValidationConstraints } from './openapi-constraints';

/** The OpenAPI document at /docs (JSON at /docs/openapi.json), with the limits validation enforces. */
export const setupOpenApi = (app: INestApplication, service: { name: string; description: string }) => {
  applyValidationConstraints();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`helpdesk ${service.name}`)
      .setDescription(service.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
      .build(),
  );
  refuseUnknownFields(document);
  documentExactlyOneOf(document);
  documentReadYourWrites(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return document;
};

type Schema = {
  $ref?: string;
  additionalProperties?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
};

/** Request bodies refuse unknown fields (strictValidationPipe): their schemas say so, nested ones too. */
const refuseUnknownFields = (document: OpenAPIObject) => {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const closed = new Set<string>();
  const close = (schema: Schema | undefined) => {
    if (!schema) return;
    if (schema.$ref) {
      const name = schema.$ref.split('/').pop()!;
      if (closed.has(name) || !schemas[name]) return;
      closed.add(name);
      schemas[name].additionalProperties = false;
      return close({ ...schemas[name], $ref: undefined, additionalProperties: false });
    }
    Object.values(schema.properties ?? {}).forEach(close);
    close(schema.items);
    schema.allOf?.forEach(close);
  };
  for (const item of Object.values(document.paths))
    for (const operation of Object.values(item) as Array<{
      requestBody?: { content?: Record<string, { schema?: Schema }> };
    }>)
      Object.values(operation?.requestBody?.content ?? {}).forEach((media) => close(media.schema));
};

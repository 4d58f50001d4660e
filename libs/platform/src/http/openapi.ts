import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME } from '../auth/scopes';
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
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return document;
};

import type { OpenAPIObject } from '@nestjs/swagger';

/** The DTOs that take exactly one of some fields, by schema name (the class name). */
const alternativesByDto = new Map<string, readonly string[]>();

/**
 * The body gives exactly one of these fields (a participant is a contact id or an e-mail address):
 * the document says so with oneOf, so a fuzzer's "valid" body is one the API accepts. The refusal
 * itself stays where the DTO is used, with its own reason.
 */
export const ExactlyOneOf =
  (...fields: string[]): ClassDecorator =>
  (target) => {
    alternativesByDto.set(target.name, fields);
  };

type Schema = { properties?: Record<string, Record<string, unknown>>; oneOf?: unknown[] };

/** One alternative per field: that field is given and not null (OpenAPI 3.0 nullable is off by default). */
export const documentExactlyOneOf = (document: OpenAPIObject) => {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, fields] of alternativesByDto) {
    const schema = schemas[name];
    if (!schema) continue;
    schema.oneOf = fields.map((field) => {
      const { nullable: _nullable, ...given } = schema.properties?.[field] ?? {};
      return { required: [field], properties: { [field]: given } };
    });
  }
  return document;
};

/** The parts of an OpenAPI 3 document the contract checks read. */
interface Operation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; schema?: ParameterSchema }>;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const PROBLEM = 'application/problem+json';
/** Every authenticated operation can meet these, whatever it does. */
const EVERY_OPERATION_ANSWERS = ['400', '401', '403'];

/**
 * What our API contract promises of every operation that needs a token: a success body with a
 * schema, its errors as problem+json, the scope it needs, and an operationId of its own.
 * Answers one line per broken promise (none when the document keeps them all).
 */
export const contractProblems = (document: OpenApiDocument): string[] => {
  const problems: string[] = [];
  const operationIds = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const scopes = (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat());
      // Public routes (health probes) carry no security requirement and are not part of this contract.
      if (!operation.security) continue;
      if (scopes.length === 0) problems.push(`${name}: no scope in its security requirement`);
      const responses = Object.entries(operation.responses ?? {});
      const success = responses.filter(([status]) => status.startsWith('2'));
      if (!success.some(([, response]) => Object.values(response.content ?? {}).some((c) => c.schema)))
        problems.push(`${name}: no schema for its success body`);
      for (const status of EVERY_OPERATION_ANSWERS)
        if (!operation.responses?.[status]) problems.push(`${name}: does not document ${status}`);
      for (const [status, response] of responses.filter(([s]) => /^[45]/.test(s)))
        if (!response.content?.[PROBLEM]) problems.push(`${name}: ${status} is not ${PROBLEM}`);
      problems.push(...pathParameterProblems(name, path, operation));
      for (const [status, response] of responses)
        for (const [type, media] of Object.entries(response.content ?? {}))
          problems.push(...shapelessParts(`${name} ${status} ${type}`, media.schema, document));
      if (!operation.operationId) problems.push(`${name}: no operationId`);
      else if (operationIds.has(operation.operationId))
        problems.push(
          `${name}: operationId ${operation.operationId} is also ${operationIds.get(operation.operationId)}'s`,
        );
      else operationIds.set(operation.operationId, name);
    }
  }
  // A DTO of the same name elsewhere would silently replace the one problem schema.
  const problem = document.components?.schemas?.ProblemDetailsDto as { properties?: object } | undefined;
  for (const member of ['type', 'title', 'status', 'detail', 'errors'])
    if (!(member in (problem?.properties ?? {}))) problems.push(`ProblemDetailsDto has no ${member}`);
  return problems;
};

/**
 * Schema names must be unique across services: in one document, two DTOs of one name become one
 * schema, so one of the services would document the other's body. Answers each name whose schema
 * differs between the documents given (each service's own, and the standalone one).
 */
export const conflictingSchemaNames = (documents: Record<string, OpenApiDocument>): string[] => {
  const seen = new Map<string, { where: string; schema: string }>();
  const conflicts = new Set<string>();
  for (const [where, document] of Object.entries(documents)) {
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      const text = JSON.stringify(schema);
      const earlier = seen.get(name);
      if (earlier && earlier.schema !== text) conflicts.add(`${name} (${earlier.where} and ${where})`);
      else if (!earlier) seen.set(name, { where, schema: text });
    }
  }
  return [...conflicts];
};

interface ParameterSchema {
  pattern?: string;
  format?: string;
  enum?: unknown[];
  oneOf?: ParameterSchema[];
  anyOf?: ParameterSchema[];
}

/** A pattern, a format or allowed values; or alternatives that each have one. */
const saysItsFormat = (schema: ParameterSchema | undefined): boolean => {
  if (!schema) return false;
  if (schema.pattern || schema.format || schema.enum) return true;
  const alternatives = schema.oneOf ?? schema.anyOf ?? [];
  return alternatives.length > 0 && alternatives.every(saysItsFormat);
};

/** Every {id} of a path is a documented parameter whose schema says what it accepts. */
const pathParameterProblems = (name: string, path: string, operation: Operation): string[] =>
  [...path.matchAll(/\{(\w+)\}/g)]
    .map(([, parameter]) => parameter)
    .filter(
      (parameter) =>
        !saysItsFormat(operation.parameters?.find((p) => p.in === 'path' && p.name === parameter)?.schema),
    )
    .map((parameter) => `${name}: path parameter ${parameter} has no format (pattern)`);

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
}

/**
 * The parts of a response schema that say nothing of their shape: an object without properties
 * (nor a schema for its values) or an array without items. Against those, schemathesis'
 * response_schema_conformance would accept any body.
 */
export const shapelessParts = (where: string, schema: unknown, document: OpenApiDocument): string[] => {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const problems: string[] = [];
  const visited = new Set<string>();
  const walk = (part: Schema | undefined, at: string): unknown => {
    if (!part) return problems.push(`${at}: no schema`);
    if (part.$ref) {
      const name = part.$ref.split('/').pop()!;
      if (visited.has(name)) return;
      visited.add(name);
      return walk(schemas[name], name);
    }
    const alternatives = [...(part.allOf ?? []), ...(part.oneOf ?? []), ...(part.anyOf ?? [])];
    alternatives.forEach((alternative, index) => walk(alternative, `${at}/${index}`));
    if (alternatives.length || part.enum) return;
    if (part.type === 'array')
      return part.items ? walk(part.items, `${at}[]`) : problems.push(`${at}: an array without items`);
    if (part.type !== undefined && part.type !== 'object') return;
    const properties = Object.entries(part.properties ?? {});
    if (properties.length === 0 && typeof part.additionalProperties !== 'object')
      return problems.push(`${at}: an object without properties`);
    for (const [property, value] of properties) walk(value, `${at}.${property}`);
    if (typeof part.additionalProperties === 'object') walk(part.additionalProperties, `${at}{}`);
  };
  walk(schema as Schema, where);
  return problems;
};

import { contractProblems, type OpenApiDocument } from './openapi-contract';

const problem = {
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
};
const problemSchema = {
  type: 'object',
  properties: Object.fromEntries(
    ['type', 'title', 'status', 'detail', 'errors'].map((member) => [member, { type: 'string' }]),
  ),
};

/** A document of one operation, GET /things/{id}, answering `body` and taking `id` as given. */
const documentWith = (
  body: unknown,
  id: object = { name: 'id', in: 'path', schema: { type: 'string', pattern: '^[0-9a-f]{32}$' } },
  schemas: Record<string, unknown> = {},
): OpenApiDocument => ({
  paths: {
    '/things/{id}': {
      get: {
        operationId: 'getThing',
        security: [{ bearer: ['things:read'] }],
        parameters: [id as never],
        responses: {
          '200': { content: { 'application/json': { schema: body } } },
          '400': problem,
          '401': problem,
          '403': problem,
        },
      },
    },
  },
  components: { schemas: { ProblemDetailsDto: problemSchema, ...schemas } },
});

const thing = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    owner: { $ref: '#/components/schemas/OwnerDto' },
  },
};
const owner = { type: 'object', properties: { name: { type: 'string' } } };

describe('the OpenAPI contract check', () => {
  it('passes a document whose responses are shaped to their leaves and whose path ids have a format', () => {
    expect(contractProblems(documentWith(thing, undefined, { OwnerDto: owner }))).toEqual([]);
  });

  it('names a response that is an object without properties', () => {
    expect(contractProblems(documentWith({ type: 'object', description: 'A thing' }))).toEqual([
      'GET /things/{id} 200 application/json: an object without properties',
    ]);
  });

  it('names an array without items, also deep inside a referenced schema', () => {
    expect(
      contractProblems(
        documentWith(thing, undefined, {
          OwnerDto: { type: 'object', properties: { teams: { type: 'array' } } },
        }),
      ),
    ).toEqual(['OwnerDto.teams: an array without items']);
  });

  it('names an error response whose problem schema is an empty object', () => {
    const document = documentWith(thing, undefined, { OwnerDto: owner });
    document.paths['/things/{id}'].get.responses!['503'] = {
      content: { 'application/problem+json': { schema: { type: 'object' } } },
    };
    expect(contractProblems(document)).toEqual([
      'GET /things/{id} 503 application/problem+json: an object without properties',
    ]);
  });

  it('accepts a map whose values have a schema', () => {
    const map = { type: 'object', additionalProperties: { type: 'integer' } };
    expect(contractProblems(documentWith(map))).toEqual([]);
  });

  it('names a path id that is undocumented or has no pattern', () => {
    expect(
      contractProblems(
        documentWith(thing, { name: 'id', in: 'path', schema: { type: 'string' } }, { OwnerDto: owner }),
      ),
    ).toEqual(['GET /things/{id}: path parameter id has no format (pattern)']);
    expect(
      contractProblems(documentWith(thing, { name: 'other', in: 'query' }, { OwnerDto: owner })),
    ).toEqual(['GET /things/{id}: path parameter id has no format (pattern)']);
  });
});

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What every command answers: the aggregate, its new revision (also the ETag), the events it recorded. */
export class CommandResultDto {
  @ApiProperty({ description: 'The aggregate the command changed (or created)' }) id!: string;
  @ApiProperty({ minimum: 0, description: 'Its revision now: send it back as If-Match' }) revision!: number;
  @ApiPropertyOptional({ type: [String], description: 'The events recorded; none when nothing changed' })
  events?: string[];
}

/** A JSON Schema (OpenAPI 3.0) of a response or a part of one. */
export type JsonSchema = Record<string, unknown>;

export const STRING: JsonSchema = { type: 'string' };
export const INTEGER: JsonSchema = { type: 'integer' };
export const NUMBER: JsonSchema = { type: 'number' };
export const BOOLEAN: JsonSchema = { type: 'boolean' };
/** An ISO 8601 instant as the events record it (toISOString). */
export const INSTANT: JsonSchema = { type: 'string', description: 'ISO 8601 instant' };
/** A calendar day, YYYY-MM-DD. */
export const DAY: JsonSchema = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' };

export const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, nullable: true });
export const oneOfValues = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
/** An object keyed by names the data chooses (a metric, an id), each value of one shape. */
export const mapOf = (values: JsonSchema): JsonSchema => ({ type: 'object', additionalProperties: values });

/**
 * An object: `always` members are in every answer, `sometimes` ones only when they have a value.
 * Members may be added in later versions, so others are not refused.
 */
export const objectOf = (
  always: Record<string, JsonSchema>,
  sometimes: Record<string, JsonSchema> = {},
  description?: string,
): JsonSchema => ({
  type: 'object',
  ...(description ? { description } : {}),
  ...(Object.keys(always).length ? { required: Object.keys(always) } : {}),
  properties: { ...always, ...sometimes },
});

/** One page of a list: its items and the cursor of the next page (null on the last). */
export const pageSchema = (item: JsonSchema): JsonSchema =>
  objectOf({
    items: arrayOf(item),
    nextCursor: { type: 'string', nullable: true, description: 'Pass as cursor for the next page' },
  });

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What every command answers: the aggregate, its new revision (also the ETag), the events it recorded. */
export class CommandResultDto {
  @ApiProperty({ description: 'The aggregate the command changed (or created)' }) id!: string;
  @ApiProperty({ minimum: 0, description: 'Its revision now: send it back as If-Match' }) revision!: number;
  @ApiPropertyOptional({ type: [String], description: 'The events recorded; none when nothing changed' })
  events?: string[];
}

/** One page of a list: its items and the cursor of the next page (null on the last). */
export const pageSchema = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: { type: 'object', description: item } },
    nextCursor: { type: 'string', nullable: true, description: 'Pass as cursor for the next page' },
  },
});

/** One resource as the caller may see it. */
export const viewSchema = (description: string, required: string[] = []) => ({
  type: 'object',
  description,
  ...(required.length
    ? { required, properties: Object.fromEntries(required.map((f) => [f, { type: 'string' }])) }
    : {}),
});

export const listSchema = (item: string) => ({ type: 'array', items: { type: 'object', description: item } });

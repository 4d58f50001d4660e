import { type Priority, PRIORITIES } from '@helpdesk/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').filter(Boolean) : value;

export class BoardQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) organisationId?: string;
  @ApiPropertyOptional({ description: 'Comma-separated', example: 'P1,P2' })
  @IsOptional()
  @Transform(list)
  @IsIn(PRIORITIES, { each: true })
  priority?: Priority[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) assigneeId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/** A period of registrations, both ends included. */
export class PeriodDto {
  @ApiProperty({ example: '2026-11-01T00:00:00+01:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  from!: string;
  @ApiProperty({ example: '2026-12-01T00:00:00+01:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  to!: string;
}

export class WhatIfDto extends PeriodDto {
  @ApiProperty({
    description:
      'An SLA policy definition, as the built-in ones (id, version, effectiveFrom, calendar, targets...)',
  })
  @IsObject()
  policy!: Record<string, unknown>;
}

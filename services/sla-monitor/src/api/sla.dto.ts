import { PageQueryDto } from '@helpdesk/platform';
import { type Priority, PRIORITIES } from '@helpdesk/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').filter(Boolean) : value;

export class BoardQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) organisationId?: string;
  @ApiPropertyOptional({ description: 'Comma-separated', example: 'P1,P2' })
  @IsOptional()
  @Transform(list)
  @IsIn(PRIORITIES, { each: true })
  priority?: Priority[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) assigneeId?: string;
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

import { PageQueryDto } from '@helpdesk/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { RELEASE_STATES, type ReleaseState } from '../projections/release-view';

// The shape only: whether the day exists (2026-02-30) is the domain's to refuse, with its message.
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = '$property must be a date like 2026-12-08';
const REASON_MAX = 2000;

export class PlanReleaseDto {
  @ApiProperty({ example: '4.2.0', description: 'Letters, digits, dots, + and -; at most 40' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  version!: string;
  @ApiProperty({ example: '2026-12-08', description: 'The day it is planned to ship' })
  @IsString()
  @Matches(DAY, { message: DAY_MESSAGE })
  plannedDate!: string;
}

export class ScheduleReleaseFixDto {
  @ApiProperty({ description: 'The ticket whose fix (or wish) the release delivers' })
  @IsUUID('4')
  ticketId!: string;
}

export class UnscheduleReleaseFixDto {
  @ApiPropertyOptional({ maxLength: REASON_MAX, default: 'Taken out of the release.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(REASON_MAX)
  reason?: string;
}

export class PostponeReleaseDto {
  @ApiProperty({ example: '2026-12-10', description: 'The new planned day, after the current one' })
  @IsString()
  @Matches(DAY, { message: DAY_MESSAGE })
  plannedDate!: string;
  @ApiProperty({ maxLength: REASON_MAX }) @IsString() @MinLength(1) @MaxLength(REASON_MAX) reason!: string;
}

export class CancelReleaseDto {
  @ApiProperty({ maxLength: REASON_MAX }) @IsString() @MinLength(1) @MaxLength(REASON_MAX) reason!: string;
}

export class ListReleasesDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: RELEASE_STATES,
    description: 'postponed: planned or frozen, later than first planned',
  })
  @IsOptional()
  @IsIn(RELEASE_STATES)
  state?: ReleaseState;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Planned on or after this day' })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Planned on or before this day' })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  to?: string;
}

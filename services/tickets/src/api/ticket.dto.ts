import { ExactlyOneOf, PageQueryDto } from '@helpdesk/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, KINDS, PRIORITIES, STATUSES } from '../domain';
import type { Channel, Priority, TicketKind, TicketStatus } from '../domain';

const SUBJECT_MAX = 200;
const TEXT_MAX = 20000;
const REASON_MAX = 2000;

export class TicketProblemDetailsDto {
  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  stepsToReproduce?: string;
  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  expectedResult?: string;
  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  actualResult?: string;
  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  impact?: string;
}

export class RegisterTicketDto {
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind!: TicketKind;
  @ApiPropertyOptional({
    enum: CHANNELS,
    description: 'Defaults to portal for customers, api for systems; agents say how it came in.',
  })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
  @ApiProperty({ maxLength: SUBJECT_MAX }) @IsString() @MinLength(1) @MaxLength(SUBJECT_MAX) subject!: string;
  @ApiProperty({ maxLength: TEXT_MAX }) @IsString() @MinLength(1) @MaxLength(TEXT_MAX) description!: string;
  @ApiPropertyOptional({ type: TicketProblemDetailsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TicketProblemDetailsDto)
  details?: TicketProblemDetailsDto;
  @ApiPropertyOptional({ description: "Required for agents; a customer's own organisation otherwise." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  organisationId?: string;
  @ApiPropertyOptional({
    description: 'The contact the ticket is for; defaults to the caller for customers.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reporterId?: string;
}

export class TriageDto {
  @ApiProperty({ enum: PRIORITIES }) @IsIn(PRIORITIES) priority!: Priority;
}

export class ChangePriorityDto extends TriageDto {
  @ApiProperty({ maxLength: REASON_MAX }) @IsString() @MinLength(1) @MaxLength(REASON_MAX) reason!: string;
}

export class ReasonDto {
  @ApiProperty({ maxLength: REASON_MAX }) @IsString() @MinLength(1) @MaxLength(REASON_MAX) reason!: string;
}

export class RequestReassessmentDto extends ReasonDto {
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) proposedPriority?: Priority;
}

export class DecideReassessmentDto extends ReasonDto {
  @ApiProperty() @IsBoolean() accept!: boolean;
  @ApiPropertyOptional({
    enum: PRIORITIES,
    description: 'When accepting; defaults to the proposed priority.',
  })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;
}

export class AssignDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) assigneeId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) team?: string;
}

export class CommentDto {
  @ApiProperty({ maxLength: TEXT_MAX }) @IsString() @MinLength(1) @MaxLength(TEXT_MAX) body!: string;
  @ApiProperty({
    enum: ['public', 'internal'],
    description: 'internal: agents only, never shown to customers',
  })
  @IsIn(['public', 'internal'])
  visibility!: 'public' | 'internal';
}

@ExactlyOneOf('contactId', 'email')
export class ParticipantDto {
  @ApiPropertyOptional({ description: 'A contact of the organisation; or give email' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  contactId?: string;
  @ApiPropertyOptional({ description: 'Anyone else to keep informed' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;
}

export class QuestionDto {
  @ApiProperty({ maxLength: TEXT_MAX }) @IsString() @MinLength(1) @MaxLength(TEXT_MAX) question!: string;
}

export class ThirdPartyDto extends ReasonDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) thirdParty!: string;
}

export class WorkaroundDto {
  @ApiProperty({ maxLength: TEXT_MAX }) @IsString() @MinLength(1) @MaxLength(TEXT_MAX) workaround!: string;
}

export class ResolveDto {
  @ApiProperty({ maxLength: TEXT_MAX }) @IsString() @MinLength(1) @MaxLength(TEXT_MAX) resolution!: string;
}

export class ScheduleFixDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) releaseId!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(50) version!: string;
  @ApiProperty({ example: '2026-12-08' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'plannedDate must be a date YYYY-MM-DD' })
  plannedDate!: string;
}

export class UnscheduleFixDto extends ReasonDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) releaseId!: string;
}

export class ReleaseFixDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) releaseId!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(50) version!: string;
}

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').filter(Boolean) : value;

const SORTS = [
  'updatedAt',
  '-updatedAt',
  'createdAt',
  '-createdAt',
  'priority',
  '-priority',
  'number',
  '-number',
  'slaDue',
];

export class ListTicketsDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated', example: 'open,in_progress' })
  @IsOptional()
  @Transform(list)
  @IsIn(STATUSES, { each: true })
  status?: TicketStatus[];
  @ApiPropertyOptional({ example: 'P1,P2' })
  @IsOptional()
  @Transform(list)
  @IsIn(PRIORITIES, { each: true })
  priority?: Priority[];
  @ApiPropertyOptional({ example: 'error' })
  @IsOptional()
  @Transform(list)
  @IsIn(KINDS, { each: true })
  kind?: TicketKind[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) organisationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) assigneeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) reporterId?: string;
  @ApiPropertyOptional({ description: 'Free text in the subject or the HD- number' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({
    enum: SORTS,
    default: '-updatedAt',
    description:
      "slaDue: the soonest deadline of the ticket's running SLA clocks first, tickets without one last",
  })
  @IsOptional()
  @IsIn(SORTS)
  sort?: string;
}

export class TicketAsOfDto {
  @ApiPropertyOptional({ description: 'ISO time: the ticket as it was then' })
  @IsOptional()
  @IsDateString()
  asOf?: string;
}

export class TicketIdParams {
  @IsUUID() id!: string;
}

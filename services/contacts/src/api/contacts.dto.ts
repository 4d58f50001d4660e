import { PageQueryDto } from '@helpdesk/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

const NAME_MAX = 200;
const LANGUAGES = ['nl', 'en'] as const;
const ROLES = ['customer_admin', 'customer_employee'] as const;

export class ContactDetailsDto {
  @ApiProperty({ maxLength: NAME_MAX }) @IsString() @MinLength(1) @MaxLength(NAME_MAX) name!: string;
  @ApiProperty({ example: 'anna@zorg.example' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiPropertyOptional({ example: '+31 20 123 4567' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;
  @ApiProperty({ enum: LANGUAGES }) @IsIn(LANGUAGES) language!: 'nl' | 'en';
}

export class RegisterOrganisationDto {
  @ApiProperty({ maxLength: NAME_MAX }) @IsString() @MinLength(1) @MaxLength(NAME_MAX) name!: string;
  @ApiPropertyOptional({ default: 'Europe/Amsterdam', description: 'IANA time zone' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
  @ApiProperty({ example: 'restore-time', description: 'The SLA policy of its contract' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  slaPolicy!: string;
  @ApiPropertyOptional({ default: 'nl-office', description: 'The support calendar its SLA clocks run on' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  calendar?: string;
  @ApiPropertyOptional({ enum: LANGUAGES, description: 'For contacts without a language of their own' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: 'nl' | 'en';
  @ApiProperty({ type: ContactDetailsDto, description: 'Its first administrator (authorised for support)' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDetailsDto)
  administrator!: ContactDetailsDto;
}

export class ChangeOrganisationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(NAME_MAX) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
  @ApiPropertyOptional({ description: 'Agents only' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  slaPolicy?: string;
  @ApiPropertyOptional({ description: 'Agents only' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  calendar?: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: 'nl' | 'en';
  @ApiPropertyOptional({
    enum: ['active', 'inactive'],
    description: 'Agents only: support contract on or off',
  })
  @IsOptional()
  @IsIn(['active', 'inactive'])
  status?: 'active' | 'inactive';
  @ApiPropertyOptional({ description: 'Why it is deactivated' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class AddContactDto extends ContactDetailsDto {
  @ApiPropertyOptional({ enum: ROLES, default: 'customer_employee' })
  @IsOptional()
  @IsIn(ROLES)
  role?: (typeof ROLES)[number];
  @ApiPropertyOptional({ default: false, description: 'May have tickets filed for them' })
  @IsOptional()
  @IsBoolean()
  authorised?: boolean;
}

export class ChangeContactDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(NAME_MAX) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: 'nl' | 'en';
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: (typeof ROLES)[number];
}

export class RevokeAuthorisationDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class EraseContactDto {
  @ApiProperty({
    maxLength: 2000,
    example: 'Erasure requested by the person (GDPR art. 17), ticket HD-00042',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class ListOrganisationsDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ enum: ['active', 'inactive'] }) @IsOptional() @IsIn(['active', 'inactive']) status?:
    'active' | 'inactive';
}

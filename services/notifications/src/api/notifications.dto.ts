import { PageQueryDto } from '@helpdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ListNotificationsDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'A ticket id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ticket?: string;
  @ApiPropertyOptional({ description: "A contact's or agent's id, or an e-mail address" })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  recipient?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListNotificationsDto {
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

import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

export class FieldErrorDto {
  @ApiProperty({ example: 'subject' }) field!: string;
  @ApiProperty({ example: 'subject must be shorter than or equal to 200 characters' }) reason!: string;
}

/** RFC 9457 problem details: the body of every error this API answers. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://helpdesk.example/problems/invalid-input' }) type!: string;
  @ApiProperty({ example: 'Invalid input' }) title!: string;
  @ApiProperty({ example: 400, minimum: 400, maximum: 599 }) status!: number;
  @ApiProperty({ description: 'What happened, and what to do about it' }) detail!: string;
  @ApiPropertyOptional({ description: 'The request this answers' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'For invalid input: each field and why' })
  errors?: FieldErrorDto[];
}

const MEANING: Record<number, string> = {
  400: 'Invalid input: each offending field (or header) and why, in errors',
  401: 'No valid bearer token (WWW-Authenticate: Bearer error="invalid_token")',
  403: 'The role may not do this here, or the token lacks the scope (error="insufficient_scope")',
  404: 'No such resource, or not one the caller may see',
  409: 'Not possible in its current state, or changed concurrently',
  412: 'If-Match is no longer the current revision: reload and retry',
  413: 'The body is larger than the limit (HTTP_BODY_MAX_BYTES)',
  415: 'The body is not application/json',
  422: 'Well-formed, but the domain refuses it (the reason is in detail)',
};
export type ProblemStatus = keyof typeof MEANING;

/** Documents each status as application/problem+json with the one ProblemDetails schema. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDetailsDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: MEANING[status] ?? 'Refused',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );

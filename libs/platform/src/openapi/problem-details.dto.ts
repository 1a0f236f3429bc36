import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_TYPES } from '../problems/problem';

export class ProblemFieldErrorDto {
  @ApiProperty({ description: 'The field, with its path for nested fields, or the parameter or header at fault.', example: 'location.gridCode' })
  field: string;

  @ApiProperty({ description: 'What is wrong with it, in one sentence.', example: 'location.gridCode must be a grid code from GET /v1/areas' })
  message: string;
}

/** An error answer of every service (RFC 9457 problem details), served as application/problem+json. */
export class ProblemDetailsDto {
  @ApiProperty({
    description: `What kind of problem this is: ${PROBLEM_TYPES}<slug>. Clients branch on it, not on \`title\` or \`detail\`.`,
    format: 'uri',
    example: `${PROBLEM_TYPES}validation-failed`,
  })
  type: string;

  @ApiProperty({ description: 'A short summary of the kind of problem; the same for every problem of this type.', example: 'Your request is not valid' })
  title: string;

  @ApiProperty({ description: 'The HTTP status code of the answer.', type: 'integer', minimum: 400, maximum: 599, example: 400 })
  status: number;

  @ApiProperty({ description: 'What went wrong with this request, for a person to read.', example: 'the request has 1 invalid field' })
  detail: string;

  @ApiPropertyOptional({ description: 'The request path this problem is about.', format: 'uri-reference', example: '/v1/cases' })
  instance?: string;

  @ApiPropertyOptional({
    description: 'For validation problems: one entry per invalid field, parameter or header.',
    type: () => ProblemFieldErrorDto,
    isArray: true,
  })
  errors?: ProblemFieldErrorDto[];
}

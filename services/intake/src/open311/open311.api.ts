import { Type, applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiParam, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { OPEN311_FORMATS } from './open311.format';
import { Open311ErrorDto } from './open311-documents.dto';

const XML = 'text/xml';
const JSON_TYPE = 'application/json';

/**
 * Documents an Open311 operation: its answer in both formats (JSON as the schema, XML the same
 * elements under `root`), the format suffix, and its errors in Open311's format, not problems.
 */
export function ApiOpen311(options: { summary: string; description: string; root: string; type: Type<unknown>; isArray?: boolean; errors: Record<number, string>; status?: number }) {
  const schema = options.isArray ? { type: 'array', items: { $ref: getSchemaPath(options.type) } } : { $ref: getSchemaPath(options.type) };
  const errors = { type: 'array', items: { $ref: getSchemaPath(Open311ErrorDto) } };
  const errorResponses = {
    ...options.errors,
    500: 'Something went wrong on our side; it was logged.',
    503: 'The database cannot be reached just now (an outage or failover): retry after the Retry-After seconds.',
  };
  return applyDecorators(
    ApiExtraModels(options.type, Open311ErrorDto),
    ApiOperation({ summary: options.summary, description: options.description }),
    ApiParam({ name: 'format', description: 'The answer\u2019s format: the `.xml` or `.json` suffix of GeoReport v2.', enum: OPEN311_FORMATS, example: 'json' }),
    ApiResponse({
      status: options.status ?? 200,
      description: `As JSON, or as XML under <${options.root}>.`,
      content: { [JSON_TYPE]: { schema }, [XML]: { schema: { type: 'string', description: `<${options.root}> with the same elements` } } },
    }),
    ...Object.entries(errorResponses).map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description: `${description} Open311\u2019s error format: <errors><error><code/><description/></error></errors> or its JSON array.`,
        content: { [JSON_TYPE]: { schema: errors, example: [{ code: Number(status), description }] }, [XML]: { schema: { type: 'string', description: '<errors>' } } },
      }),
    ),
  );
}

import { ApiParam } from '@nestjs/swagger';

export const UUID_EXAMPLE = '0f8e2c1a-6d3b-4a8e-9b7c-2d4f6a8b0c1e';

/** Documents a path parameter that must be a UUID (v4); its 400 is the operation's to document. */
export function ApiUuidParam(name: string, description: string): MethodDecorator & ClassDecorator {
  return ApiParam({ name, description, schema: { type: 'string', format: 'uuid' }, example: UUID_EXAMPLE });
}

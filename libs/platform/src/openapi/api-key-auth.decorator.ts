import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblems } from './api-problems.decorator';

/** The name of the API-key security scheme in every service's document. */
export const API_KEY_SCHEME = 'api-key';

/** Documents that an operation (or every operation of a controller) needs the caller's API key. */
export function ApiKeyAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(API_KEY_SCHEME), ApiProblems({ 401: true }));
}

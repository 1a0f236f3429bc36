import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationProblem } from '../problems/problem';

/** A route parameter that must be a UUID (v4), refused as a validation problem naming it. */
export function UuidParam(name: string): ParameterDecorator {
  const refuse = () => new ValidationProblem([{ field: name, message: `${name} must be a UUID` }]);
  return Param(name, new ParseUUIDPipe({ version: '4', exceptionFactory: refuse }));
}

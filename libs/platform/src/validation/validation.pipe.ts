import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationProblem } from '../problems/problem';

/**
 * Validates bodies and queries into their DTOs and refuses anything else as a
 * validation-failed problem naming each invalid field once.
 */
class ProblemValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new ValidationProblem(fieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // class-validator finds nothing wrong with an array where a DTO is expected.
    if (this.toValidate(metadata) && Array.isArray(value)) {
      const field = metadata.data ?? metadata.type;
      throw new ValidationProblem([{ field, message: `${field} must be a JSON object, not an array` }]);
    }
    return super.transform(value, metadata);
  }
}

export function validationPipe(): ValidationPipe {
  return new ProblemValidationPipe();
}

/**
 * One error per invalid field, nested ones by their path (`location.gridCode`). Where a field
 * breaks several rules, the first one declared on it speaks: the DTOs declare the rule that
 * says what the field is (`@IsString`, `@IsObject`) before the finer ones; a field whose own
 * rules fail is not searched further.
 */
export function fieldErrors(errors: ValidationError[], parent?: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length === 0) return fieldErrors(error.children ?? [], field);
    // Decorators apply bottom-up, so class-validator lists the first declared rule last.
    const first = messages[messages.length - 1];
    return [{ field, message: first.startsWith(`${error.property} `) ? field + first.slice(error.property.length) : first }];
  });
}

import { ValidationOptions, registerDecorator } from 'class-validator';

/** A string with something in it besides white space (any Unicode space, the ideographic one too). */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: String(property),
      options: { message: '$property must not be blank', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0 },
    });
}

import { Matches, Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { ServiceEnv } from '@gridwhistle/platform';

/** For local use only: anyone can read it here. */
const LOCAL_PII_KEY = 'bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=';

@ValidatorConstraint({ name: 'ownKeyInProduction' })
class OwnKeyInProduction implements ValidatorConstraintInterface {
  validate(value: string, args: ValidationArguments): boolean {
    return (args.object as IntakeEnv).NODE_ENV !== 'production' || value !== LOCAL_PII_KEY;
  }

  defaultMessage(): string {
    return 'PII_ENCRYPTION_KEY must be a key of your own in production (openssl rand -base64 32)';
  }
}

export class IntakeEnv extends ServiceEnv {
  override PORT = 3001;

  /** 32 bytes, base64: encrypts reporters' personal data at rest. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_ENCRYPTION_KEY must be 32 bytes in base64' })
  @Validate(OwnKeyInProduction)
  PII_ENCRYPTION_KEY = LOCAL_PII_KEY;
}

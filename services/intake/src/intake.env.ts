import { Matches } from 'class-validator';
import { ServiceEnv } from '@gridwhistle/platform';

export class IntakeEnv extends ServiceEnv {
  override PORT = 3001;

  /** 32 bytes, base64: encrypts reporters' personal data at rest. The default is for local use only. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_ENCRYPTION_KEY must be 32 bytes in base64' })
  PII_ENCRYPTION_KEY = 'bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=';
}

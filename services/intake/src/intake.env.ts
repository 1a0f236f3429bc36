import { join } from 'node:path';
import { IsNotEmpty, IsString, Matches } from 'class-validator';
import { ServiceEnv } from '@gridwhistle/platform';

/** For local use only: anyone can read it here. */
const LOCAL_PII_KEY = 'bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=';

export class IntakeEnv extends ServiceEnv {
  override PORT = 3001;

  /** 32 bytes, base64: encrypts reporters' personal data at rest. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_ENCRYPTION_KEY must be 32 bytes in base64' })
  PII_ENCRYPTION_KEY = LOCAL_PII_KEY;

  /** The city's addresses and their grids (street, number, building), read and validated at start. */
  @IsString() @IsNotEmpty()
  GAZETTEER_FILE = join(process.cwd(), 'deploy/directory/kaizhou.gazetteer.json');

  override developmentDefaults(): string[] {
    const ownKey = this.PII_ENCRYPTION_KEY !== LOCAL_PII_KEY;
    return [
      ...super.developmentDefaults(),
      ...(ownKey ? [] : ['PII_ENCRYPTION_KEY must be a key of your own, not the published development key (openssl rand -base64 32)']),
    ];
  }
}

import { join } from 'node:path';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MinLength, ValidateIf } from 'class-validator';
import { ServiceEnv } from '@gridwhistle/platform';

/** For local use only: anyone can read it here. */
const LOCAL_PII_KEY = 'bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=';
/** The same published key as feedback's local default, so that links work locally. */
const LOCAL_LINK_KEY = 'bG9jYWwtZmVlZGJhY2stbGluay1rZXktbm90LXNlY3I=';

export class IntakeEnv extends ServiceEnv {
  override PORT = 3001;

  /** 32 bytes, base64: encrypts reporters' personal data at rest. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_ENCRYPTION_KEY must be 32 bytes in base64' })
  PII_ENCRYPTION_KEY = LOCAL_PII_KEY;

  /** 32 bytes, base64: signs residents' feedback links; feedback holds the same key to check them. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'FEEDBACK_LINK_KEY must be 32 bytes in base64' })
  FEEDBACK_LINK_KEY = LOCAL_LINK_KEY;

  /** Where feedback serves the resident's page; a link is this followed by its token. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'FEEDBACK_PAGE_URL must be an http(s) URL' })
  FEEDBACK_PAGE_URL = 'http://127.0.0.1:3004/feedback/';

  /** How links reach residents: `webhook` posts to an SMS gateway; `file` appends to a file a person reads (local only). */
  @IsIn(['file', 'webhook'], { message: 'RESIDENT_NOTIFIER must be file or webhook' })
  RESIDENT_NOTIFIER: 'file' | 'webhook' = 'file';

  @MinLength(1)
  RESIDENT_NOTIFIER_FILE = '.local/resident-messages.log';

  @ValidateIf((env: IntakeEnv) => env.RESIDENT_NOTIFIER === 'webhook')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'SMS_WEBHOOK_URL must be an http(s) URL (required with RESIDENT_NOTIFIER=webhook)' })
  SMS_WEBHOOK_URL?: string;

  /** Sent to the SMS gateway as `Authorization: Bearer …`. */
  @IsOptional() @MinLength(16, { message: 'SMS_WEBHOOK_TOKEN must be at least 16 characters' })
  SMS_WEBHOOK_TOKEN?: string;

  /** The city's addresses and their grids (street, number, building), read and validated at start. */
  @IsString() @IsNotEmpty()
  GAZETTEER_FILE = join(process.cwd(), 'deploy/directory/kaizhou.gazetteer.json');

  override developmentDefaults(): string[] {
    const ownKey = this.PII_ENCRYPTION_KEY !== LOCAL_PII_KEY;
    return [
      ...super.developmentDefaults(),
      ...(ownKey ? [] : ['PII_ENCRYPTION_KEY must be a key of your own, not the published development key (openssl rand -base64 32)']),
      ...(this.FEEDBACK_LINK_KEY !== LOCAL_LINK_KEY ? [] : ['FEEDBACK_LINK_KEY must be a key of your own, shared with feedback (openssl rand -base64 32)']),
      ...(this.RESIDENT_NOTIFIER === 'webhook' ? [] : ['RESIDENT_NOTIFIER must be webhook: the file notifier writes to the local disk']),
    ];
  }
}

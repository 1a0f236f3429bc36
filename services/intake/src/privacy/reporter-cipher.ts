import { PersonalDataCipher } from '@gridwhistle/persistence';

export interface Reporter {
  name?: string;
  phone?: string;
  /** From residents' web and Open311 clients. */
  email?: string;
  /** An Open311 client's own identifiers of the reporter's device and account. */
  deviceId?: string;
  accountId?: string;
}

/** A reporter's personal data, sealed at rest. Only intake holds the key; the data never leaves intake, neither on Kafka nor in any API response. */
export class ReporterCipher extends PersonalDataCipher<Reporter> {}

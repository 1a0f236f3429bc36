import { PersonalDataCipher } from '@gridwhistle/persistence';

export interface Reporter {
  name?: string;
  phone?: string;
}

/** A reporter's personal data, sealed at rest. Only intake holds the key; the data never leaves intake, neither on Kafka nor in any API response. */
export class ReporterCipher extends PersonalDataCipher<Reporter> {}

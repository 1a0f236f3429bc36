import { PersonalDataCipher } from '@gridwhistle/persistence';

/** Residents' comments, sealed at rest: free text may name people and places. */
export class CommentCipher extends PersonalDataCipher<string> {}

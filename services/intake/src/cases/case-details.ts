import { Diversion, EmergencyNumber } from '@gridwhistle/contracts';

/** How intake answered a case itself, before dispatch: public, shown on the case. */
export interface CaseDiversion {
  kind: Diversion;
  emergencyNumber?: EmergencyNumber;
  /** What the reporter was told: the number to call, the consultation's answer, where to go. */
  answer: string;
}

/** What a report told beside its category, grid and description; nothing personal. */
export interface CaseDetails {
  /** On the grid channel: the grid worker who blew the whistle (a staff code). */
  gridWorkerId?: string;
  /** Where the reporter put the problem on a map (WGS-84). */
  coordinates?: { lat: number; long: number };
  /** The address the reporter gave, as given. */
  address?: string;
  mediaUrl?: string;
  /** Answers to the category's fields (Open311 attributes), by field code. */
  attributes?: Record<string, string | string[]>;
  diversion?: CaseDiversion;
  /** The channel of case.reported v1/v2 that a migration replaced. */
  legacyChannel?: string;
}

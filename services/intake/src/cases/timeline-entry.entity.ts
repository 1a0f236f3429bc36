import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EventType } from '@gridwhistle/contracts';

/** One step in a case's public history; the id is the id of the event that made it. */
@Entity({ schema: 'intake', name: 'timeline_entries' })
@Index(['caseId', 'occurredAt'])
export class TimelineEntryEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) eventId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ type: 'text' }) type: EventType;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  /** Public details only: the department's name, the rating. Never personal data. */
  @Column({ type: 'jsonb', default: {} }) details: Record<string, string | number>;
}

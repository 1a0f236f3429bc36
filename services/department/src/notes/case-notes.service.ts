import { Injectable } from '@nestjs/common';
import { CaseActionRunner } from '../cases/case-action.runner';
import { view } from '../cases/case-view';

/**
 * Progress notes (进展): a unit handling a case writes down how it goes. A note stays on the
 * unit's own timeline; it may name people, so it never goes on Kafka.
 */
@Injectable()
export class CaseNotesService {
  constructor(private readonly actions: CaseActionRunner) {}

  async add(unitCode: string, caseId: string, note: string, ifMatch?: string) {
    const noted = await this.actions.run(unitCode, caseId, {
      action: 'note',
      ifMatch,
      text: note,
      // The same note right after itself is a retry of it: it is written once.
      alreadyDone: async (manager, found) => {
        const [last] = await manager.query(`SELECT action, text FROM department.case_actions WHERE case_id = $1 AND unit_code = $2 ORDER BY id DESC LIMIT 1`, [
          found.caseId,
          unitCode,
        ]);
        return last?.action === 'note' && last.text === note;
      },
    });
    return view(noted);
  }
}

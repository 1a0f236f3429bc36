import { RequestKind } from '@gridwhistle/contracts';
import { CategoryEntity } from '../reference/category.entity';
import { CaseDiversion } from './case-details';

/**
 * Whether intake answers a report itself before dispatch, as Beijing's 接诉即办 regulation
 * says (Art. 11), from the directory's data: an emergency with its number, a matter outside
 * every unit's duty with where to go, a consultation whose category has an answer with it.
 * Anything else is dispatched.
 */
export function diversionOf(category: Pick<CategoryEntity, 'emergencyNumber' | 'referral' | 'answer'>, requestKind: RequestKind): CaseDiversion | undefined {
  if (category.emergencyNumber) {
    const number = category.emergencyNumber;
    return { kind: 'emergency', emergencyNumber: number, answer: `这是紧急情况：请立即拨打${number}。This is an emergency: call ${number} now.` };
  }
  if (category.referral) return { kind: 'outside_duty', answer: category.referral };
  if (requestKind === 'consultation' && category.answer) return { kind: 'consultation_answered', answer: category.answer };
  return undefined;
}

import { DepartmentCaseEntity } from './department-case.entity';

/** A unit's case as the API shows it. */
export function view(c: DepartmentCaseEntity) {
  return {
    id: c.caseId,
    version: c.version,
    status: c.status,
    role: c.role,
    round: c.round,
    reopenCount: c.reopenCount,
    supervisionLevel: c.supervisionLevel,
    category: c.categoryCode,
    gridCode: c.gridCode,
    description: c.description,
    dispatchedAt: c.dispatchedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    acknowledgedAt: c.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    resolution: c.resolution,
    outcome: c.outcome,
    evidence: c.evidence,
    returnable: c.role === 'lead' && c.returnable,
    returnableUntil: c.role === 'lead' && c.returnable ? (c.returnableUntil?.toISOString() ?? null) : null,
    returnReason: c.returnReason,
    rating: c.rating,
    gradedAt: c.gradedAt?.toISOString() ?? null,
    updatedAt: c.updatedAt.toISOString(),
  };
}

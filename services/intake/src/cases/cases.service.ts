import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Counter, Registry } from 'prom-client';
import { DataSource, Not } from 'typeorm';
import { RequestKind, createEvent, traceFrom } from '@gridwhistle/contracts';
import { OutboxWriter, TransientFailures } from '@gridwhistle/messaging';
import { GroupCommit } from '@gridwhistle/persistence';
import { FieldError, Problem, ValidationProblem } from '@gridwhistle/platform';
import { ReferenceService } from '../reference/reference.service';
import { ReporterCipher } from '../privacy/reporter-cipher';
import { ReportFingerprint } from '../privacy/report-fingerprint';
import { CaseEntity } from './case.entity';
import { CaseStatus } from './case-status';
import { TimelineEntryEntity } from './timeline-entry.entity';
import { LocatedReportDto, ReportCaseDto } from './report-case.dto';
import { supervisionOf, timelineInsertion } from './timeline';
import { CaseDetails, CaseDiversion } from './case-details';
import { diversionOf } from './diversion';
import { CategoryEntity } from '../reference/category.entity';
import { LocationsService } from '../locations/locations.service';
import { TrackingCodes } from '../tracking/tracking-code';
import { RequesterHash } from '../privacy/requester-hash';

export interface ReportOutcome {
  id: string;
  status: CaseStatus;
  reportedAt: Date;
  /** The short code a resident follows the case by (GET /v1/track/{code}). */
  trackingCode: string;
  replayed: boolean;
  /** The same requester's case of the same matter, still open: answered instead of a new case. */
  repeat?: true;
  /** How intake answered the case itself, if it did: then nothing is dispatched. */
  diversion?: CaseDiversion;
}

/** What a report whose Idempotency-Key first came with another request gets instead of a case. */
const KEY_REUSED = 'idempotency-key-reused';

interface Report {
  /** Given before the first attempt and kept across retries: a write whose commit did succeed is found, not repeated. */
  id: string;
  dto: LocatedReportDto;
  reportedBy: string;
  idempotencyKey?: string;
  traceparent?: string;
  requestKind: RequestKind;
  details: CaseDetails;
  requesterHash: Buffer | null;
}

/** Reports written in one transaction at most; bounds the statements' size. */
const MAX_REPORTS_PER_WRITE = 200;
/** How long reports wait for a database that is away (a failover) before their calls are answered 503. */
const OUTAGE_PATIENCE_MS = 10_000;
/** How often a read waiting out an outage tries again. */
const OUTAGE_RETRY_MS = 250;

@Injectable()
export class CasesService {
  private readonly reported: Counter;
  private readonly diverted: Counter;
  private readonly reports = new GroupCommit<Report, ReportOutcome | typeof KEY_REUSED>((reports) => this.write(reports), MAX_REPORTS_PER_WRITE, undefined, {
    isTransient: (error) => this.failures.isTransient(error),
    withinMs: OUTAGE_PATIENCE_MS,
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly reference: ReferenceService,
    @Inject(ReporterCipher) private readonly cipher: ReporterCipher,
    private readonly failures: TransientFailures,
    @Inject(ReportFingerprint) private readonly fingerprint: ReportFingerprint,
    registry: Registry,
    private readonly locations: LocationsService,
    @Inject(TrackingCodes) private readonly tracking: TrackingCodes,
    @Inject(RequesterHash) private readonly requesters: RequesterHash,
  ) {
    this.reported = new Counter({
      name: 'gridwhistle_cases_reported_total',
      help: 'Cases accepted by intake',
      labelNames: ['channel', 'category'],
      registers: [registry],
    });
    this.diverted = new Counter({
      name: 'gridwhistle_cases_diverted_total',
      help: 'Cases intake answered itself before dispatch: emergencies, consultations answered, matters outside every unit\u2019s duty',
      labelNames: ['diversion', 'channel'],
      registers: [registry],
    });
  }

  /**
   * Accepts a case. A retried call with the same Idempotency-Key returns the case the first
   * call created instead of creating another (call centres retry on timeouts); the same key
   * with another request is refused, and creates nothing.
   */
  async report(dto: ReportCaseDto, reportedBy: string, idempotencyKey?: string, traceparent?: string, details: CaseDetails = {}): Promise<ReportOutcome> {
    const place = await this.patiently(() => this.locations.place(dto.location, { lat: 'location.lat', address: 'location.address' }));
    const located: LocatedReportDto = { ...dto, location: { ...dto.location, gridCode: place.gridCode } };
    const category = await this.patiently(() => this.checkCodes(located));
    // Categories heard before directory.published v2 name no kind: such a report is a report.
    const requestKind = dto.requestKind ?? category.requestKind ?? 'report';
    const diversion = diversionOf(category, requestKind);
    const whereabouts = { ...(place.point ? { coordinates: place.point } : {}), ...(place.address ? { address: place.address } : {}) };
    const all: CaseDetails = { ...(dto.gridWorkerId ? { gridWorkerId: dto.gridWorkerId } : {}), ...whereabouts, ...details, ...(diversion ? { diversion } : {}) };
    const requesterHash = this.requesters.of(dto.reporter?.phone);
    const repeated = requesterHash && !diversion ? await this.patiently(() => this.openCaseRepeated(requesterHash, located, reportedBy, idempotencyKey)) : undefined;
    if (repeated) return repeated;
    const outcome = await this.reports.submit({ id: randomUUID(), dto: located, reportedBy, idempotencyKey, traceparent, requestKind, details: all, requesterHash });
    if (outcome === KEY_REUSED) {
      throw new Problem(422, KEY_REUSED, 'this Idempotency-Key came first with another report: send a new key for a new report');
    }
    return outcome;
  }

  /** The reads before the write wait out a database outage as the write does, then let the 503 through. */
  private async patiently<T>(read: () => Promise<T>): Promise<T> {
    const until = Date.now() + OUTAGE_PATIENCE_MS;
    for (;;) {
      try {
        return await read();
      } catch (error) {
        if (Date.now() >= until || !(await this.failures.isTransient(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_RETRY_MS));
      }
    }
  }

  /**
   * Writes reports that arrived together: the cases, their first timeline entries and their
   * events in one transaction. A report whose Idempotency-Key was used before by the same
   * caller creates nothing and answers with the case the key first created, if it is the same
   * report; a report written again after a commit whose outcome was unknown answers with the
   * case it did create.
   */
  private async write(reports: Report[]): Promise<(ReportOutcome | typeof KEY_REUSED)[]> {
    const cases = reports.map(({ id, dto, reportedBy, idempotencyKey, traceparent, requestKind, details, requesterHash }) => ({
      id,
      categoryCode: dto.category,
      gridCode: dto.location.gridCode,
      channel: dto.channel,
      description: dto.description,
      requestKind,
      details,
      status: details.diversion ? ('closed' as const) : ('reported' as const),
      reporter: dto.reporter && Object.values(dto.reporter).some(Boolean) ? this.cipher.encrypt(dto.reporter) : null,
      reportedBy,
      idempotencyKey: idempotencyKey ?? null,
      requestFingerprint: idempotencyKey === undefined ? null : this.fingerprint.of(dto),
      traceparent: traceFrom(traceparent).traceparent,
      requesterHash,
    }));
    const created = await this.dataSource.transaction(async (manager) => {
      const inserted: { id: string; reported_at: Date; case_number: string }[] = await manager.query(
        `INSERT INTO intake.cases (id, category_code, grid_code, channel, description, reporter, status, reported_by, idempotency_key, traceparent, request_fingerprint, request_kind, details, requester_hash)
         SELECT id, category_code, grid_code, channel, description, reporter, status, reported_by, idempotency_key, traceparent, request_fingerprint, request_kind, details, requester_hash
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::text[], $8::text[], $9::text[], $10::bytea[], $11::text[], $12::text[], $13::jsonb[], $14::bytea[])
           AS r(id, category_code, grid_code, channel, description, reporter, reported_by, idempotency_key, traceparent, request_fingerprint, status, request_kind, details, requester_hash)
         ON CONFLICT DO NOTHING -- an id an earlier attempt did write, or an Idempotency-Key used before
         RETURNING id, reported_at, case_number`,
        [
          cases.map((c) => c.id),
          cases.map((c) => c.categoryCode),
          cases.map((c) => c.gridCode),
          cases.map((c) => c.channel),
          cases.map((c) => c.description),
          cases.map((c) => c.reporter),
          cases.map((c) => c.reportedBy),
          cases.map((c) => c.idempotencyKey),
          cases.map((c) => c.traceparent),
          cases.map((c) => c.requestFingerprint),
          cases.map((c) => c.status),
          cases.map((c) => c.requestKind),
          cases.map((c) => JSON.stringify(c.details)),
          cases.map((c) => c.requesterHash),
        ],
      );
      const reportedAt = new Map(inserted.map((row) => [row.id, row.reported_at]));
      const numbers = new Map(inserted.map((row) => [row.id, Number(row.case_number)]));
      const events = cases
        .filter((c) => reportedAt.has(c.id))
        .map((c) => {
          const at = reportedAt.get(c.id)!;
          const common = { categoryCode: c.categoryCode, gridCode: c.gridCode, channel: c.channel, requestKind: c.requestKind, reportedAt: at.toISOString(), integrationCode: c.reportedBy };
          const options = { trace: { traceparent: c.traceparent }, occurredAt: at };
          const { diversion } = c.details;
          return diversion
            ? createEvent('case.diverted', c.id, { ...common, diversion: diversion.kind, ...(diversion.emergencyNumber ? { emergencyNumber: diversion.emergencyNumber } : {}) }, options)
            : createEvent('case.reported', c.id, { ...common, description: c.description }, options);
        });
      if (events.length > 0) {
        // The timeline entries and the events in one statement.
        const timeline = timelineInsertion(events);
        const announced = this.outbox.insertion(events, timeline.values.length + 1);
        await manager.query(`WITH timeline AS (${timeline.text}) ${announced.text}`, [...timeline.values, ...announced.values]);
      }
      return { reportedAt, numbers };
    });
    return Promise.all(
      cases.map(async (c) => {
        const reportedAt = created.reportedAt.get(c.id);
        const { diversion } = c.details;
        const outcome = reportedAt
          ? { id: c.id, status: c.status, reportedAt, trackingCode: this.tracking.codeOf(created.numbers.get(c.id)!), replayed: false, ...(diversion ? { diversion } : {}) }
          : await this.replay(c.id, c.reportedBy, c.idempotencyKey, c.requestFingerprint);
        if (outcome !== KEY_REUSED && !outcome.replayed) {
          this.reported.inc({ channel: c.channel, category: c.categoryCode });
          if (diversion) this.diverted.inc({ diversion: diversion.kind, channel: c.channel });
        }
        return outcome;
      }),
    );
  }

  async publicView(id: string) {
    const found = await this.dataSource.getRepository(CaseEntity).findOneBy({ id });
    if (!found) throw new NotFoundException(`no case ${id}`);
    return this.view(found);
  }

  /** The public view of the case a tracking code names, typed in any case. */
  async tracked(code: string) {
    const caseNumber = this.tracking.numberOf(code);
    const found = caseNumber === undefined ? null : await this.dataSource.getRepository(CaseEntity).findOneBy({ caseNumber });
    if (!found) throw new NotFoundException(`no case has the tracking code ${code}`);
    return this.view(found);
  }

  private async view(found: CaseEntity) {
    const { id } = found;
    const [timeline, category, grid] = await Promise.all([
      this.dataSource.getRepository(TimelineEntryEntity).find({ where: { caseId: id }, order: { occurredAt: 'ASC' } }),
      this.reference.category(found.categoryCode),
      this.reference.area(found.gridCode),
    ]);
    return {
      id: found.id,
      trackingCode: this.tracking.codeOf(found.caseNumber),
      status: found.status,
      category: { code: found.categoryCode, name: category?.name ?? null },
      grid: { code: found.gridCode, name: grid?.name ?? null },
      channel: found.channel,
      requestKind: found.requestKind,
      diversion: found.details.diversion ?? null,
      reportedAt: found.reportedAt.toISOString(),
      updatedAt: found.updatedAt.toISOString(),
      supervisionLevel: supervisionOf(timeline),
      timeline: timeline.map((entry) => ({
        event: entry.type.replace(/^case\./, ''),
        at: entry.occurredAt.toISOString(),
        ...entry.details,
      })),
    };
  }

  /**
   * Beijing's 接诉即办 Art. 11: the same requester's case of the same category in the same grid,
   * still open, answers a report that brings no new facts (its description says nothing the
   * case's does not). A retry of a call (its Idempotency-Key used before) is a replay, not a
   * repeat. Two such calls in the same instant may both create a case.
   */
  private async openCaseRepeated(requesterHash: Buffer, dto: LocatedReportDto, reportedBy: string, idempotencyKey?: string): Promise<ReportOutcome | undefined> {
    const cases = this.dataSource.getRepository(CaseEntity);
    if (idempotencyKey !== undefined && (await cases.existsBy({ reportedBy, idempotencyKey }))) return undefined;
    const open = await cases.find({
      where: { requesterHash, categoryCode: dto.category, gridCode: dto.location.gridCode, status: Not('closed') },
      order: { reportedAt: 'ASC' },
    });
    // A retry racing the call it repeats finds that call's case: the Idempotency-Key answers it.
    if (idempotencyKey !== undefined && open.some((found) => found.reportedBy === reportedBy && found.idempotencyKey === idempotencyKey)) return undefined;
    const words = (text: string) => text.normalize('NFKC').replace(/[\s\p{P}]/gu, '');
    const same = open.find((found) => words(found.description).includes(words(dto.description)));
    return same && { id: same.id, status: same.status, reportedAt: same.reportedAt, trackingCode: this.tracking.codeOf(same.caseNumber), replayed: false, repeat: true };
  }

  /** The report's category, once its codes are known to be valid. */
  private async checkCodes(dto: LocatedReportDto): Promise<CategoryEntity> {
    const [category, grid] = await Promise.all([
      this.reference.category(dto.category),
      this.reference.area(dto.location.gridCode),
    ]);
    const errors: FieldError[] = [];
    if (!category) errors.push({ field: 'category', message: `unknown category '${dto.category}' (GET /v1/categories lists them)` });
    if (!grid) errors.push({ field: 'location.gridCode', message: `unknown location.gridCode '${dto.location.gridCode}' (GET /v1/areas lists them)` });
    else if (grid.level !== 'grid') errors.push({ field: 'location.gridCode', message: `location.gridCode '${grid.code}' is a ${grid.level}, not a grid` });
    if (errors.length > 0) throw new ValidationProblem(errors);
    return category!;
  }

  /**
   * The case a report did not create: its own from an earlier attempt, or the one its
   * Idempotency-Key created first, if this is the request that came first with the key (cases
   * older than fingerprints count as it).
   */
  private async replay(
    id: string,
    reportedBy: string,
    idempotencyKey: string | null,
    fingerprint: Buffer | null,
  ): Promise<ReportOutcome | typeof KEY_REUSED> {
    const first = await this.dataSource
      .getRepository(CaseEntity)
      .findOneOrFail({ where: idempotencyKey === null ? { id } : [{ id }, { reportedBy, idempotencyKey }] });
    const diversion = first.details.diversion ? { diversion: first.details.diversion } : {};
    const trackingCode = this.tracking.codeOf(first.caseNumber);
    if (first.id === id) return { id, status: first.status, reportedAt: first.reportedAt, trackingCode, replayed: false, ...diversion };
    if (first.requestFingerprint && fingerprint && !first.requestFingerprint.equals(fingerprint)) return KEY_REUSED;
    return { id: first.id, status: first.status, reportedAt: first.reportedAt, trackingCode, replayed: true, ...diversion };
  }
}

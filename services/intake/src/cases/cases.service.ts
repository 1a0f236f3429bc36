import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Counter, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { createEvent, traceFrom } from '@gridwhistle/contracts';
import { OutboxWriter, TransientFailures } from '@gridwhistle/messaging';
import { GroupCommit } from '@gridwhistle/persistence';
import { FieldError, Problem, ValidationProblem } from '@gridwhistle/platform';
import { ReferenceService } from '../reference/reference.service';
import { ReporterCipher } from '../privacy/reporter-cipher';
import { ReportFingerprint } from '../privacy/report-fingerprint';
import { CaseEntity } from './case.entity';
import { CaseStatus } from './case-status';
import { TimelineEntryEntity } from './timeline-entry.entity';
import { ReportCaseDto } from './report-case.dto';
import { addToTimeline, supervisionOf } from './timeline';

export interface ReportOutcome {
  id: string;
  status: CaseStatus;
  reportedAt: Date;
  replayed: boolean;
}

/** What a report whose Idempotency-Key first came with another request gets instead of a case. */
const KEY_REUSED = 'idempotency-key-reused';

interface Report {
  /** Given before the first attempt and kept across retries: a write whose commit did succeed is found, not repeated. */
  id: string;
  dto: ReportCaseDto;
  reportedBy: string;
  idempotencyKey?: string;
  traceparent?: string;
}

/** Reports written in one transaction at most; bounds the statements' size. */
const MAX_REPORTS_PER_WRITE = 200;
/** How long reports wait for a database that is away (a failover) before their calls are answered 503. */
const OUTAGE_PATIENCE_MS = 10_000;

@Injectable()
export class CasesService {
  private readonly reported: Counter;
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
  ) {
    this.reported = new Counter({
      name: 'gridwhistle_cases_reported_total',
      help: 'Cases accepted by intake',
      labelNames: ['channel', 'category'],
      registers: [registry],
    });
  }

  /**
   * Accepts a case. A retried call with the same Idempotency-Key returns the case the first
   * call created instead of creating another (call centres retry on timeouts); the same key
   * with another request is refused, and creates nothing.
   */
  async report(dto: ReportCaseDto, reportedBy: string, idempotencyKey?: string, traceparent?: string): Promise<ReportOutcome> {
    await this.checkCodes(dto);
    const outcome = await this.reports.submit({ id: randomUUID(), dto, reportedBy, idempotencyKey, traceparent });
    if (outcome === KEY_REUSED) {
      throw new Problem(422, KEY_REUSED, 'this Idempotency-Key came first with another report: send a new key for a new report');
    }
    return outcome;
  }

  /**
   * Writes reports that arrived together: the cases, their first timeline entries and their
   * events in one transaction. A report whose Idempotency-Key was used before by the same
   * caller creates nothing and answers with the case the key first created, if it is the same
   * report; a report written again after a commit whose outcome was unknown answers with the
   * case it did create.
   */
  private async write(reports: Report[]): Promise<(ReportOutcome | typeof KEY_REUSED)[]> {
    const cases = reports.map(({ id, dto, reportedBy, idempotencyKey, traceparent }) => ({
      id,
      categoryCode: dto.category,
      gridCode: dto.location.gridCode,
      channel: dto.channel,
      description: dto.description,
      reporter: dto.reporter && (dto.reporter.name || dto.reporter.phone) ? this.cipher.encrypt(dto.reporter) : null,
      reportedBy,
      idempotencyKey: idempotencyKey ?? null,
      requestFingerprint: idempotencyKey === undefined ? null : this.fingerprint.of(dto),
      traceparent: traceFrom(traceparent).traceparent,
    }));
    const created = await this.dataSource.transaction(async (manager) => {
      const inserted: { id: string; reported_at: Date }[] = await manager.query(
        `INSERT INTO intake.cases (id, category_code, grid_code, channel, description, reporter, status, reported_by, idempotency_key, traceparent, request_fingerprint)
         SELECT id, category_code, grid_code, channel, description, reporter, 'reported', reported_by, idempotency_key, traceparent, request_fingerprint
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::text[], $8::text[], $9::text[], $10::bytea[])
           AS r(id, category_code, grid_code, channel, description, reporter, reported_by, idempotency_key, traceparent, request_fingerprint)
         ON CONFLICT DO NOTHING -- an id an earlier attempt did write, or an Idempotency-Key used before
         RETURNING id, reported_at`,
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
        ],
      );
      const reportedAt = new Map(inserted.map((row) => [row.id, row.reported_at]));
      const events = cases
        .filter((c) => reportedAt.has(c.id))
        .map((c) =>
          createEvent(
            'case.reported',
            c.id,
            { categoryCode: c.categoryCode, gridCode: c.gridCode, channel: c.channel, description: c.description, reportedAt: reportedAt.get(c.id)!.toISOString(), integrationCode: c.reportedBy },
            { trace: { traceparent: c.traceparent }, occurredAt: reportedAt.get(c.id) },
          ),
        );
      await addToTimeline(manager, events);
      await this.outbox.add(manager, ...events);
      return reportedAt;
    });
    return Promise.all(
      cases.map(async (c) => {
        const reportedAt = created.get(c.id);
        const outcome = reportedAt
          ? { id: c.id, status: 'reported' as const, reportedAt, replayed: false }
          : await this.replay(c.id, c.reportedBy, c.idempotencyKey, c.requestFingerprint);
        if (outcome !== KEY_REUSED && !outcome.replayed) this.reported.inc({ channel: c.channel, category: c.categoryCode });
        return outcome;
      }),
    );
  }

  async publicView(id: string) {
    const found = await this.dataSource.getRepository(CaseEntity).findOneBy({ id });
    if (!found) throw new NotFoundException(`no case ${id}`);
    const [timeline, category, grid] = await Promise.all([
      this.dataSource.getRepository(TimelineEntryEntity).find({ where: { caseId: id }, order: { occurredAt: 'ASC' } }),
      this.reference.category(found.categoryCode),
      this.reference.area(found.gridCode),
    ]);
    return {
      id: found.id,
      status: found.status,
      category: { code: found.categoryCode, name: category?.name ?? null },
      grid: { code: found.gridCode, name: grid?.name ?? null },
      channel: found.channel,
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

  private async checkCodes(dto: ReportCaseDto): Promise<void> {
    const [category, grid] = await Promise.all([
      this.reference.category(dto.category),
      this.reference.area(dto.location.gridCode),
    ]);
    const errors: FieldError[] = [];
    if (!category) errors.push({ field: 'category', message: `unknown category '${dto.category}' (GET /v1/categories lists them)` });
    if (!grid) errors.push({ field: 'location.gridCode', message: `unknown location.gridCode '${dto.location.gridCode}' (GET /v1/areas lists them)` });
    else if (grid.level !== 'grid') errors.push({ field: 'location.gridCode', message: `location.gridCode '${grid.code}' is a ${grid.level}, not a grid` });
    if (errors.length > 0) throw new ValidationProblem(errors);
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
    if (first.id === id) return { id, status: first.status, reportedAt: first.reportedAt, replayed: false };
    if (first.requestFingerprint && fingerprint && !first.requestFingerprint.equals(fingerprint)) return KEY_REUSED;
    return { id: first.id, status: first.status, reportedAt: first.reportedAt, replayed: true };
  }
}

import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DIVERSIONS, EventType } from '@gridwhistle/contracts';
import { ValidationProblem } from '@gridwhistle/platform';
import { CASE_STATUSES, CaseStatus } from '../cases/case-status';
import { CaseDetails } from '../cases/case-details';
import { ReferenceService } from '../reference/reference.service';
import { CategoryEntity } from '../reference/category.entity';
import { EXTENDED_STATUSES, ExtendedStatus, basicStatus, extendedStatus, statusAfter } from './open311.status';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** GeoReport v2: without dates, requests of the last 90 days; at most 1,000 requests or updates an answer. */
const DEFAULT_REQUEST_DAYS = 90;
const DEFAULT_UPDATE_HOURS = 24;
const MAX_ROWS = 1000;

interface CaseRow {
  id: string;
  category_code: string;
  category_name: string | null;
  channel: string;
  description: string;
  status: CaseStatus;
  details: CaseDetails;
  reported_at: Date;
  updated_at: Date;
  dispatched: Record<string, string> | null;
}

/** What GeoReport v2 shows of cases: services from the categories, requests and their updates from the public view. */
@Injectable()
export class Open311Service {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
  ) {}

  async services() {
    return (await this.reference.listCategories()).map((category) => ({
      service_code: category.code,
      service_name: category.name,
      description: category.name,
      metadata: category.fields.length > 0,
      type: 'realtime',
      keywords: category.requestKind ?? '',
      group: category.requestKind ?? '',
    }));
  }

  async definition(code: string) {
    const category = await this.category(code);
    return {
      service_code: category.code,
      attributes: category.fields.map((field, i) => ({
        variable: true,
        code: field.code,
        datatype: field.datatype,
        required: field.required,
        datatype_description: '',
        order: i + 1,
        description: field.description,
        ...(field.values ? { values: field.values.map(({ key, name }) => ({ key, name })) } : {}),
      })),
    };
  }

  async category(code: string): Promise<CategoryEntity> {
    const category = await this.reference.category(code);
    if (!category) throw new NotFoundException(`no service ${code}`);
    return category;
  }

  async requests(filters: { ids?: string[]; serviceCodes?: string[]; start?: Date; end?: Date; statuses?: string[] }) {
    const where: string[] = [];
    const values: unknown[] = [];
    const bind = (value: unknown) => `$${values.push(value)}`;
    if (filters.ids) {
      const invalid = filters.ids.filter((id) => !UUID.test(id));
      if (invalid.length > 0) throw new ValidationProblem([{ field: 'service_request_id', message: `service_request_id ${invalid.join(', ')} is no request id` }]);
      where.push(`c.id = ANY(${bind(filters.ids)}::uuid[])`);
    } else {
      const end = filters.end ?? new Date();
      const start = filters.start ?? new Date(end.getTime() - DEFAULT_REQUEST_DAYS * 86_400_000);
      where.push(`c.reported_at >= ${bind(start)} AND c.reported_at < ${bind(end)}`);
      if (filters.serviceCodes) where.push(`c.category_code = ANY(${bind(filters.serviceCodes)}::text[])`);
      if (filters.statuses) where.push(this.statusCondition(filters.statuses, bind));
    }
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT c.id, c.category_code, k.name AS category_name, c.channel, c.description, c.status, c.details, c.reported_at, c.updated_at, d.details AS dispatched
       FROM intake.cases c
       LEFT JOIN intake.categories k ON k.code = c.category_code
       LEFT JOIN LATERAL (SELECT details FROM intake.timeline_entries t WHERE t.case_id = c.id AND t.type = 'case.dispatched' ORDER BY t.occurred_at DESC LIMIT 1) d ON true
       WHERE ${where.join(' AND ')} ORDER BY c.reported_at DESC LIMIT ${MAX_ROWS}`,
      values,
    );
    return rows.map((row) => this.request(row));
  }

  private request(row: CaseRow) {
    const extended = extendedStatus(row.status, row.details.diversion?.kind);
    return {
      service_request_id: row.id,
      status: basicStatus(extended),
      extended_status: extended,
      status_notes: row.details.diversion?.answer ?? '',
      service_name: row.category_name ?? '',
      service_code: row.category_code,
      // Descriptions taken by other channels (a call-taker's notes) may name people: only Open311's own are public.
      description: row.channel === 'open311' ? row.description : '',
      agency_responsible: row.dispatched?.department ?? '',
      service_notice: '',
      requested_datetime: row.reported_at.toISOString(),
      updated_datetime: row.updated_at.toISOString(),
      expected_datetime: row.dispatched?.dueAt ?? '',
      address: row.details.address ?? '',
      address_id: '',
      zipcode: '',
      lat: row.details.coordinates?.lat ?? '',
      long: row.details.coordinates?.long ?? '',
      media_url: row.details.mediaUrl ?? '',
    };
  }

  async one(id: string) {
    const [found] = UUID.test(id) ? await this.requests({ ids: [id] }) : [];
    if (!found) throw new NotFoundException(`no service request ${id}`);
    return found;
  }

  /** Every request is created at once, so a token is the request's own id. */
  async token(token: string) {
    const found = await this.one(token).catch(() => undefined);
    if (!found) throw new NotFoundException(`no token ${token}`);
    return { service_request_id: found.service_request_id, token };
  }

  /** Each timeline entry is one update, its update_id the id of the event that made it. */
  async updates(window: { start?: Date; end?: Date }) {
    const end = window.end ?? new Date();
    const start = window.start ?? new Date(end.getTime() - DEFAULT_UPDATE_HOURS * 3_600_000);
    const rows: { event_id: string; case_id: string; type: EventType; occurred_at: Date; details: Record<string, string>; status: CaseStatus; case_details: CaseDetails }[] =
      await this.dataSource.query(
        `SELECT t.event_id, t.case_id, t.type, t.occurred_at, t.details, c.status, c.details AS case_details
         FROM intake.timeline_entries t JOIN intake.cases c ON c.id = t.case_id
         WHERE t.occurred_at >= $1 AND t.occurred_at < $2 ORDER BY t.occurred_at, t.event_id LIMIT ${MAX_ROWS}`,
        [start, end],
      );
    return rows.map((row) => ({
      update_id: row.event_id,
      service_request_id: row.case_id,
      status: statusAfter(row.type, row.details) ?? extendedStatus(row.status, row.case_details.diversion?.kind),
      updated_datetime: row.occurred_at.toISOString(),
      description: row.type === 'case.diverted' ? (row.case_details.diversion?.answer ?? '') : updateNote(row.type, row.details),
      media_url: '',
    }));
  }

  /** Cases in any of the statuses asked for, open/closed or extended. */
  private statusCondition(statuses: string[], bind: (value: unknown) => string): string {
    const unknown = statuses.filter((s) => !(EXTENDED_STATUSES as readonly string[]).includes(s));
    if (unknown.length > 0) throw new ValidationProblem([{ field: 'status', message: `status must be open, closed or one of ${EXTENDED_STATUSES.join(', ')}` }]);
    const wanted = (extended: ExtendedStatus) => statuses.includes(extended) || statuses.includes(basicStatus(extended));
    const caseStatuses = CASE_STATUSES.filter((s) => wanted(extendedStatus(s)));
    const diversions = DIVERSIONS.filter((d) => wanted(extendedStatus('closed', d)));
    return `((c.details->'diversion' IS NULL AND c.status = ANY(${bind(caseStatuses)}::text[])) OR c.details->'diversion'->>'kind' = ANY(${bind(diversions)}::text[]))`;
  }
}

/** What an update says of a step, in the words of the public view. */
function updateNote(type: EventType, details: Record<string, string>): string {
  const step = type.replace(/^case\./, '');
  const said = Object.entries(details).map(([name, value]) => `${name}: ${value}`);
  return said.length > 0 ? `${step} (${said.join(', ')})` : step;
}

import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyAuthenticator, FieldError, Problem, ValidationProblem } from '@gridwhistle/platform';
import { CaseDetails } from '../cases/case-details';
import { CasesService } from '../cases/cases.service';
import { ReferenceService } from '../reference/reference.service';
import { CategoryEntity } from '../reference/category.entity';
import { LocationsService } from '../locations/locations.service';
import { Open311Params, Open311ServiceRequestParams, readParams } from './open311-params.dto';

/** Takes a GeoReport v2 service request as a case of the open311 channel. */
@Injectable()
export class Open311ReportsService {
  constructor(
    @Inject(ApiKeyAuthenticator) private readonly authenticator: ApiKeyAuthenticator,
    private readonly cases: CasesService,
    private readonly reference: ReferenceService,
    private readonly locations: LocationsService,
  ) {}

  async submit(params: Open311Params) {
    // GeoReport v2: a missing or wrong api_key is 403, before anything else is looked at.
    const apiKey = [params.api_key ?? []].flat().pop();
    const caller = apiKey ? await this.authenticator.authenticate(apiKey) : null;
    if (!caller) throw new Problem(403, 'forbidden', 'api_key is missing or unknown');
    const request = readParams(Open311ServiceRequestParams, params);
    const category = await this.reference.category(request.service_code);
    if (!category) throw new ValidationProblem([{ field: 'service_code', message: `service_code '${request.service_code}' is no service (services.json lists them)` }]);
    const attributes = this.attributes(category, params);
    const gridCode = await this.gridOf(request);
    const name = [request.last_name, request.first_name].filter(Boolean).join('');
    const reporter = {
      ...(name ? { name } : {}),
      ...(request.phone ? { phone: request.phone } : {}),
      ...(request.email ? { email: request.email } : {}),
      ...(request.device_id ? { deviceId: request.device_id } : {}),
      ...(request.account_id ? { accountId: request.account_id } : {}),
    };
    const details: CaseDetails = {
      ...(request.lat !== undefined && request.long !== undefined ? { coordinates: { lat: Number(request.lat), long: Number(request.long) } } : {}),
      ...(request.address_string ? { address: request.address_string } : {}),
      ...(request.media_url ? { mediaUrl: request.media_url } : {}),
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    };
    const outcome = await this.cases.report(
      {
        category: category.code,
        description: request.description ?? [category.name, request.address_string].filter(Boolean).join('：'),
        location: { gridCode },
        channel: 'open311',
        ...(Object.keys(reporter).length > 0 ? { reporter } : {}),
      },
      caller.code,
      undefined,
      undefined,
      details,
    );
    return { service_request_id: outcome.id, service_notice: outcome.diversion?.answer ?? '', account_id: '' };
  }

  /** The grid of the coordinates (WGS-84, as GeoReport v2 has it), else of the address; a clear 400 otherwise. */
  private async gridOf(request: Open311ServiceRequestParams): Promise<string> {
    if ((request.lat === undefined) !== (request.long === undefined)) {
      throw new ValidationProblem([{ field: request.lat === undefined ? 'lat' : 'long', message: 'send lat and long together' }]);
    }
    const coordinates = request.lat !== undefined && request.long !== undefined ? { lat: Number(request.lat), long: Number(request.long) } : {};
    const address = request.address_string?.trim();
    if (!address && !('lat' in coordinates)) throw new ValidationProblem([{ field: 'lat', message: 'send lat and long, or an address_string' }]);
    return (await this.locations.place({ ...coordinates, address }, { lat: 'lat', address: 'address_string' })).gridCode;
  }

  /** attribute[code] answers to the category's fields: required ones present, lists from their values; others ignored. */
  private attributes(category: CategoryEntity, params: Open311Params): Record<string, string | string[]> {
    const errors: FieldError[] = [];
    const answers: Record<string, string | string[]> = {};
    for (const field of category.fields) {
      const raw = params[`attribute[${field.code}]`] ?? params[`attribute[${field.code}][]`];
      const given = [raw ?? []].flat().filter((value) => value !== '');
      const at = `attribute[${field.code}]`;
      if (given.length === 0) {
        if (field.required) errors.push({ field: at, message: `${at} is required: ${field.description}` });
        continue;
      }
      const keys = field.values?.map((value) => value.key);
      if (keys && given.some((value) => !keys.includes(value))) errors.push({ field: at, message: `${at} must be one of ${keys.join(', ')}` });
      else if (field.datatype === 'number' && given.some((value) => !Number.isFinite(Number(value)))) errors.push({ field: at, message: `${at} must be a number` });
      else answers[field.code] = field.datatype === 'multivaluelist' ? given : given[given.length - 1];
    }
    if (errors.length > 0) throw new ValidationProblem(errors);
    return answers;
  }
}

import { ApiProperty } from '@nestjs/swagger';
import { FIELD_TYPES } from '@gridwhistle/contracts';
import { EXTENDED_STATUSES, OPEN311_STATUSES } from './open311.status';

/* The documents of GeoReport v2 as its JSON writes them; the XML has the same elements. */

export class Open311ServiceDto {
  @ApiProperty({ description: 'The category code.', example: 'manhole_cover' }) service_code: string;
  @ApiProperty({ description: 'Its name.', example: '井盖缺失' }) service_name: string;
  @ApiProperty({ description: 'What it is about.', example: '井盖缺失' }) description: string;
  @ApiProperty({ description: 'Whether services/{code} lists attributes to answer.', example: true }) metadata: boolean;
  @ApiProperty({ description: 'Always realtime: every request gets its id at once.', example: 'realtime' }) type: string;
  @ApiProperty({ description: 'The kind of request.', example: 'report' }) keywords: string;
  @ApiProperty({ description: 'The kind of request.', example: 'report' }) group: string;
}

export class Open311ValueDto {
  @ApiProperty({ description: 'What to send.', example: 'missing' }) key: string;
  @ApiProperty({ description: 'What it means.', example: '缺失' }) name: string;
}

export class Open311AttributeDto {
  @ApiProperty({ description: 'Always true: the reporter answers it.', example: true }) variable: boolean;
  @ApiProperty({ description: 'Send it as attribute[code].', example: 'cover_state' }) code: string;
  @ApiProperty({ description: 'Its type.', enum: FIELD_TYPES, example: 'singlevaluelist' }) datatype: string;
  @ApiProperty({ description: 'Whether a request must answer it.', example: false }) required: boolean;
  @ApiProperty({ description: 'Empty.', example: '' }) datatype_description: string;
  @ApiProperty({ description: 'Its place in the form.', example: 1 }) order: number;
  @ApiProperty({ description: 'The question.', example: '井盖是缺失还是破损？' }) description: string;
  @ApiProperty({ description: 'For lists: the values to choose from.', type: () => Open311ValueDto, isArray: true, required: false }) values?: Open311ValueDto[];
}

export class Open311ServiceDefinitionDto {
  @ApiProperty({ description: 'The category code.', example: 'manhole_cover' }) service_code: string;
  @ApiProperty({ description: 'The category\u2019s fields.', type: () => Open311AttributeDto, isArray: true }) attributes: Open311AttributeDto[];
}

export class Open311ReceiptDto {
  @ApiProperty({ description: 'The new request\u2019s id (the case id; /v1/cases/{id} shows it too).', example: 'c56a4180-65aa-42ec-a945-5fd21dec0538' }) service_request_id: string;
  @ApiProperty({ description: 'Intake\u2019s answer when it answered the request itself (an emergency number, a consultation\u2019s answer, where to go); else empty.', example: '' }) service_notice: string;
  @ApiProperty({ description: 'Empty: accounts are the client\u2019s.', example: '' }) account_id: string;
}

export class Open311TokenDto {
  @ApiProperty({ description: 'The request\u2019s id.', example: 'c56a4180-65aa-42ec-a945-5fd21dec0538' }) service_request_id: string;
  @ApiProperty({ description: 'The token asked for (the request\u2019s id: requests are created at once).', example: 'c56a4180-65aa-42ec-a945-5fd21dec0538' }) token: string;
}

export class Open311ServiceRequestDto {
  @ApiProperty({ description: 'The request\u2019s id.', example: 'c56a4180-65aa-42ec-a945-5fd21dec0538' }) service_request_id: string;
  @ApiProperty({ description: 'open or closed.', enum: OPEN311_STATUSES, example: 'open' }) status: string;
  @ApiProperty({ description: 'The extended status FixMyStreet and others know.', enum: EXTENDED_STATUSES, example: 'action_scheduled' }) extended_status: string;
  @ApiProperty({ description: 'Intake\u2019s answer, when it answered the request itself.', example: '' }) status_notes: string;
  @ApiProperty({ description: 'The category\u2019s name.', example: '井盖缺失' }) service_name: string;
  @ApiProperty({ description: 'The category code.', example: 'manhole_cover' }) service_code: string;
  @ApiProperty({ description: 'The description, for requests that came through Open311; empty for other channels.', example: '滨湖路3号门口井盖缺失' }) description: string;
  @ApiProperty({ description: 'The department the case was dispatched to.', example: '区城市管理局' }) agency_responsible: string;
  @ApiProperty({ description: 'Empty.', example: '' }) service_notice: string;
  @ApiProperty({ description: 'When it was reported.', example: '2026-11-22T08:15:30.123Z' }) requested_datetime: string;
  @ApiProperty({ description: 'When its status last changed.', example: '2026-11-22T08:15:30.456Z' }) updated_datetime: string;
  @ApiProperty({ description: 'By when the department is to resolve it.', example: '2026-11-22T10:15:30.456Z' }) expected_datetime: string;
  @ApiProperty({ description: 'The address given.', example: '滨湖路3号' }) address: string;
  @ApiProperty({ description: 'Empty.', example: '' }) address_id: string;
  @ApiProperty({ description: 'Empty.', example: '' }) zipcode: string;
  @ApiProperty({ description: 'Latitude given, or empty.', example: 31.155 }) lat: number | string;
  @ApiProperty({ description: 'Longitude given, or empty.', example: 108.381 }) long: number | string;
  @ApiProperty({ description: 'The photo given.', example: 'https://example.org/photo.jpg' }) media_url: string;
}

export class Open311UpdateDto {
  @ApiProperty({ description: 'Stable: the id of the timeline entry.', example: '9b2f3d4e-1c2b-4a5d-8e7f-0a1b2c3d4e5f' }) update_id: string;
  @ApiProperty({ description: 'The request it updates.', example: 'c56a4180-65aa-42ec-a945-5fd21dec0538' }) service_request_id: string;
  @ApiProperty({ description: 'The status it put the request in.', enum: EXTENDED_STATUSES, example: 'action_scheduled' }) status: string;
  @ApiProperty({ description: 'When.', example: '2026-11-22T08:15:30.456Z' }) updated_datetime: string;
  @ApiProperty({ description: 'What happened.', example: 'dispatched (department: 区城市管理局)' }) description: string;
  @ApiProperty({ description: 'Empty.', example: '' }) media_url: string;
}

export class Open311EndpointDto {
  @ApiProperty({ description: 'The specification.', example: 'http://wiki.open311.org/GeoReport_v2' }) specification: string;
  @ApiProperty({ description: 'Its base URL.', example: 'http://127.0.0.1:3001/open311/v2' }) url: string;
  @ApiProperty({ description: 'When it last changed.', example: '2026-11-22T00:00:00Z' }) changeset: string;
  @ApiProperty({ description: 'production.', example: 'production' }) type: string;
  @ApiProperty({ description: 'The formats served.', example: ['text/xml', 'application/json'], type: 'string', isArray: true }) formats: string[];
}

export class Open311DiscoveryDto {
  @ApiProperty({ description: 'When it last changed.', example: '2026-11-22T00:00:00Z' }) changeset: string;
  @ApiProperty({ description: 'Whom to ask.', example: 'GridWhistle intake operators' }) contact: string;
  @ApiProperty({ description: 'How to get a key.', example: 'Ask the operators for an integration API key.' }) key_service: string;
  @ApiProperty({ description: 'The endpoints.', type: () => Open311EndpointDto, isArray: true }) endpoints: Open311EndpointDto[];
}

export class Open311ErrorDto {
  @ApiProperty({ description: 'The HTTP status.', example: 400 }) code: number;
  @ApiProperty({ description: 'What is wrong.', example: 'service_code must be a service code from services.json' }) description: string;
}

import { readFileSync } from 'node:fs';
import { plainToInstance, Type } from 'class-transformer';
import { IsArray, IsInt, IsLatitude, IsLongitude, IsOptional, IsString, Matches, Min, ValidateNested, validateSync } from 'class-validator';
import { CODE_PATTERN } from '@gridwhistle/contracts';

export class GazetteerAddress {
  @IsString() @Matches(/\S/) street: string;
  @Matches(/^[0-9]+(-[0-9]+)?$/, { message: 'number must be a house number (digits, or digits-digits)' }) number: string;
  /** A compound's building (栋) where its buildings lie in different grids. */
  @IsOptional() @Matches(/^[0-9]+$/) building?: string;
  @Matches(CODE_PATTERN) gridCode: string;
  @IsLatitude() lat: number;
  @IsLongitude() long: number;
}

export class GazetteerDocument {
  @Matches(CODE_PATTERN) city: string;
  @IsInt() @Min(1) version: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => GazetteerAddress) addresses: GazetteerAddress[];
}

export type AddressMatch =
  | { address: GazetteerAddress }
  | { ambiguous: GazetteerAddress[] }
  | { unknown: { street?: string; known: GazetteerAddress[] } };

/**
 * The city's addresses (street, number, building) and the grid each lies in, as data: a file
 * validated when it is read, so a broken one stops intake from starting rather than misplacing
 * cases.
 */
export class Gazetteer {
  constructor(readonly document: GazetteerDocument) {}

  static read(file: string): Gazetteer {
    const document = plainToInstance(GazetteerDocument, JSON.parse(readFileSync(file, 'utf8')) as object);
    const errors = validateSync(document, { whitelist: true });
    if (errors.length > 0) throw new Error(`gazetteer ${file} is not valid: ${errors.map((e) => e.toString()).join('; ')}`);
    return new Gazetteer(document);
  }

  /**
   * An address as people write it, tolerant of spaces, full-width digits and the city's own
   * name before it: the entries its street and number name, narrowed to its building if it
   * names one. Several grids left: ambiguous; none: unknown, with the street's known numbers.
   */
  match(written: string): AddressMatch {
    const text = normalise(written);
    const onStreet = this.document.addresses.filter((a) => text.includes(normalise(a.street)));
    const atNumber = onStreet.filter((a) => text.includes(`${normalise(a.street)}${a.number}号`));
    if (atNumber.length === 0) {
      const street = onStreet.map((a) => a.street).sort((a, b) => b.length - a.length)[0];
      return { unknown: { street, known: onStreet.slice(0, 10) } };
    }
    const { street, number } = atNumber[0];
    const after = text.slice(text.indexOf(`${normalise(street)}${number}号`) + normalise(street).length + number.length + 1);
    const building = /([0-9]+)(?:栋|幢|号楼)/.exec(after)?.[1];
    const inBuilding = building ? atNumber.filter((a) => a.building === building) : [];
    const candidates = inBuilding.length > 0 ? inBuilding : atNumber;
    const grids = new Set(candidates.map((a) => a.gridCode));
    return grids.size === 1 ? { address: candidates[0] } : { ambiguous: candidates };
  }
}

/** Full-width digits and letters to ASCII (NFKC), no whitespace, without the city's own prefix. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^(中国)?(重庆市?)?(开州区)?/, '');
}

/** How an entry reads to a person: 滨湖路60号6栋. */
export function written(address: GazetteerAddress): string {
  return `${address.street}${address.number}号${address.building ? `${address.building}栋` : ''}`;
}

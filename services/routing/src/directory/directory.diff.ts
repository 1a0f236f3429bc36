import { AreaDocument, DirectoryDocument } from './directory.document';

/** One field of an item that differs: its value before and after (a polygon is only named, not shown). */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** What differs in one part of the directory whose items have codes (areas, units, …). */
export interface PartDiff {
  added: string[];
  removed: string[];
  changed: { code: string; fields: FieldChange[] }[];
}

/** What differs in one responsibility list: the category codes put on it and taken off. */
export interface ListDiff {
  added: string[];
  removed: string[];
}

/** Two directory versions compared part by part, each item by its code (catalogue entries by id). */
export interface DirectoryDiff {
  from: number;
  to: number;
  /** Whether anything but the version number differs. */
  changed: boolean;
  areas: PartDiff;
  units: PartDiff;
  categories: PartDiff;
  catalogue: PartDiff;
  deadlinePolicies: PartDiff;
  lists: { communityHandles: ListDiff; communityAssists: ListDiff; negative: ListDiff };
  /** Top-level fields that differ besides the parts (city, language). */
  fields: FieldChange[];
}

type Item = Record<string, unknown>;
/** Fields whose values are too large to show in a diff: they are named as changed only. */
const SHOWN_BY_NAME = new Set(['geometry']);

/**
 * Compares two directory documents (already validated) in the terms an operator reads them:
 * which areas, units, categories, catalogue entries and deadline policies were added, removed
 * or changed (and in which fields), and which codes entered or left each responsibility list.
 */
export function diffDirectories(from: DirectoryDocument, to: DirectoryDocument): DirectoryDiff {
  const lists = {
    communityHandles: diffList(from.responsibilities.communityHandles, to.responsibilities.communityHandles),
    communityAssists: diffList(from.responsibilities.communityAssists, to.responsibilities.communityAssists),
    negative: diffList(from.responsibilities.negative, to.responsibilities.negative),
  };
  const parts = {
    areas: diffPart(flatAreas(from.areas), flatAreas(to.areas), 'code'),
    units: diffPart(from.units, to.units, 'code'),
    categories: diffPart(from.categories, to.categories, 'code'),
    catalogue: diffPart(from.catalogue, to.catalogue, 'id'),
    deadlinePolicies: diffPart(from.deadlinePolicies, to.deadlinePolicies, 'code'),
  };
  const fields = (['city', 'language'] as const).filter((f) => from[f] !== to[f]).map((field) => ({ field, before: from[field], after: to[field] }));
  const changed =
    fields.length > 0 ||
    Object.values(parts).some((p) => p.added.length + p.removed.length + p.changed.length > 0) ||
    Object.values(lists).some((l) => l.added.length + l.removed.length > 0);
  return { from: from.version, to: to.version, changed, ...parts, lists, fields };
}

/** Areas flattened, each with its parent instead of its children, so that a move shows as a changed parent. */
function flatAreas(root: AreaDocument, parentCode: string | null = null): Item[] {
  const { children, ...area } = root;
  return [{ ...area, parentCode }, ...(children ?? []).flatMap((child) => flatAreas(child, root.code))];
}

function diffPart<T extends object>(before: T[], after: T[], key: keyof T & string): PartDiff {
  const old = new Map(before.map((item) => [String(item[key]), item as Item]));
  const now = new Map(after.map((item) => [String(item[key]), item as Item]));
  const changed = [...now.entries()]
    .filter(([code]) => old.has(code))
    .map(([code, item]) => ({ code, fields: diffFields(old.get(code)!, item) }))
    .filter((entry) => entry.fields.length > 0);
  return {
    added: [...now.keys()].filter((code) => !old.has(code)),
    removed: [...old.keys()].filter((code) => !now.has(code)),
    changed,
  };
}

function diffFields(before: Item, after: Item): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => canonical(before[field]) !== canonical(after[field]))
    .map((field) => (SHOWN_BY_NAME.has(field) ? { field } : { field, before: before[field], after: after[field] }));
}

function diffList(before: readonly string[], after: readonly string[]): ListDiff {
  return { added: after.filter((code) => !before.includes(code)), removed: before.filter((code) => !after.includes(code)) };
}

/** JSON with object keys sorted, so that key order never counts as a change; absent and undefined are alike. */
function canonical(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

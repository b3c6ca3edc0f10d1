import { readFileSync } from 'node:fs';
import type { EntityKind } from '../model/entities.js';
import { modelSchemaPath } from '../package-files.js';
import type { PathSegment } from './field-path.js';

/** A node of schema/model.schema.json, as far as the field checker reads it. */
interface SchemaNode {
  $ref?: string;
  anyOf?: SchemaNode[];
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  description?: string;
  title?: string;
  tsType?: string;
}

interface ModelSchemaDocument {
  $defs: Record<string, SchemaNode>;
}

/**
 * The possible shapes of a value at a field path: the schema nodes of a union's branches, references resolved.
 * An unknown marker is not a shape (any field may be unknown); `open` means anything below is allowed (`raw`).
 */
export interface FieldType {
  nodes: SchemaNode[];
  open: boolean;
  /** The value may be an Unknown. */
  unknown: boolean;
  /** The entity kind when the value is one (a linked entity). */
  entity?: EntityKind;
}

/** The type at the end of a path, and whether any step on the way may be unknown (so the value may be). */
export type WalkResult = { type: FieldType; mayBeUnknown: boolean } | { problem: string };

const UNKNOWN_DEF = '#/$defs/unknownValue';
const ENTITY_DEFS: Record<string, EntityKind> = {
  '#/$defs/cluster': 'cluster',
  '#/$defs/managedIdentity': 'managedIdentity',
  '#/$defs/roleAssignment': 'roleAssignment',
  '#/$defs/roleDefinition': 'roleDefinition',
  '#/$defs/federatedCredential': 'federatedCredential',
  '#/$defs/registry': 'registry',
};

/**
 * The model's JSON Schema (schema/model.schema.json), the single source of the fields a policy may address. Every
 * field path of a policy is walked through it when the policy loads, so a misspelt field is an error with the
 * nearest valid names, not a condition that silently never matches.
 */
export class ModelSchema {
  private static loaded: ModelSchema | undefined;

  private constructor(private readonly document: ModelSchemaDocument) {}

  static get(): ModelSchema {
    ModelSchema.loaded ??= new ModelSchema(
      JSON.parse(readFileSync(modelSchemaPath(), 'utf8')) as ModelSchemaDocument,
    );
    return ModelSchema.loaded;
  }

  entity(kind: EntityKind): FieldType {
    return this.typeOf({ $ref: `#/$defs/${kind}` });
  }

  /** Walks a path's segments from a type; a segment the type does not have is a problem naming the nearest ones. */
  walk(start: FieldType, segments: readonly PathSegment[], shown: string): WalkResult {
    let type = start;
    let walked = '';
    let mayBeUnknown = start.unknown;
    for (const segment of segments) {
      if (type.open) return { type, mayBeUnknown: true };
      if ('name' in segment) {
        const next = this.property(type, segment.name);
        if (next === undefined) return { problem: this.unknownProperty(type, segment.name, walked, shown) };
        type = next;
        walked = walked === '' ? segment.name : `${walked}.${segment.name}`;
      } else {
        const items = type.nodes.flatMap((n) => (n.items === undefined ? [] : [n.items]));
        if (items.length === 0) {
          return {
            problem: `'${walked}' in '${shown}' is not a list, so it takes no ${'index' in segment ? `[${segment.index}]` : '[*]'}`,
          };
        }
        type = this.typeOf(...items);
        walked += 'index' in segment ? `[${segment.index}]` : '[*]';
      }
      mayBeUnknown ||= type.unknown;
    }
    return { type, mayBeUnknown };
  }

  /** The element type a count iterates: a list's items, or the type itself when the path already ends in [*]. */
  elementOf(type: FieldType, endsWithWildcard: boolean): FieldType | undefined {
    if (endsWithWildcard || type.open) return type;
    const items = type.nodes.flatMap((n) => (n.items === undefined ? [] : [n.items]));
    return items.length === 0 ? undefined : this.typeOf(...items);
  }

  /** Every field of an entity kind, for `explain` and docs/model-fields.md: nested objects flattened, linked entities named. */
  fields(kind: EntityKind): { path: string; type: string; description: string }[] {
    const rows: { path: string; type: string; description: string }[] = [];
    const visit = (type: FieldType, prefix: string, depth: number): void => {
      for (const [name, node] of this.propertiesOf(type)) {
        const path = prefix === '' ? name : `${prefix}.${name}`;
        const child = this.typeOf(node);
        rows.push({ path, type: this.describeType(child), description: node.description ?? '' });
        const nested = this.nestedObject(child);
        if (nested !== undefined && child.entity === undefined && depth < 6) {
          visit(nested.type, `${path}${nested.suffix}`, depth + 1);
        }
      }
    };
    visit(this.entity(kind), '', 0);
    return rows;
  }

  /** How a type reads in documentation: "string or unknown", "list of registry", "cluster". */
  describeType(type: FieldType): string {
    if (type.entity !== undefined) return type.entity;
    if (type.open) return 'any (the input as written)';
    const parts = type.nodes.map((n) => this.describeNode(n));
    const unknown = type.unknown ? ' or unknown' : '';
    return `${[...new Set(parts)].join(' or ')}${unknown}`;
  }

  private describeNode(node: SchemaNode): string {
    if (node.const !== undefined) return `'${JSON.stringify(node.const).replace(/^"|"$/g, '')}'`;
    if (node.enum !== undefined)
      return `one of ${node.enum.map((e) => `'${JSON.stringify(e).replace(/^"|"$/g, '')}'`).join(', ')}`;
    if (node.type === 'array' && node.items !== undefined) {
      const items = this.describeType(this.typeOf(node.items));
      return `list of ${items.includes(' or ') ? `(${items})` : items}`;
    }
    if (node.type === 'object') return typeof node.additionalProperties === 'object' ? 'map' : 'object';
    return Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any');
  }

  private nestedObject(type: FieldType): { type: FieldType; suffix: string } | undefined {
    if (type.nodes.some((n) => n.properties !== undefined)) return { type, suffix: '' };
    const items = type.nodes.flatMap((n) => (n.items === undefined ? [] : [n.items]));
    if (items.length === 0) return undefined;
    const itemType = this.typeOf(...items);
    if (itemType.entity !== undefined || !itemType.nodes.some((n) => n.properties !== undefined))
      return undefined;
    return { type: itemType, suffix: '[*]' };
  }

  private property(type: FieldType, name: string): FieldType | undefined {
    const found: SchemaNode[] = [];
    for (const node of type.nodes) {
      const own = node.properties?.[name];
      if (own !== undefined) found.push(own);
      else if (typeof node.additionalProperties === 'object') found.push(node.additionalProperties);
    }
    return found.length === 0 ? undefined : this.typeOf(...found);
  }

  private propertiesOf(type: FieldType): [string, SchemaNode][] {
    const seen = new Map<string, SchemaNode>();
    for (const node of type.nodes) {
      for (const [name, child] of Object.entries(node.properties ?? {}))
        if (!seen.has(name)) seen.set(name, child);
    }
    return [...seen.entries()];
  }

  private unknownProperty(type: FieldType, name: string, walked: string, shown: string): string {
    const names = this.propertiesOf(type).map(([n]) => n);
    const where = walked === '' ? (type.entity ?? 'the element') : `'${walked}'`;
    const isList = type.nodes.some((n) => n.type === 'array');
    if (names.length === 0) {
      return isList
        ? `'${walked}' in '${shown}' is a list: address its elements with '${walked}[*].${name}'`
        : `'${shown}': ${where} has no fields, so no '${name}'`;
    }
    const near = nearest(name, names);
    const hint = near.length > 0 ? `; did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : '';
    return `unknown field '${name}' in '${shown}': ${where} has no such field${hint}`;
  }

  /** The shapes behind schema nodes: references followed, unions flattened, the unknown marker noted. */
  private typeOf(...nodes: SchemaNode[]): FieldType {
    const result: FieldType = { nodes: [], open: false, unknown: false };
    const add = (node: SchemaNode, depth: number): void => {
      if (depth > 32) return;
      if (node.$ref !== undefined) {
        if (node.$ref === UNKNOWN_DEF) {
          result.unknown = true;
          return;
        }
        const entity = ENTITY_DEFS[node.$ref];
        if (entity !== undefined) result.entity = entity;
        const target = this.document.$defs[node.$ref.replace('#/$defs/', '')];
        if (target !== undefined) add(target, depth + 1);
        return;
      }
      if (node.anyOf !== undefined) {
        for (const branch of node.anyOf) add(branch, depth + 1);
        return;
      }
      if (node.tsType === 'unknown' && node.type === undefined) {
        result.open = true;
        return;
      }
      result.nodes.push(node);
    };
    for (const node of nodes) add(node, 0);
    return result;
  }
}

/** Up to three names closest to a misspelt one (edit distance, case-insensitive), closest first. */
export function nearest(name: string, candidates: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const scored = candidates
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter(({ c, d }) => d <= Math.max(2, Math.floor(Math.max(c.length, name.length) / 4)))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  return scored.slice(0, 3).map(({ c }) => c);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

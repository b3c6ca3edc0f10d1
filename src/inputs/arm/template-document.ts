import { InputError, jsonPointer } from '../input-error.js';
import { isObject, type JsonObject } from '../json-value.js';
import type { SourceLocator } from './source-locator.js';

/** A resource as the template declares it, with where it is. */
export interface Declaration {
  raw: JsonObject;
  /** Its `type` as written: for a resource nested in another, relative to the parent's. */
  type: string;
  /** JSON pointer of the resource object in the input file. */
  pointer: string;
  /** Its symbolic name, in a template with symbolic names (languageVersion 2.0). */
  symbolicName?: string;
  /** The resource it is nested in (`resources` inside a resource): its type and name are relative to that one. */
  parent?: Declaration;
}

/** The sections of one template (the input's, or a nested deployment's), checked for shape. */
export interface TemplateSections {
  /** JSON pointer of the template object in the input file ('' for the file's root). */
  pointer: string;
  schema: string | undefined;
  /** languageVersion 2.0: resources keyed by symbolic name, `existing` resources. */
  symbolic: boolean;
  parameters: Record<string, JsonObject>;
  variables: Record<string, unknown>;
  functions: unknown;
  resources: Declaration[];
  /** Child resources by the pointer of the resource they are nested in. */
  children: Map<string, Declaration[]>;
  outputs: Record<string, unknown>;
}

export interface DocumentContext {
  file: string;
  locator: SourceLocator;
}

/** One line naming the file, the JSON pointer and its line, as every input error does. */
export function templateError(context: DocumentContext, pointer: string, detail: string): InputError {
  const position = context.locator.position(pointer);
  return new InputError(
    position === undefined ? { file: context.file, pointer } : { file: context.file, pointer, ...position },
    detail,
  );
}

/**
 * Reads the sections of a template and checks the shapes the adapter relies on; anything malformed is an
 * InputError at its place. Values inside resources are checked later, by evaluation.
 */
export function readTemplate(value: unknown, pointer: string, context: DocumentContext): TemplateSections {
  if (!isObject(value)) {
    throw templateError(context, pointer, `expected an ARM template (a JSON object), got ${describe(value)}`);
  }
  const section = (name: string): JsonObject => {
    const found = member(value, name);
    if (found === undefined || found === null) return {};
    if (!isObject(found)) {
      throw templateError(
        context,
        `${pointer}/${name}`,
        `'${name}' must be an object, got ${describe(found)}`,
      );
    }
    return found;
  };
  const parameters: Record<string, JsonObject> = {};
  for (const [name, declaration] of Object.entries(section('parameters'))) {
    if (!isObject(declaration)) {
      throw templateError(
        context,
        `${pointer}/parameters${jsonPointer([name])}`,
        `parameter '${name}' must be an object with a type, got ${describe(declaration)}`,
      );
    }
    parameters[name] = declaration;
  }
  const rawResources = member(value, 'resources');
  const languageVersion = member(value, 'languageVersion');
  const symbolic =
    (typeof languageVersion === 'string' && languageVersion.startsWith('2')) || isObject(rawResources);
  const children = new Map<string, Declaration[]>();
  const resources = readResources(
    rawResources,
    `${pointer}/resources`,
    symbolic,
    undefined,
    children,
    context,
  );
  const schema = member(value, '$schema');
  return {
    pointer,
    schema: typeof schema === 'string' ? schema : undefined,
    symbolic,
    parameters,
    variables: section('variables'),
    functions: member(value, 'functions'),
    resources,
    children,
    outputs: section('outputs'),
  };
}

function readResources(
  raw: unknown,
  pointer: string,
  symbolic: boolean,
  parent: Declaration | undefined,
  children: Map<string, Declaration[]>,
  context: DocumentContext,
): Declaration[] {
  if (raw === undefined || raw === null) return [];
  let entries: [string, unknown, string | undefined][];
  if (Array.isArray(raw)) entries = raw.map((r, i) => [`${pointer}/${i}`, r, undefined]);
  else if (isObject(raw) && symbolic && parent === undefined) {
    entries = Object.entries(raw).map(([name, r]) => [`${pointer}${jsonPointer([name])}`, r, name]);
  } else {
    throw templateError(
      context,
      pointer,
      `'resources' must be an array${symbolic ? ' or an object of symbolic names' : ''}, got ${describe(raw)}`,
    );
  }
  const declarations: Declaration[] = [];
  for (const [at, resource, symbolicName] of entries) {
    if (!isObject(resource)) {
      throw templateError(context, at, `a resource must be an object, got ${describe(resource)}`);
    }
    const type = member(resource, 'type');
    if (typeof type !== 'string' || type === '') {
      throw templateError(context, at, "a resource must have a 'type' string");
    }
    const declaration: Declaration = { raw: resource, type, pointer: at };
    if (symbolicName !== undefined) declaration.symbolicName = symbolicName;
    if (parent !== undefined) declaration.parent = parent;
    declarations.push(declaration);
    const nested = member(resource, 'resources');
    if (nested !== undefined && nested !== null) {
      children.set(at, readResources(nested, `${at}/resources`, false, declaration, children, context));
    }
  }
  return declarations;
}

/** A member of a template object: ARM reads template keys case-insensitively, as it reads property names. */
export function member(object: JsonObject, key: string): unknown {
  if (Object.hasOwn(object, key)) return object[key];
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : object[found];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

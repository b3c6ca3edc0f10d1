import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { SourceLocation } from '../../model/entities.js';
import { displayPath } from '../display-path.js';
import {
  findBicepDeclarations,
  type BicepDeclarations,
  type BicepModule,
  type BicepResource,
  type BicepToken,
} from './bicep-lexer.js';
import { ExpressionError, parseTemplateString, type ExpressionNode } from './expressions/index.js';
import { member, type TemplateSections } from './template-document.js';
import type { Instance } from './template-run.js';

/**
 * Where the resources of a template compiled from Bicep are declared in the .bicep source: the `resource` (or
 * `module`) declaration's lines, in the entry file or in the local module file it comes from.
 *
 * A resource is described by its place in the compiled template (see ResourcePath): its template's resources as
 * written, its index among them, and the same for each nested deployment (module) that encloses it, from the root.
 * `locate(instance)` describes an adapter Instance that way (through `TemplateRun.deployment`); `locatePath` takes
 * the description itself.
 *
 * Matching a compiled resource to its declaration, in each template:
 * - In a template with symbolic names (languageVersion 2.0), by symbolic name: Bicep writes a resource under its
 *   own symbolic name, a nested one as `parent::child`, a module under the module's name.
 * - Otherwise, by type (case-insensitive, API version aside): the compiled resources of that type against the
 *   declarations of that type that Bicep emits (not `existing` ones; for `Microsoft.Resources/deployments`, the
 *   modules too). One of each: that one. Several: first by name, then by order (see `pair` for why both are sound
 *   for Bicep's output). A copy loop is one compiled resource, so its iterations all map to the loop's declaration.
 * When no declaration can be told apart, the answer is a note saying why, never a guess.
 *
 * One map serves one compiled template: pairings are kept by template (its JSON pointer) and file. Each file is read
 * and lexed once, however many resources are located in it.
 */

/** A resource of a compiled template, as the template writes it. */
export interface TemplateResource {
  /** Its type as written (a top-level resource's is its full type). */
  type: string;
  /** Its `name` as written: an expression (`[parameters('x')]`), a literal, or absent. */
  name?: unknown;
  /** Its key, in a template with symbolic names. */
  symbolicName?: string;
  existing?: boolean;
  /** It has a `copy` loop. */
  loop?: boolean;
  /** It has a `condition`. */
  condition?: boolean;
}

/** The resources of one compiled template (the input's, or a nested deployment's), in the template's order. */
export interface TemplateResources {
  /** Tells templates of one compiled document apart (its JSON pointer): pairings are kept by it. */
  key: string;
  /** Resources keyed by symbolic name (languageVersion 2.0). */
  symbolic: boolean;
  resources: readonly TemplateResource[];
}

/** A resource of a template, by its index among the template's resources. */
export interface TemplateFrame {
  template: TemplateResources;
  index: number;
}

/** Where a resource sits in a compiled template. */
export interface ResourcePath {
  /** The nested deployments (Bicep modules) that enclose it, outermost first, each in the template declaring it. */
  deployments: readonly TemplateFrame[];
  resource: TemplateFrame;
}

export type BicepLocation = { location: SourceLocation } | { note: string };

export interface BicepSourceOptions {
  /** Absolute path of the .bicep file the template was compiled from. */
  entry: string;
  /** Absolute path that reported file names are relative to. */
  repoRoot: string;
  /** Reads a file as text (default: from disk, UTF-8). */
  readFile?: (path: string) => Promise<string>;
}

const DEPLOYMENTS = 'microsoft.resources/deployments';

type Declared = BicepResource | BicepModule;

/** A .bicep file, lexed once, with what matching needs computed on first use. */
interface BicepFile {
  path: string;
  display: string;
  declarations: BicepDeclarations;
  /** Declarations in the order Bicep emits them (see `emissionOrder`). */
  order: Declared[];
  /** Name keys by declaration (see `declarationKey`). */
  keys: Map<Declared, string | undefined>;
  /** Pairings by template key and type. */
  pairings: Map<string, Map<number, Declared | string>>;
}

export class BicepSourceMap {
  private readonly files = new Map<string, Promise<BicepFile | { note: string }>>();
  private readonly read: (path: string) => Promise<string>;

  constructor(private readonly options: BicepSourceOptions) {
    this.read = options.readFile ?? ((path) => readFile(path, 'utf8'));
  }

  /** The declaration of an instance of the compiled template, or why there is none to point at. */
  async locate(instance: Instance): Promise<BicepLocation> {
    const path = describeInstance(instance);
    return 'note' in path ? path : this.locatePath(path);
  }

  /** The declaration of a resource described by its place in the compiled template. */
  async locatePath(path: ResourcePath): Promise<BicepLocation> {
    let file = resolve(this.options.entry);
    for (const frame of path.deployments) {
      const bicep = await this.file(file);
      if ('note' in bicep) return bicep;
      const found = this.match(frame, bicep);
      if (typeof found === 'string') return { note: found };
      if (found.kind === 'resource') {
        return {
          note:
            `its nested deployment is the resource '${found.symbolicName}' at ${bicep.display}:${found.line}, ` +
            'not a module: its inline template has no .bicep declarations',
        };
      }
      const next = moduleFile(found, bicep);
      if ('note' in next) return next;
      file = next.path;
    }
    const bicep = await this.file(file);
    if ('note' in bicep) return bicep;
    const found = this.match(path.resource, bicep);
    if (typeof found === 'string') return { note: found };
    return { location: { file: bicep.display, line: found.line, endLine: found.endLine } };
  }

  private file(path: string): Promise<BicepFile | { note: string }> {
    let pending = this.files.get(path);
    if (pending === undefined) {
      const display = displayPath(this.options.repoRoot, path);
      pending = this.read(path).then(
        (text): BicepFile => {
          const declarations = findBicepDeclarations(text);
          return {
            path,
            display,
            declarations,
            order: emissionOrder(declarations),
            keys: new Map(),
            pairings: new Map(),
          };
        },
        (error: unknown) => ({ note: `cannot read ${display}: ${readError(error)}` }),
      );
      this.files.set(path, pending);
    }
    return pending;
  }

  /** The declaration of one resource of a template, in the file the template was compiled from; a note if none. */
  private match(frame: TemplateFrame, bicep: BicepFile): Declared | string {
    const resource = frame.template.resources[frame.index];
    if (resource === undefined) return `resource ${frame.index} is not in its template`;
    if (frame.template.symbolic && resource.symbolicName !== undefined) {
      return bySymbolicName(resource, bicep);
    }
    const type = resource.type.toLowerCase();
    const pairingKey = `${frame.template.key}\u0000${type}`;
    let pairing = bicep.pairings.get(pairingKey);
    if (pairing === undefined) {
      pairing = pair(frame.template, type, bicep);
      bicep.pairings.set(pairingKey, pairing);
    }
    return pairing.get(frame.index) ?? `resource ${frame.index} is not in its template`;
  }
}

/**
 * An Instance as its place in the compiled template: its template's resources and its index there, and the same
 * for each nested deployment that encloses it (through `TemplateRun.deployment`), outermost first.
 */
export function describeInstance(instance: Instance): ResourcePath | { note: string } {
  const resource = frameOf(instance);
  if ('note' in resource) return resource;
  const deployments: TemplateFrame[] = [];
  for (let run = instance.run; run.deployment !== undefined; run = run.deployment.run) {
    const frame = frameOf(run.deployment);
    if ('note' in frame) return frame;
    deployments.unshift(frame);
  }
  return { deployments, resource };
}

const described = new WeakMap<TemplateSections, TemplateResources>();

function frameOf(instance: Instance): TemplateFrame | { note: string } {
  const sections = instance.run.template;
  const index = sections.resources.indexOf(instance.declaration);
  if (index === -1) {
    return {
      note:
        "it is declared inside another resource's `resources` in the template, which `bicep build` never " +
        'writes: the template was not compiled from the .bicep file',
    };
  }
  let template = described.get(sections);
  if (template === undefined) {
    template = {
      key: sections.pointer,
      symbolic: sections.symbolic,
      resources: sections.resources.map((declaration) => {
        const raw = declaration.raw;
        const copy = member(raw, 'copy');
        const entry: TemplateResource = {
          type: declaration.type,
          name: member(raw, 'name'),
          existing: member(raw, 'existing') === true,
          loop: copy !== undefined && copy !== null,
          condition: member(raw, 'condition') !== undefined,
        };
        if (declaration.symbolicName !== undefined) entry.symbolicName = declaration.symbolicName;
        return entry;
      }),
    };
    described.set(sections, template);
  }
  return { template, index };
}

/** The file a local module comes from; a note for a registry or template-spec module, or an ARM template. */
function moduleFile(module: BicepModule, bicep: BicepFile): { path: string } | { note: string } {
  const source = module.source;
  if (/^br[:/]/i.test(source)) {
    return { note: `module '${module.symbolicName}' comes from the registry ${source}, not followed` };
  }
  if (/^ts[:/]/i.test(source)) {
    return { note: `module '${module.symbolicName}' comes from the template spec ${source}, not followed` };
  }
  if (!source.toLowerCase().endsWith('.bicep')) {
    return {
      note: `module '${module.symbolicName}' (${bicep.display}:${module.line}) is ${source}, not a .bicep file`,
    };
  }
  return { path: resolve(dirname(bicep.path), source) };
}

function readError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * In a template with symbolic names Bicep keys each resource by its symbolic name, a nested resource by the chain
 * of names from its top-level ancestor (`parent::child`), and each module by the module's name.
 */
function bySymbolicName(resource: TemplateResource, bicep: BicepFile): Declared | string {
  const symbolic = resource.symbolicName ?? '';
  const chain = symbolic.split('::');
  let found: Declared | undefined;
  let candidates: readonly Declared[] = [...bicep.declarations.resources, ...bicep.declarations.modules];
  for (const name of chain) {
    found = candidates.find((d) => d.symbolicName.toLowerCase() === name.toLowerCase());
    if (found === undefined) break;
    candidates = found.kind === 'resource' ? found.nested : [];
  }
  if (found === undefined) return `no resource or module named '${symbolic}' in ${bicep.display}`;
  const type = resource.type.toLowerCase();
  const declaredType = found.kind === 'module' ? DEPLOYMENTS : found.type.toLowerCase();
  if (declaredType !== type) {
    return (
      `'${symbolic}' in ${bicep.display} (line ${found.line}) is ${found.kind === 'module' ? 'a module' : `of type '${found.type}'`}, ` +
      `not '${resource.type}'`
    );
  }
  return found;
}

/**
 * The declarations of a file in the order `bicep build` writes them to a template without symbolic names. Bicep
 * collects resources by visiting the file's symbols: the local scopes first (a resource body that declares nested
 * resources is one; a scope's child scopes come before its own declarations, so a grandchild comes before its
 * parent's other children), then the top-level resources in source order; modules come after all resources, in
 * source order. (Azure/bicep: FileSymbol.Descendants, LocalScope.Descendants, TemplateWriter.EmitResources.)
 */
function emissionOrder(declarations: BicepDeclarations): Declared[] {
  const order: Declared[] = [];
  const visit = (resource: BicepResource): void => {
    for (const child of resource.nested) if (child.nested.length > 0) visit(child);
    order.push(...resource.nested);
  };
  for (const resource of declarations.resources) if (resource.nested.length > 0) visit(resource);
  order.push(...declarations.resources, ...declarations.modules);
  return order;
}

/**
 * Pairs the compiled resources of one type in a template without symbolic names with their declarations. Why this
 * is sound for Bicep's output:
 * - `bicep build` writes every declaration that is not `existing` as exactly one entry of `resources` (a loop as
 *   one entry with `copy`, a condition as `condition`, a nested resource with its full type), and every module as
 *   one `Microsoft.Resources/deployments` entry whose template is the module's compiled file. So the compiled
 *   resources of a type and the declarations of that type are the same number, in one-to-one correspondence.
 * - Names: Bicep writes a `name:` value as an ARM expression built from the same identifiers and literals (a
 *   parameter `p` as `parameters('p')`, a variable `v` as `variables('v')`, `'a-${x}'` as `format('a-{0}', x)`, a
 *   child's name as `format('{0}/{1}', parentName, childName)`). Equal sequences of identifiers and literals in both
 *   therefore name the same declaration. Names that go through a resource (`guid(mc.id)` becomes
 *   `guid(resourceId(...))`) or an inlined variable do not compare equal: they decide nothing.
 * - Order: Bicep writes resources in a fixed order (see `emissionOrder`), so when the counts agree the k-th compiled
 *   resource of a type is the k-th declaration of that type. This is used only when every pair the names found
 *   agrees with it; else the order is not trusted.
 * A pair whose loop or condition disagrees (the compiled resource has `copy` but the declaration is no loop, say)
 * is refused with a note.
 */
function pair(template: TemplateResources, type: string, bicep: BicepFile): Map<number, Declared | string> {
  const result = new Map<number, Declared | string>();
  const compiled = template.resources.flatMap((r, i) => (r.type.toLowerCase() === type ? [i] : []));
  const declared = bicep.order.filter((d) =>
    d.kind === 'module' ? type === DEPLOYMENTS : !d.existing && d.type.toLowerCase() === type,
  );
  const typeName = template.resources[compiled[0] ?? 0]?.type ?? type;
  if (declared.length === 0) {
    const note =
      type === DEPLOYMENTS
        ? `no module (nor resource of type '${typeName}') in ${bicep.display}`
        : `no resource of type '${typeName}' in ${bicep.display}`;
    for (const index of compiled) result.set(index, note);
    return result;
  }
  const byName = new Map<number, Declared>();
  if (declared.length === 1 && compiled.length === 1) {
    byName.set(compiled[0] ?? 0, declared[0] as Declared);
  } else {
    const compiledGroups = groupBy(compiled, (index) => compiledKey(template.resources[index]));
    const declaredGroups = groupBy(declared, (d) => declarationKey(d, bicep));
    for (const [key, indexes] of compiledGroups) {
      const group = declaredGroups.get(key);
      if (group?.length !== indexes.length) continue;
      indexes.forEach((index, k) => byName.set(index, group[k] as Declared));
    }
  }
  const ordered =
    compiled.length === declared.length &&
    [...byName].every(([index, d]) => declared[compiled.indexOf(index)] === d);
  const what = type === DEPLOYMENTS ? 'modules and deployments' : `resources of type '${typeName}'`;
  compiled.forEach((index, k) => {
    const d = byName.get(index) ?? (ordered ? declared[k] : undefined);
    if (d === undefined) {
      const reason =
        compiled.length === declared.length
          ? 'their names and their order disagree'
          : 'their names do not tell which one this is';
      result.set(
        index,
        `${bicep.display} declares ${declared.length} ${what} and the template has ${compiled.length}: ${reason}`,
      );
      return;
    }
    const resource = template.resources[index];
    const mismatch = resource === undefined ? undefined : shapeMismatch(resource, d);
    result.set(
      index,
      mismatch === undefined ? d : `${describe(d, bicep)} ${mismatch}: not taken as its declaration`,
    );
  });
  return result;
}

function describe(d: Declared, bicep: BicepFile): string {
  return `the ${d.kind} '${d.symbolicName}' (${bicep.display}:${d.line})`;
}

/** Why a declaration cannot have compiled to a resource: its loop or condition differ. */
function shapeMismatch(resource: TemplateResource, d: Declared): string | undefined {
  const loop = inLoop(d);
  const condition = inCondition(d);
  if ((resource.loop ?? false) !== loop) {
    return loop
      ? 'is a loop, and the compiled resource has no copy'
      : 'is no loop, and the compiled resource has a copy';
  }
  if ((resource.condition ?? false) !== condition) {
    return condition
      ? 'has a condition, and the compiled resource has none'
      : 'has no condition, and the compiled resource has one';
  }
  return undefined;
}

/** Bicep gives a nested resource the loops and conditions of the resources it is nested in. */
function inLoop(d: Declared): boolean {
  return d.loop || (d.kind === 'resource' && d.enclosing !== undefined && inLoop(d.enclosing));
}

function inCondition(d: Declared): boolean {
  return d.condition || (d.kind === 'resource' && d.enclosing !== undefined && inCondition(d.enclosing));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k) ?? [];
    group.push(item);
    groups.set(k, group);
  }
  return groups;
}

/** The name key of a compiled resource: its loop and condition, and its name's identifiers and literals. */
function compiledKey(resource: TemplateResource | undefined): string | undefined {
  if (resource === undefined || typeof resource.name !== 'string') return undefined;
  let atoms: string[];
  try {
    const parsed = parseTemplateString(resource.name);
    atoms = parsed.kind === 'literal' ? [parsed.value] : armAtoms(parsed.root);
  } catch (error) {
    if (error instanceof ExpressionError) return undefined;
    throw error;
  }
  return nameKey(resource.loop ?? false, resource.condition ?? false, atoms);
}

/** The same for a declaration, its name built as Bicep builds it (a child's with its ancestors'). */
function declarationKey(d: Declared, bicep: BicepFile): string | undefined {
  if (bicep.keys.has(d)) return bicep.keys.get(d);
  const parts = nameParts(d, bicep, 0);
  const atoms =
    parts === undefined
      ? undefined
      : parts.length === 1
        ? bicepAtoms(parts[0] ?? [])
        : [parts.map((_, i) => `{${i}}`).join('/'), ...parts.flatMap((p) => bicepAtoms(p))];
  const key = atoms === undefined ? undefined : nameKey(inLoop(d), inCondition(d), atoms);
  bicep.keys.set(d, key);
  return key;
}

function nameKey(loop: boolean, condition: boolean, atoms: readonly string[]): string {
  // `format('{0}', x)` and `x` are the same name; Bicep may write either for `'${x}'`.
  const kept = atoms.filter((a) => a !== '{0}').map((a) => a.toLowerCase());
  return JSON.stringify([loop, condition, kept]);
}

/** The `name:` values that make up a resource's full name: its ancestors' (nested in, or `parent:`), then its own. */
function nameParts(d: Declared, bicep: BicepFile, depth: number): BicepToken[][] | undefined {
  if (d.name === undefined || depth > 10) return undefined;
  if (d.kind === 'module') return [d.name];
  let parent: BicepResource | undefined = d.enclosing;
  if (parent === undefined && d.parentValue !== undefined) {
    parent = resolveParent(d.parentValue, bicep);
    if (parent === undefined) return undefined;
  }
  if (parent === undefined) return [d.name];
  const above = nameParts(parent, bicep, depth + 1);
  return above === undefined ? undefined : [...above, d.name];
}

/** `parent: x` or `parent: x::y`: the resource it names in the same file. */
function resolveParent(tokens: readonly BicepToken[], bicep: BicepFile): BicepResource | undefined {
  let candidates: readonly BicepResource[] = bicep.declarations.resources;
  let found: BicepResource | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (i % 2 === 1) {
      if (token?.kind !== 'symbol' || token.text !== '::') return undefined;
      continue;
    }
    if (token?.kind !== 'identifier') return undefined;
    found = candidates.find((r) => r.symbolicName === token.text);
    if (found === undefined) return undefined;
    candidates = found.nested;
  }
  return found;
}

/** The identifiers and literals of a Bicep expression, in order; an interpolated string as Bicep's format string. */
function bicepAtoms(tokens: readonly BicepToken[]): string[] {
  const atoms: string[] = [];
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (token.kind === 'identifier') {
      // A function's name is not compared: Bicep writes most functions under their own names, some not.
      if (!(next?.kind === 'symbol' && next.text === '(')) atoms.push(token.text);
    } else if (token.kind === 'number') {
      atoms.push(token.text);
    } else if (token.kind === 'string') {
      if (token.holes.length === 0) atoms.push(token.parts[0] ?? '');
      else {
        const escape = (s: string): string => s.replace(/\{/g, '{{').replace(/\}/g, '}}');
        atoms.push(token.parts.map((p, k) => (k === 0 ? escape(p) : `{${k - 1}}${escape(p)}`)).join(''));
        for (const hole of token.holes) atoms.push(...bicepAtoms(hole));
      }
    }
  });
  return atoms;
}

/** The identifiers and literals of an ARM expression, in order (property names, strings, numbers; not functions). */
function armAtoms(node: ExpressionNode): string[] {
  switch (node.type) {
    case 'string':
      return [node.value];
    case 'integer':
      return [String(node.value)];
    case 'boolean':
      return [String(node.value)];
    case 'null':
      return ['null'];
    case 'call':
      return node.args.flatMap(armAtoms);
    case 'property':
      return [...armAtoms(node.target), node.name];
    case 'index':
      return [...armAtoms(node.target), ...armAtoms(node.index)];
  }
}

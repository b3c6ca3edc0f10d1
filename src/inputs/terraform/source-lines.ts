import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { displayPath } from '../display-path.js';
import type { SourceLocation } from '../../model/entities.js';
import { asObject, asString } from '../json-value.js';
import { findAttributeLine, findDeclaredBlocks, type DeclaredBlock } from './hcl-blocks.js';
import { parseTraversal } from './traversal.js';

export type Declaration = { location: SourceLocation } | { note: string };

/**
 * Finds where each planned resource is declared: the `resource "TYPE" "NAME"` block in the .tf files of its module's
 * directory. The root module is `terraformDir`; local module directories come from `module_calls.<m>.source`.
 */
interface FoundBlock {
  file: string;
  block: DeclaredBlock;
  text: string;
}

export class DeclarationFinder {
  private readonly dirBlocks = new Map<string, Promise<Map<string, FoundBlock>>>();

  constructor(
    private readonly terraformDir: string,
    private readonly repoRoot: string,
    private readonly configuration: unknown,
  ) {}

  async find(address: string): Promise<Declaration> {
    const found = await this.findBlock(address);
    if ('note' in found) return found;
    return {
      location: { file: this.display(found.file), line: found.block.line, endLine: found.block.endLine },
    };
  }

  /** The line of an attribute in a resource's block, e.g. `['service_principal', 'client_secret']`. */
  async findAttribute(address: string, path: readonly string[]): Promise<SourceLocation | undefined> {
    const found = await this.findBlock(address);
    if ('note' in found) return undefined;
    const line = findAttributeLine(found.text, found.block, path);
    return line === undefined ? undefined : { file: this.display(found.file), line, endLine: line };
  }

  /** The `default = ...` line of a variable declared in a module (empty module path: the root module). */
  async findVariableDefault(modulePath: string, name: string): Promise<SourceLocation | undefined> {
    const dir = this.moduleDir(
      parseTraversal(modulePath)?.flatMap((s) => ('name' in s ? [s.name] : [])) ?? [],
    );
    if (typeof dir !== 'string') return undefined;
    const found = (await this.blocksIn(dir)).get(blockKey('variable', '', name));
    if (found === undefined) return undefined;
    const line = findAttributeLine(found.text, found.block, ['default']);
    return line === undefined ? undefined : { file: this.display(found.file), line, endLine: line };
  }

  private async findBlock(address: string): Promise<FoundBlock | { note: string }> {
    const steps = parseTraversal(address) ?? [];
    const names = steps.flatMap((s) => ('name' in s ? [s.name] : []));
    let i = 0;
    while (names[i] === 'module' && names[i + 1] !== undefined) i += 2;
    const dir = this.moduleDir(names.slice(0, i));
    if (typeof dir !== 'string') return dir;
    const isData = names[i] === 'data';
    const type = names[isData ? i + 1 : i];
    const name = names[isData ? i + 2 : i + 1];
    const blocks = await this.blocksIn(dir);
    if (blocks.size === 0) return { note: `no .tf files in ${this.display(dir)}` };
    const found = blocks.get(blockKey(isData ? 'data' : 'managed', type ?? '', name ?? ''));
    if (found === undefined)
      return { note: `no ${isData ? 'data' : 'resource'} "${type}" "${name}" block in ${this.display(dir)}` };
    return found;
  }

  /** The directory of a module path (`module`, name pairs) through the local `source` of each call. */
  private moduleDir(names: readonly string[]): string | { note: string } {
    let dir = this.terraformDir;
    let module = asObject(asObject(this.configuration)?.['root_module']);
    for (let i = 0; names[i] === 'module' && names[i + 1] !== undefined; i += 2) {
      const callName = names[i + 1] ?? '';
      const call = asObject(asObject(module?.['module_calls'])?.[callName]);
      const source = asString(call?.['source']);
      if (source === undefined) return { note: `module.${callName} is not in the plan's configuration` };
      if (!source.startsWith('./') && !source.startsWith('../')) {
        return { note: `declared in module.${callName} from ${source}, which is not a local path` };
      }
      dir = resolve(dir, source);
      module = asObject(call?.['module']);
    }
    return dir;
  }

  private blocksIn(dir: string): Promise<Map<string, FoundBlock>> {
    let pending = this.dirBlocks.get(dir);
    if (pending === undefined) {
      pending = scanDir(dir);
      this.dirBlocks.set(dir, pending);
    }
    return pending;
  }

  private display(path: string): string {
    return displayPath(this.repoRoot, path);
  }
}

function blockKey(mode: string, type: string, name: string): string {
  return `${mode} ${type} ${name}`;
}

/** Every resource and data block of a directory's .tf files, by mode, type and name: found in constant time. */
async function scanDir(dir: string): Promise<Map<string, FoundBlock>> {
  const found = new Map<string, FoundBlock>();
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.tf')).sort();
  } catch {
    return found;
  }
  for (const name of names) {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const block of findDeclaredBlocks(text)) {
      const key = blockKey(block.mode, block.type, block.name);
      if (!found.has(key)) found.set(key, { file, block, text });
    }
  }
  return found;
}

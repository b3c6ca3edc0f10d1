import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { SourceLocation } from '../../model/entities.js';
import { asObject, asString } from '../json-value.js';
import { findDeclaredBlocks, type DeclaredBlock } from './hcl-blocks.js';
import { parseTraversal } from './traversal.js';

export type Declaration = { location: SourceLocation } | { note: string };

/**
 * Finds where each planned resource is declared: the `resource "TYPE" "NAME"` block in the .tf files of its module's
 * directory. The root module is `terraformDir`; local module directories come from `module_calls.<m>.source`.
 */
export class DeclarationFinder {
  private readonly dirBlocks = new Map<
    string,
    Promise<Map<string, { file: string; block: DeclaredBlock }>>
  >();

  constructor(
    private readonly terraformDir: string,
    private readonly repoRoot: string,
    private readonly configuration: unknown,
  ) {}

  async find(address: string): Promise<Declaration> {
    const steps = parseTraversal(address) ?? [];
    const names = steps.flatMap((s) => ('name' in s ? [s.name] : []));
    let dir = this.terraformDir;
    let module = asObject(asObject(this.configuration)?.['root_module']);
    let i = 0;
    while (names[i] === 'module' && names[i + 1] !== undefined) {
      const callName = names[i + 1] ?? '';
      const call = asObject(asObject(module?.['module_calls'])?.[callName]);
      const source = asString(call?.['source']);
      if (source === undefined) return { note: `module.${callName} is not in the plan's configuration` };
      if (!source.startsWith('./') && !source.startsWith('../')) {
        return { note: `declared in module.${callName} from ${source}, which is not a local path` };
      }
      dir = resolve(dir, source);
      module = asObject(call?.['module']);
      i += 2;
    }
    const isData = names[i] === 'data';
    const type = names[isData ? i + 1 : i];
    const name = names[isData ? i + 2 : i + 1];
    const blocks = await this.blocksIn(dir);
    if (blocks.size === 0) return { note: `no .tf files in ${this.display(dir)}` };
    const found = blocks.get(blockKey(isData ? 'data' : 'managed', type ?? '', name ?? ''));
    if (found === undefined)
      return { note: `no ${isData ? 'data' : 'resource'} "${type}" "${name}" block in ${this.display(dir)}` };
    return {
      location: { file: this.display(found.file), line: found.block.line, endLine: found.block.endLine },
    };
  }

  private blocksIn(dir: string): Promise<Map<string, { file: string; block: DeclaredBlock }>> {
    let pending = this.dirBlocks.get(dir);
    if (pending === undefined) {
      pending = scanDir(dir);
      this.dirBlocks.set(dir, pending);
    }
    return pending;
  }

  private display(path: string): string {
    const rel = relative(this.repoRoot, path);
    return (rel === '' ? '.' : rel).split(sep).join('/');
  }
}

function blockKey(mode: string, type: string, name: string): string {
  return `${mode} ${type} ${name}`;
}

/** Every resource and data block of a directory's .tf files, by mode, type and name: found in constant time. */
async function scanDir(dir: string): Promise<Map<string, { file: string; block: DeclaredBlock }>> {
  const found = new Map<string, { file: string; block: DeclaredBlock }>();
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
      if (!found.has(key)) found.set(key, { file, block });
    }
  }
  return found;
}

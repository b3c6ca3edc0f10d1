import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The directory of this package (where package.json, policies/, schema/ and docs/ are), found from the running
 * module: src/ under tests, dist/ when bundled, node_modules/aks-identity-lint when installed.
 */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
      if (name === 'aks-identity-lint') return (cached = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('aks-identity-lint: cannot find the package directory');
    dir = parent;
  }
}

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

export const builtInPolicyDir = (): string => join(packageRoot(), 'policies');
export const policySchemaPath = (): string => join(packageRoot(), 'schema', 'policy.schema.json');
export const modelSchemaPath = (): string => join(packageRoot(), 'schema', 'model.schema.json');
export const policyDocsDir = (): string => join(packageRoot(), 'docs', 'policies');

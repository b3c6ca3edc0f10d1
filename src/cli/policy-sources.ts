import { builtInPolicyDir } from '../package-files.js';
import type { PolicySource } from '../policy/load.js';
import { UsageError } from './usage.js';

/** The policy directories a command runs: the built-in pack unless --no-builtin, then each --policies. */
export function policySources(dirs: readonly string[], noBuiltIn: boolean): PolicySource[] {
  if (noBuiltIn && dirs.length === 0)
    throw new UsageError('--no-builtin leaves no policies to run; add --policies <dir>');
  return [
    ...(noBuiltIn ? [] : [{ dir: builtInPolicyDir(), builtIn: true }]),
    ...dirs.map((dir) => ({ dir, builtIn: false })),
  ];
}

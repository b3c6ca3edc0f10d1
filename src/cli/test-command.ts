import { builtInPolicyDir } from '../package-files.js';
import { runExamples, type ExampleResult } from '../policy/examples.js';
import { loadPolicies } from '../policy/load.js';
import { EXIT_FAIL, EXIT_PASS, type CliIo } from './io.js';
import { UsageError, parseCommandLine } from './usage.js';
import { counted } from '../util/plural.js';

/**
 * `test [dir...]`: runs every policy's embedded examples, as `opa test` runs policy tests; with no directory, the
 * built-in pack. A policy without examples is reported, so untested policies are visible.
 */
export async function testCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine({
    args: [...argv],
    allowPositionals: true,
    options: { format: { type: 'string', default: 'console' } },
  });
  const { values, positionals } = parsed;
  if (values.format !== 'console' && values.format !== 'json')
    throw new UsageError(`--format must be console or json, not '${values.format}'`);
  const sources =
    positionals.length === 0
      ? [{ dir: builtInPolicyDir(), builtIn: true }]
      : positionals.map((dir) => ({ dir, builtIn: false }));
  const policies = await loadPolicies(sources);
  const results = policies.map((policy) => ({ policy, examples: runExamples(policy) }));
  const failures = results.flatMap((r) => r.examples.filter((e) => !e.ok));
  const untested = results.filter((r) => r.examples.length === 0).map((r) => r.policy.policy.id);

  if (values.format === 'json') {
    io.stdout(
      JSON.stringify(
        {
          policies: results.map((r) => ({
            id: r.policy.policy.id,
            file: r.policy.file,
            examples: r.examples,
          })),
          failures: failures.length,
          untested,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const { policy, examples } of results) {
      const failed = examples.filter((e) => !e.ok);
      const word = examples.length === 0 ? 'NONE' : failed.length === 0 ? 'ok  ' : 'FAIL';
      io.stdout(`${word}  ${policy.policy.id}  ${counted(examples.length, 'example')}  ${policy.file}\n`);
      for (const f of failed) io.stdout(`      ${describe(f)}\n`);
    }
    const total = results.reduce((n, r) => n + r.examples.length, 0);
    io.stdout(
      `\n${counted(policies.length, 'policy', 'policies')}, ${counted(total, 'example')}, ${failures.length} failed${untested.length > 0 ? `, ${untested.length} without examples (${untested.join(', ')})` : ''}\n`,
    );
  }
  return failures.length > 0 ? EXIT_FAIL : EXIT_PASS;
}

function describe(result: ExampleResult): string {
  const key = result.expected === 'not-applicable' ? 'notApplicable' : result.expected;
  return `examples.${key}[${result.index}]: expected ${result.expected}, got ${result.actual}`;
}

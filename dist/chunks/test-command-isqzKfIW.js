import { b as builtInPolicyDir } from './package-files-C8QwCCUf.js';
import { l as loadPolicies, r as runExamples } from './load-m1TAheir.js';
import { p as parseCommandLine, b as UsageError, c as EXIT_FAIL, a as EXIT_PASS } from './usage-BUmB0yc9.js';
import { c as counted } from './validated-json-CLCVuNXn.js';
import 'node:fs';
import 'node:path';
import 'node:url';
import './user-error-D43ktBPC.js';
import 'node:fs/promises';
import 'node:util';
import './_commonjsHelpers-BFTU3MAI.js';
import './main-DSwMmFsk.js';

/**
 * `test [dir...]`: runs every policy's embedded examples, as `opa test` runs policy tests; with no directory, the
 * built-in pack. A policy without examples is reported, so untested policies are visible.
 */
async function testCommand(argv, io) {
    const parsed = parseCommandLine({
        args: [...argv],
        allowPositionals: true,
        options: { format: { type: 'string', default: 'console' } },
    });
    const { values, positionals } = parsed;
    if (values.format !== 'console' && values.format !== 'json')
        throw new UsageError(`--format must be console or json, not '${values.format}'`);
    const sources = positionals.length === 0
        ? [{ dir: builtInPolicyDir(), builtIn: true }]
        : positionals.map((dir) => ({ dir, builtIn: false }));
    const policies = await loadPolicies(sources);
    const results = policies.map((policy) => ({ policy, examples: runExamples(policy) }));
    const failures = results.flatMap((r) => r.examples.filter((e) => !e.ok));
    const untested = results.filter((r) => r.examples.length === 0).map((r) => r.policy.policy.id);
    if (values.format === 'json') {
        io.stdout(JSON.stringify({
            policies: results.map((r) => ({
                id: r.policy.policy.id,
                file: r.policy.file,
                examples: r.examples,
            })),
            failures: failures.length,
            untested,
        }, null, 2) + '\n');
    }
    else {
        for (const { policy, examples } of results) {
            const failed = examples.filter((e) => !e.ok);
            const word = examples.length === 0 ? 'NONE' : failed.length === 0 ? 'ok  ' : 'FAIL';
            io.stdout(`${word}  ${policy.policy.id}  ${counted(examples.length, 'example')}  ${policy.file}\n`);
            for (const f of failed)
                io.stdout(`      ${describe(f)}\n`);
        }
        const total = results.reduce((n, r) => n + r.examples.length, 0);
        io.stdout(`\n${counted(policies.length, 'policy', 'policies')}, ${counted(total, 'example')}, ${failures.length} failed${untested.length > 0 ? `, ${untested.length} without examples (${untested.join(', ')})` : ''}\n`);
    }
    return failures.length > 0 ? EXIT_FAIL : EXIT_PASS;
}
function describe(result) {
    const key = result.expected === 'not-applicable' ? 'notApplicable' : result.expected;
    return `examples.${key}[${result.index}]: expected ${result.expected}, got ${result.actual}`;
}

export { testCommand };

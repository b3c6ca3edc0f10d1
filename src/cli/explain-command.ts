import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { policyDocsDir } from '../package-files.js';
import type { CompiledPolicy } from '../policy/load.js';
import { RunRequestError } from '../run-options.js';
import { ENTITY_KINDS } from '../model/entities.js';
import { entityKindNamed, renderFieldsRead, renderModelFields } from '../report/model-fields.js';
import { commandPolicies } from './command-run.js';
import { EXIT_PASS, type CliIo } from './io.js';
import { emit } from './output.js';
import { UsageError, parseCommandLine } from './usage.js';

/**
 * `explain <ID>`: a built-in policy's documentation page, or what a custom policy's file says of itself, with the
 * model fields it reads. `explain <entity kind>` (or `model`, for all) lists the fields a policy can address.
 */
export async function explainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine({
    args: [...argv],
    allowPositionals: true,
    options: {
      policies: { type: 'string', multiple: true, default: [] },
      config: { type: 'string' },
      'no-config': { type: 'boolean', default: false },
      format: { type: 'string', default: 'console' },
      output: { type: 'string' },
    },
  });
  const { values, positionals } = parsed;
  const [id] = positionals;
  if (id === undefined || positionals.length > 1)
    throw new UsageError(
      'explain takes one policy ID or entity kind, e.g. explain AKSID013, explain cluster',
    );
  if (values.format !== 'console' && values.format !== 'markdown') {
    throw new UsageError(`--format must be console or markdown, not '${values.format}'`);
  }
  const kind = entityKindNamed(id);
  if (kind !== undefined || id.toLowerCase() === 'model') {
    await emit(
      renderModelFields(kind === undefined ? ENTITY_KINDS : [kind], values.format),
      values.output,
      io,
    );
    return EXIT_PASS;
  }
  // Disabled policies can still be explained: the settings are not applied.
  const policies = await commandPolicies(io, values, false);
  const policy = policies.find((p) => p.policy.id.toUpperCase() === id.toUpperCase());
  if (policy === undefined)
    throw new RunRequestError(
      `no policy or entity kind ${id}; 'aks-identity-lint list' lists the policies, the kinds are ${ENTITY_KINDS.join(', ')}`,
    );
  const page = policy.builtIn
    ? await readFile(join(policyDocsDir(), `${policy.policy.id}.md`), 'utf8').catch(() => undefined)
    : undefined;
  io.stdout((page ?? describe(policy)) + renderFieldsRead(policy));
  return EXIT_PASS;
}

function describe(compiled: CompiledPolicy): string {
  const p = compiled.policy;
  const lines = [
    `# ${p.id}: ${p.title}`,
    '',
    `Severity: ${p.severity}    Target: ${p.target}    File: ${compiled.file}`,
    '',
  ];
  if (p.description !== undefined) lines.push(p.description, '');
  lines.push(`Fix: ${p.remediation.summary}`);
  if (p.remediation.terraform !== undefined) lines.push(`Terraform: ${p.remediation.terraform}`);
  if (p.remediation.bicep !== undefined) lines.push(`Bicep: ${p.remediation.bicep}`);
  if ((p.references ?? []).length > 0)
    lines.push('', 'References:', ...(p.references ?? []).map((r) => `- ${r}`));
  return `${lines.join('\n')}\n`;
}

import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { I as InputError } from './input-error-CCqlw9Qy.js';
import { C as CONFIG_FILE_NAME } from './config-B-qoZBbr.js';
import { p as parseCommandLine, a as EXIT_PASS } from './usage-BUmB0yc9.js';
import './user-error-D43ktBPC.js';
import './main-DSwMmFsk.js';
import 'node:fs';
import './package-files-C8QwCCUf.js';
import 'node:url';
import './validated-json-CLCVuNXn.js';
import './_commonjsHelpers-BFTU3MAI.js';
import 'node:util';

const POLICY_DIR = 'aks-policies';
const SCHEMAS = './node_modules/aks-identity-lint/schema';
const CONFIG = {
    $schema: `${SCHEMAS}/config.schema.json`,
    paths: ['tfplan.json'],
    policyDirs: [POLICY_DIR],
    failOn: 'high',
    failOnIndeterminate: false,
    policies: {},
    waivers: [],
};
const EXAMPLE_POLICY = {
    $schema: `../${SCHEMAS}/policy.schema.json`,
    id: 'EXAMPLE001',
    title: 'Cluster names follow the naming convention',
    description: 'An example of your own policy: edit it, or copy it to write more. `aks-identity-lint test aks-policies` runs its examples.',
    severity: 'low',
    target: 'cluster',
    when: { field: 'change.action', notEquals: 'delete' },
    assert: { field: 'name', like: 'aks-*' },
    message: "Cluster '{{name}}' does not follow the naming convention aks-<team>-<env>.",
    remediation: {
        summary: 'Rename the cluster to aks-<team>-<env> (this recreates it).',
        terraform: 'Set name = "aks-<team>-<env>".',
    },
    references: [
        'https://learn.microsoft.com/azure/cloud-adoption-framework/ready/azure-best-practices/resource-naming',
    ],
    examples: {
        pass: [{ name: 'aks-payments-prod', change: { action: 'create' } }],
        fail: [{ name: 'k8s-cluster-1', change: { action: 'create' } }],
        indeterminate: [{ name: { $unknown: 'known after apply' }, change: { action: 'create' } }],
        notApplicable: [{ name: 'k8s-old', change: { action: 'delete' } }],
    },
};
/** `init`: writes a config file and one example policy with its test examples, never over an existing file. */
async function initCommand(argv, io) {
    const { values } = parseCommandLine({
        args: [...argv],
        options: { force: { type: 'boolean', default: false } },
    });
    const files = [
        [CONFIG_FILE_NAME, CONFIG],
        [join(POLICY_DIR, `${EXAMPLE_POLICY.id}.json`), EXAMPLE_POLICY],
    ];
    for (const [file] of files) {
        const exists = await access(join(io.cwd, file)).then(() => true, () => false);
        if (exists && !values.force)
            throw new InputError({ file }, 'already exists; remove it or run init --force to overwrite');
    }
    await mkdir(join(io.cwd, POLICY_DIR), { recursive: true });
    for (const [file, content] of files) {
        await writeFile(join(io.cwd, file), `${JSON.stringify(content, null, 2)}\n`);
        io.stdout(`wrote ${file}\n`);
    }
    io.stdout(`\nNext: point "paths" in ${CONFIG_FILE_NAME} at your plan JSON, then run\n  aks-identity-lint test ${POLICY_DIR}\n  aks-identity-lint scan\n`);
    return EXIT_PASS;
}

export { initCommand };

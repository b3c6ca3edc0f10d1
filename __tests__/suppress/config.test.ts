import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtInPolicyDir } from '../../src/package-files.js';
import { loadPolicies } from '../../src/policy/load.js';
import {
  applyPolicySettings,
  CONFIG_FILE_NAME,
  ConfigError,
  configPaths,
  findConfig,
  loadConfig,
} from '../../src/suppress/config.js';
import { writeTemp } from '../helpers/plans.js';

// In-process: the config reader as the scan calls it (suppressions.test.ts runs the same through the CLI).

async function configIn(config: unknown, sub = ''): Promise<{ dir: string; file: string }> {
  const dir = await writeTemp({});
  await mkdir(join(dir, sub), { recursive: true });
  const file = join(dir, sub, CONFIG_FILE_NAME);
  await writeFile(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return { dir, file };
}

async function problemsOf(run: () => Promise<unknown>): Promise<string[]> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error.message.split('\n');
}

describe('findConfig', () => {
  it('finds the config in the directory or the nearest one above it', async () => {
    const { dir, file } = await configIn({}, 'repo');
    await mkdir(join(dir, 'repo', 'infra', 'prod'), { recursive: true });
    expect(await findConfig(join(dir, 'repo'))).toBe(file);
    expect(await findConfig(join(dir, 'repo', 'infra', 'prod'))).toBe(file);
  });

  it('finds none where no directory up to the root has one', async () => {
    const dir = await writeTemp({});
    expect(await findConfig(dir)).toBeUndefined();
  });
});

describe('loadConfig', () => {
  it('names the file relative to the working directory, and resolves paths against its own directory', async () => {
    const { dir, file } = await configIn({ paths: ['plans/a.json'] }, 'repo');
    const loaded = await loadConfig(file, dir);
    expect(loaded.file).toBe(`repo/${CONFIG_FILE_NAME}`);
    expect(loaded.dir).toBe(join(dir, 'repo'));
    expect(configPaths(loaded, loaded.config.paths)).toEqual([join(dir, 'repo', 'plans', 'a.json')]);
    expect(configPaths(loaded, undefined)).toEqual([]);
  });

  it('names a file outside the working directory by its absolute path', async () => {
    const { file } = await configIn({});
    const elsewhere = await writeTemp({});
    expect((await loadConfig(file, elsewhere)).file).toBe(file);
  });

  it('says where a value breaks the schema, with line and column', async () => {
    const { dir, file } = await configIn(
      '{\n  "waivers": [{ "policy": "AKSID003", "resource": "x", "reason": 3 }]\n}\n',
    );
    expect(await problemsOf(() => loadConfig(file, dir))).toEqual([
      // Line and column of the member that holds the wrong value.
      `${CONFIG_FILE_NAME}:2:56 /waivers/0/reason: expected string`,
    ]);
  });

  it('says what a config is when the file is not JSON, and is a ConfigError by name', async () => {
    const { dir, file } = await configIn('{"policies": ');
    const error = await loadConfig(file, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).name).toBe('ConfigError');
    expect((error as Error).message).toMatch(
      /^\.aks-identity-lint\.json:1:\d+: not valid JSON \(.+\); expected a config object$/,
    );
  });

  it('says so when the file cannot be read', async () => {
    const dir = await writeTemp({});
    expect(await problemsOf(() => loadConfig(join(dir, 'missing.json'), dir))).toEqual([
      'missing.json: cannot read the config file',
    ]);
  });
});

describe('applyPolicySettings', () => {
  const builtIn = () => loadPolicies([{ dir: builtInPolicyDir(), builtIn: true }]);

  it('leaves the policies as they are without a config', async () => {
    const policies = await builtIn();
    expect(applyPolicySettings(policies, undefined)).toBe(policies);
  });

  it('drops disabled policies and replaces severities, whatever the case of the ID', async () => {
    const policies = await builtIn();
    const withWhen = policies.find((p) => p.severityWhen !== undefined);
    if (withWhen === undefined) throw new Error('no built-in policy has severityWhen');
    const { dir, file } = await configIn({
      policies: {
        aksid003: { enabled: false },
        [withWhen.policy.id]: { severity: 'low' },
        AKSID004: { enabled: true },
      },
    });
    const applied = applyPolicySettings(policies, await loadConfig(file, dir));
    expect(applied.map((p) => p.policy.id)).toEqual(
      policies.map((p) => p.policy.id).filter((id) => id !== 'AKSID003'),
    );
    const overridden = applied.find((p) => p.policy.id === withWhen.policy.id);
    expect(overridden?.policy.severity).toBe('low');
    // The team's severity replaces the policy's, circumstances included.
    expect(overridden?.severityWhen).toBeUndefined();
    expect(withWhen.severityWhen).toBeDefined();
    expect(applied.find((p) => p.policy.id === 'AKSID004')).toBe(
      policies.find((p) => p.policy.id === 'AKSID004'),
    );
  });

  it('refuses settings and waivers for policies that are not loaded, saying where they are written', async () => {
    const { dir, file } = await configIn({
      policies: { AKSID999: { enabled: false } },
      waivers: [
        { policy: 'AKSID003', resource: 'x', reason: 'r' },
        { policy: 'ORG001', resource: 'x', reason: 'r' },
      ],
    });
    const loaded = await loadConfig(file, dir);
    expect(await problemsOf(async () => applyPolicySettings(await builtIn(), loaded))).toEqual([
      `${CONFIG_FILE_NAME}:3:5 /policies/AKSID999: no policy AKSID999 is loaded`,
      // JSON.stringify(config, null, 2): the second waiver's policy is on line 14, indented six spaces.
      `${CONFIG_FILE_NAME}:14:7 /waivers/1/policy: no policy ORG001 is loaded`,
    ]);
  });
});

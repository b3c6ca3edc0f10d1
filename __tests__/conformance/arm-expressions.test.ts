import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Evaluator, type ExpressionError } from '../../src/inputs/arm/expressions/index.js';
import { Unknown } from '../../src/model/unknown.js';

// Conformance: every resource of the real templates in ../shared/fixtures/arm evaluates without a crash.
const here = dirname(fileURLToPath(import.meta.url));
const sharedArm = resolve(
  process.env['AKS_IDENTITY_LINT_SHARED'] ?? resolve(here, '..', '..', '..', 'shared'),
  'fixtures',
  'arm',
);
(existsSync(sharedArm) ? describe : describe.skip)('real templates in ../shared/fixtures/arm', () => {
  interface Template {
    parameters?: Record<string, { defaultValue?: unknown }>;
    variables?: Record<string, unknown>;
    functions?: unknown;
    resources?: unknown;
  }

  function evaluateTemplate(template: Template, errors: ExpressionError[]): number {
    const parameters: Record<string, unknown> = {};
    for (const [name, declaration] of Object.entries(template.parameters ?? {})) {
      parameters[name] =
        declaration.defaultValue === undefined
          ? new Unknown('no value given', `parameters('${name}')`)
          : new Evaluator({ parameters, functions: template.functions }).evaluateJson(
              declaration.defaultValue,
            );
    }
    const evaluator = new Evaluator({
      parameters,
      variables: template.variables ?? {},
      functions: template.functions,
    });
    const resources = Array.isArray(template.resources)
      ? template.resources
      : Object.values(template.resources ?? {});
    let count = 0;
    for (const resource of resources as Record<string, unknown>[]) {
      const nested = (resource['properties'] as { template?: Template } | undefined)?.template;
      const { properties, ...rest } = resource;
      const value = evaluator.evaluateJson(
        nested === undefined ? resource : { ...rest, properties: properties === undefined ? null : {} },
        {
          onError: (error) => {
            errors.push(error);
            return new Unknown(error.detail);
          },
        },
      );
      expect(value).not.toBeNull();
      count++;
      if (nested !== undefined) count += evaluateTemplate(nested, errors);
    }
    return count;
  }

  it.each([
    'arm-aks-baseline-cluster-stamp-compiled-97558d0.json',
    'arm-aks-construction-shared-acr-main.json',
    'arm-quickstart-aks-vmss-systemassigned-identity.json',
  ])('%s', (file) => {
    const template = JSON.parse(readFileSync(join(sharedArm, file), 'utf8')) as Template;
    const errors: ExpressionError[] = [];
    const count = evaluateTemplate(template, errors);
    expect(count).toBeGreaterThan(0);
    // Without copy state a loop's copyIndex() is unknown, so only template defects remain as errors.
    expect(errors.map((e) => e.detail).filter((d) => !d.includes("no parameter 'ebpfDataplane'"))).toEqual(
      [],
    );
  });
});

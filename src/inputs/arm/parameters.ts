import { Unknown } from '../../model/unknown.js';
import { jsonPointer } from '../input-error.js';
import { isObject } from '../json-value.js';
import {
  Evaluator,
  fromJson,
  type ArmValue,
  type DeploymentScope,
  type ExpressionError,
} from './expressions/index.js';
import { originOf, type Origin } from './origin.js';
import type { TemplateSections } from './template-document.js';

/** A parameter value handed to a template: by the caller, or by the deployment that nests it. */
export interface GivenParameter {
  value: ArmValue;
  origin: Origin;
}

export interface ResolvedParameters {
  /** Values by name: given, else the default, else null (nullable) or an Unknown naming the parameter. */
  values: Record<string, ArmValue>;
  origins: Map<string, Origin>;
  /** Values of secure parameters (securestring, secureObject), to scrub from every output. */
  secureValues: string[];
}

const SECURE_TYPES = new Set(['securestring', 'secureobject']);

/**
 * A Key Vault reference as a parameter file or a nested deployment writes it
 * (`{ "reference": { "keyVault": { "id": ... }, "secretName": ... } }`): the secret is read at deployment.
 */
export function keyVaultReference(value: unknown): Unknown | undefined {
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
  const reference = value['reference'];
  if (!isObject(reference) || !isObject(reference['keyVault'])) return undefined;
  const vault = reference['keyVault']['id'];
  const secret = reference['secretName'];
  const ref =
    typeof vault === 'string' && typeof secret === 'string'
      ? `keyvault(${vault.toLowerCase()}).secrets.${secret.toLowerCase()}`
      : undefined;
  return new Unknown('a Key Vault secret, read at deployment', ref);
}

/** Values the caller gives as text (`--param n=3`) for int and bool parameters become ints and bools. */
function coerce(value: ArmValue, type: unknown): ArmValue {
  if (typeof value !== 'string' || typeof type !== 'string') return value;
  const t = type.toLowerCase();
  if (t === 'int' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  if (t === 'bool' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return value;
}

/**
 * The parameter values of a template. Defaults are evaluated in order of declaration, each seeing the parameters
 * before it (and the deployment scope); an expression error in a default makes that value unknown, naming the
 * error. `unknownRef` names a parameter that has no value, so that every read of it is one value.
 */
export function resolveParameters(
  template: TemplateSections,
  given: ReadonlyMap<string, GivenParameter>,
  scope: DeploymentScope,
  unknownRef: (name: string) => string,
): ResolvedParameters {
  const values: Record<string, ArmValue> = {};
  const origins = new Map<string, Origin>();
  const secureValues: string[] = [];
  // Not yet resolved parameters read as unknown, so a default that reads a later one does not fail outright.
  for (const name of Object.keys(template.parameters)) {
    values[name] = new Unknown(
      `parameter '${name}' is resolved after this one`,
      unknownRef(name),
      false,
      true,
    );
  }
  // A template that reads a parameter it does not declare fails to deploy; reading it as unknown keeps that one
  // error from making every value of the expression it sits in (a whole `properties`) unknown.
  const declared = new Set(Object.keys(template.parameters).map((n) => n.toLowerCase()));
  for (const name of undeclaredParameters(template, declared)) {
    values[name] = new Unknown(`the template reads parameter '${name}', which it does not declare`);
  }
  for (const [name, declaration] of Object.entries(template.parameters)) {
    const lower = name.toLowerCase();
    const pointer = `${template.pointer}/parameters${jsonPointer([name])}`;
    const passed = given.get(lower);
    let value: ArmValue;
    if (passed !== undefined) {
      value = coerce(passed.value, declaration['type']);
      origins.set(lower, passed.origin);
    } else if ('defaultValue' in declaration) {
      const raw = declaration['defaultValue'];
      const at = `${pointer}/defaultValue`;
      value = new Evaluator({ parameters: values, functions: template.functions, scope }).evaluateJson(raw, {
        onError: (error: ExpressionError) =>
          new Unknown(`cannot evaluate ${at}${jsonPointer(error.jsonPath)}: ${error.message}`),
      });
      origins.set(
        lower,
        originOf(raw, at, value, { parameters: origins, variables: {} }) ?? { kind: 'code', pointer: at },
      );
    } else if (declaration['nullable'] === true) {
      value = null;
      origins.set(lower, { kind: 'outside' });
    } else {
      // Given at deployment, so known before anything the deployment creates: it may be any existing object's
      // ID, but never one of the principals this template makes.
      value = new Unknown(`no value given for parameter '${name}'`, unknownRef(name), false, true);
      origins.set(lower, { kind: 'outside' });
    }
    values[name] = value;
    const type = declaration['type'];
    if (typeof type === 'string' && SECURE_TYPES.has(type.toLowerCase())) collectStrings(value, secureValues);
  }
  return { values, origins, secureValues };
}

/** Values given by the caller: plain values, or Key Vault references as a parameter file writes them. */
export function callerParameters(
  parameters: Readonly<Record<string, unknown>> | undefined,
): Map<string, GivenParameter> {
  const given = new Map<string, GivenParameter>();
  for (const [name, value] of Object.entries(parameters ?? {})) {
    given.set(name.toLowerCase(), {
      value: keyVaultReference(value) ?? fromJson(value),
      origin: { kind: 'outside' },
    });
  }
  return given;
}

const PARAMETER_READ = /parameters\(\s*'([^']+)'\s*\)/gi;

/** Names of parameters the template's expressions read but its `parameters` section does not declare. */
function undeclaredParameters(template: TemplateSections, declared: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown, nestedTemplate: boolean): void => {
    if (typeof value === 'string') {
      if (!value.startsWith('[') || value.startsWith('[[') || !value.includes('parameters')) return;
      for (const match of value.matchAll(PARAMETER_READ)) {
        const name = match[1] ?? '';
        if (!declared.has(name.toLowerCase())) found.add(name);
      }
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v, false);
    } else if (isObject(value)) {
      const deployment = String(value['type']).toLowerCase() === 'microsoft.resources/deployments';
      for (const [key, item] of Object.entries(value)) {
        // A nested deployment's template has parameters of its own (or is evaluated with these: outer scope,
        // rare enough not to be worth the walk).
        if (nestedTemplate && key.toLowerCase() === 'template') continue;
        visit(item, deployment && key.toLowerCase() === 'properties');
      }
    }
  };
  visit(template.variables, false);
  visit(template.outputs, false);
  for (const declaration of template.resources) visit(declaration.raw, false);
  for (const children of template.children.values()) for (const child of children) visit(child.raw, false);
  return found;
}

function collectStrings(value: ArmValue, out: string[]): void {
  if (typeof value === 'string') {
    if (value !== '') out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectStrings(v, out);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Unknown)) {
    for (const v of Object.values(value)) collectStrings(v, out);
  }
}

/**
 * The ARM template expression language: parse and evaluate the `[...]` strings of compiled Bicep and ARM templates,
 * with values unknown before deployment kept as `Unknown`. Knows nothing of AKS, policies or the model beyond
 * `Unknown`; the ARM adapter wires it to templates.
 */
export type { ExpressionNode, TemplateString } from './ast.js';
export {
  deploymentScope,
  PUBLIC_CLOUD_ENVIRONMENT,
  SCOPE_PLACEHOLDERS,
  type CopyState,
  type DeploymentScope,
  type DeploymentScopeKind,
  type DeploymentScopeOptions,
  type EvaluationContext,
  type ReferenceRequest,
} from './context.js';
export { ExpressionError, type ExpressionErrorKind } from './errors.js';
export { Evaluator, evaluateExpression, evaluateJson, type EvaluateOptions } from './evaluate.js';
export { BUILTIN_FUNCTIONS } from './functions/builtins.js';
export { buildResourceId, scopeIdParts } from './functions/resource-id.js';
export { templateGuid } from './guid.js';
export { isExpressionText, parseExpression, parseTemplateString } from './parser.js';
export { KNOWN_AFTER_DEPLOYMENT, extendRef, listRef, referenceRef, type PathSegment } from './refs.js';
export { uniqueString } from './unique-string.js';
export {
  deepEquals,
  findKey,
  fromJson,
  getProperty,
  isArmObject,
  toJsonText,
  type ArmArray,
  type ArmObject,
  type ArmValue,
  type Tri,
} from './values.js';

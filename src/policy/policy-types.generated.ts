/* eslint-disable */
/**
 * Generated from schema/policy.schema.json by `npm run gen:types` (json-schema-to-typescript).
 * Do not edit by hand: change the schema and regenerate.
 */

/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "severity".
 */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "condition".
 */
export type Condition = FieldCondition | CountCondition | AllOfCondition | AnyOfCondition | NotCondition;
/**
 * A dotted field path into the model, e.g. identity.type or kubeletRoleAssignments[*].role.name. Inside count.where, paths are relative to the counted element; a leading $outer. reaches the element that encloses it (Azure Policy's current()).
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "path".
 */
export type Path = string;
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "operand".
 */
export type Operand = Scalar | FieldRef;
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "scalar".
 */
export type Scalar = string | number | boolean | null;
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "listOperand".
 */
export type ListOperand = Scalar[] | FieldRef;
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "orderedOperand".
 */
export type OrderedOperand = (number | string) | FieldRef;

/**
 * One aks-identity-lint policy: which entities it applies to (target, when) and the compliant state they must be in (assert).
 */
export interface Policy {
  /**
   * Path or URL of this schema, for editor completion.
   */
  $schema?: string;
  /**
   * Stable identifier, e.g. AKSID001. Built-in IDs are part of the product contract.
   */
  id: string;
  /**
   * One line: the compliant state, e.g. 'Local accounts are disabled'.
   */
  title: string;
  /**
   * The title in a few words, for a table column that must fit a pull-request comment, e.g. 'Local accounts disabled'. The title is used where it is left out.
   */
  shortTitle?: string;
  /**
   * What the policy checks and why it matters.
   */
  description?: string;
  severity: Severity;
  /**
   * A finding's severity by its circumstances (a grant at subscription scope is worse than one on a resource): the first entry whose 'when' holds gives it; otherwise 'severity'. A severity set in the config file overrides all of them.
   *
   * @minItems 1
   */
  severityWhen?: [
    {
      when: Condition;
      severity: Severity;
    },
    ...{
      when: Condition;
      severity: Severity;
    }[],
  ];
  /**
   * The entity type the policy is evaluated on.
   */
  target:
    'cluster' | 'managedIdentity' | 'roleAssignment' | 'roleDefinition' | 'federatedCredential' | 'registry';
  /**
   * Applicability: the policy is evaluated only on entities for which this holds. Omitted: every entity of the target type.
   */
  when?: FieldCondition | CountCondition | AllOfCondition | AnyOfCondition | NotCondition;
  /**
   * The compliant state. False is a failure, unknown is indeterminate.
   */
  assert: FieldCondition | CountCondition | AllOfCondition | AnyOfCondition | NotCondition;
  /**
   * The related entities a failure is caused by, and so annotated on (where the reviewer changes code): the elements of this list for which 'where' holds, e.g. the role assignments that grant too much. Without it, a failing count that counts too many entities names the entities it counted.
   */
  culprits?: {
    /**
     * A dotted field path into the model, e.g. identity.type or kubeletRoleAssignments[*].role.name. Inside count.where, paths are relative to the counted element; a leading $outer. reaches the element that encloses it (Azure Policy's current()).
     */
    field: string;
    /**
     * Which of them; paths are relative to the element, $outer. reaches the policy's target.
     */
    where?: FieldCondition | CountCondition | AllOfCondition | AnyOfCondition | NotCondition;
  };
  /**
   * Failure message. {{path}} interpolates a field of the entity; secrets are never interpolated.
   */
  message: string;
  remediation: {
    /**
     * How to fix it, in one or two sentences.
     */
    summary: string;
    /**
     * The fix in Terraform (azurerm).
     */
    terraform?: string;
    /**
     * The fix in Bicep.
     */
    bicep?: string;
  };
  /**
   * Documentation the rule encodes.
   */
  references?: string[];
  /**
   * Where the policy's own documentation page lives.
   */
  helpUri?: string;
  tags?: string[];
  /**
   * Entities of the target type with the result they must give; 'aks-identity-lint test' evaluates them. A value {"$unknown": "reason"} stands for a value known only after apply.
   */
  examples?: {
    pass?: Example[];
    fail?: Example[];
    indeterminate?: Example[];
    notApplicable?: Example[];
  };
}
/**
 * A field and exactly one operator.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "fieldCondition".
 */
export interface FieldCondition {
  field: Path;
  equals?: Operand;
  notEquals?: Operand;
  in?: ListOperand;
  notIn?: ListOperand;
  exists?: boolean;
  like?: string;
  notLike?: string;
  match?: string;
  notMatch?: string;
  matchInsensitively?: string;
  notMatchInsensitively?: string;
  contains?: Operand;
  notContains?: Operand;
  greater?: OrderedOperand;
  greaterOrEquals?: OrderedOperand;
  less?: OrderedOperand;
  lessOrEquals?: OrderedOperand;
  /**
   * The field (a role's permissions: role.permissions) grants this control-plane operation, as Azure decides: the role's wildcards, notActions within their block, case-insensitively. The operation is taken as written (Microsoft.ManagedIdentity/userAssignedIdentities/* /assign/action is one operation's name). Unknown when the permissions are, or when only a conditional block grants it.
   */
  allowsAction?: string;
  /**
   * As allowsAction, for a data-plane operation (dataActions minus notDataActions).
   */
  allowsDataAction?: string;
  /**
   * The permissions grant some control-plane operation the pattern matches: * /write asks whether the role can write anything, Microsoft.Network/* whether it can do anything to networks.
   */
  allowsAnyAction?: string;
  /**
   * As allowsAnyAction, for data-plane operations.
   */
  allowsAnyDataAction?: string;
}
/**
 * The value of another field (field-to-field comparison), e.g. {"field": "$outer.oidcIssuer.url"}.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "fieldRef".
 */
export interface FieldRef {
  field: Path;
}
/**
 * Counts the elements of an array field for which 'where' holds, and compares the count.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "countCondition".
 */
export interface CountCondition {
  count: {
    field: Path;
    where?: Condition;
  };
  equals?: number;
  notEquals?: number;
  greater?: number;
  greaterOrEquals?: number;
  less?: number;
  lessOrEquals?: number;
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "allOfCondition".
 */
export interface AllOfCondition {
  /**
   * @minItems 1
   */
  allOf: [Condition, ...Condition[]];
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "anyOfCondition".
 */
export interface AnyOfCondition {
  /**
   * @minItems 1
   */
  anyOf: [Condition, ...Condition[]];
}
/**
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "notCondition".
 */
export interface NotCondition {
  not: Condition;
}
/**
 * A partial entity of the policy's target type.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "example".
 */
export interface Example {
  [k: string]: unknown;
}

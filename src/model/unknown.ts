/**
 * A value that exists but is not known yet: computed by Terraform at apply time, or an ARM expression that cannot
 * be resolved before deployment. It is distinct from an absent value, and conditions treat it with Kleene logic.
 *
 * `ref` names what the value will be (for example the Terraform attribute
 * `azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id`), normalised by the adapter that produced it, so two
 * unknowns that are the same value can still be recognised as equal.
 */
export class Unknown {
  constructor(
    readonly reason: string,
    readonly ref?: string,
    /**
     * The value is an identifier of its own (a resource ID, a principal ID) that no other value shares: two distinct
     * unknowns with different refs are different values, and none equals a value already known.
     */
    readonly distinct = false,
    /**
     * The value identifies an object that exists before the change (read by a data source, the subscription a new
     * resource group is created in): it may equal a known value, but never one the change creates (a distinct one).
     */
    readonly existing = false,
  ) {}

  toJSON(): { unknown: string; ref?: string } {
    return this.ref === undefined ? { unknown: this.reason } : { unknown: this.reason, ref: this.ref };
  }

  toString(): string {
    return this.ref === undefined ? `(${this.reason})` : `(${this.reason}: ${this.ref})`;
  }
}

/**
 * An element of a linked list that may or may not belong to it (a registry granted to a principal that may be the
 * cluster's): a count counts it as "maybe", where an unknown value in a list of values is surely there.
 */
export class MaybeElement extends Unknown {}

export const KNOWN_AFTER_APPLY = 'known after apply';

/**
 * How a reader is told of an unknown value: by what it will be, when that is known, and why it is not known. The ID
 * of a resource is named by the resource: `azurerm_subnet.aks` (known after apply).
 */
export function describeUnknown(value: Unknown): string {
  if (value.ref === undefined) return `(${value.reason})`;
  return `\`${value.ref.replace(/\.id$/, '')}\` (${value.reason})`;
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function unknownAfterApply(ref?: string, distinct = false, existing = false): Unknown {
  return new Unknown(KNOWN_AFTER_APPLY, ref, distinct, existing);
}

/**
 * A value the input sets, but whose origin an adapter cannot follow (a dynamic block, a local value, an expression
 * it cannot evaluate): it is as unknown as a computed value, and the reason says why.
 */
export function unknownOrigin(why: string, ref?: string): Unknown {
  return new Unknown(`of unknown origin: ${why}`, ref);
}

/** A value a policy may see: the value itself, or a marker that it is known only later. */
export type Value<T> = T | Unknown;

/** Attributes whose computed value identifies its resource alone: IDs of resources and of their principals. */
const IDENTIFIER_ATTRIBUTES = new Set([
  'id',
  'principal_id',
  'object_id',
  'client_id',
  'oidc_issuer_url',
  'role_definition_resource_id',
  'role_definition_id',
  'node_resource_group_id',
]);

/**
 * Whether a ref (`<resource>.<attribute>`) names an identifier no other value shares: an ID computed for a resource
 * this plan manages. A data source reads an existing object that other names may refer to, so its IDs are not.
 */
export function isIdentifierRef(ref: string): boolean {
  if (isDataSourceRef(ref)) return false;
  return IDENTIFIER_ATTRIBUTES.has(ref.slice(ref.lastIndexOf('.') + 1));
}

/** Whether a ref names an identifier read by a data source: an object that exists before the change. */
export function isExistingRef(ref: string): boolean {
  return isDataSourceRef(ref) && IDENTIFIER_ATTRIBUTES.has(ref.slice(ref.lastIndexOf('.') + 1));
}

function isDataSourceRef(ref: string): boolean {
  return ref.startsWith('data.') || ref.includes('.data.');
}

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
  ) {}

  toJSON(): { unknown: string; ref?: string } {
    return this.ref === undefined ? { unknown: this.reason } : { unknown: this.reason, ref: this.ref };
  }

  toString(): string {
    return this.ref === undefined ? `(${this.reason})` : `(${this.reason}: ${this.ref})`;
  }
}

export const KNOWN_AFTER_APPLY = 'known after apply';

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function unknownAfterApply(ref?: string): Unknown {
  return new Unknown(KNOWN_AFTER_APPLY, ref);
}

/** A value a policy may see: the value itself, or a marker that it is known only later. */
export type Value<T> = T | Unknown;

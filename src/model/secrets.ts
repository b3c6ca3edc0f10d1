/**
 * Keys whose values are secrets in every format this tool reads (Terraform, ARM, az CLI), matched
 * case-insensitively. Adapters redact them; message templates refuse to interpolate them.
 */
const SECRET_KEYS = new Set(
  [
    'client_secret',
    'server_app_secret',
    'secret',
    'serverAppSecret',
    'password',
    'admin_password',
    'adminPassword',
    'kube_config',
    'kube_config_raw',
    'kube_admin_config',
    'kube_admin_config_raw',
    'client_key',
    'client_certificate',
    'primary_access_key',
    'secondary_access_key',
  ].map((k) => k.toLowerCase()),
);

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

export const REDACTED = '[redacted]';

/** Shorter strings are too likely to occur by chance to scrub from text (they are still redacted in the model). */
const MIN_SCRUBBED_LENGTH = 4;

/** Replaces every occurrence of a known secret in text that leaves the tool (reports, annotations, logs). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SCRUBBED_LENGTH) continue;
    // Also as it appears inside a JSON string, where quotes and backslashes are escaped.
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out;
}

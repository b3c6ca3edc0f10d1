import type { InputFormat } from '../model/entities.js';
import { asArray, asObject, asString } from './json-value.js';
import { isLiveResource } from './live/live-resources.js';

/** What a JSON document is, judged from its content alone (file names say nothing reliable). */
export type Detection =
  | {
      supported: true;
      format: InputFormat;
      name: string;
      /** Where in the document the input is, when it is wrapped (an Azure REST API example's response body). */
      within?: (string | number)[];
    }
  | { supported: false; name: string; hint: string };

export const SUPPORTED_FORMATS_TEXT =
  'a Terraform plan (terraform show -json <planfile>), an ARM template (az bicep build), an ARM what-if result (az deployment group what-if --no-pretty-print) or live state (az aks show, az role assignment list, az identity list, a REST GET or list)';

const LIVE: Detection = {
  supported: true,
  format: 'live-state',
  name: 'live state (Azure CLI, REST or PowerShell JSON)',
};

export function detectFormat(value: unknown): Detection {
  const root = asObject(value);
  if (root === undefined) {
    // `az ... list` prints an array of resources; an empty one is read as nothing found. One element that is not a
    // resource is bad live state, to be reported where it is, rather than a file of an unknown format.
    if (Array.isArray(value) && value.length > 0 && value.some(isLiveResource)) return LIVE;
    return unknownFormat();
  }
  if (
    typeof root['format_version'] === 'string' &&
    ('terraform_version' in root || 'planned_values' in root)
  ) {
    if ('planned_values' in root)
      return { supported: true, format: 'terraform-plan', name: 'Terraform plan JSON' };
    if ('values' in root) {
      return {
        supported: false,
        name: 'a Terraform state file',
        hint: 'expected a plan: run `terraform plan -out tfplan` then `terraform show -json tfplan`',
      };
    }
    return {
      supported: false,
      name: 'Terraform JSON without planned_values',
      hint: 'expected the output of `terraform show -json <planfile>`',
    };
  }
  const schema = asString(root['$schema']) ?? '';
  // The template schemas of resource group, subscription, management group and tenant deployments.
  if (/deploymentTemplate\.json/i.test(schema)) {
    return { supported: true, format: 'arm-template', name: 'an ARM template' };
  }
  if (/deploymentParameters\.json/i.test(schema)) {
    return {
      supported: false,
      name: 'an ARM parameters file',
      hint: 'pass it with --parameters (or name it <template>.parameters.json next to its template)',
    };
  }
  if (
    asArray(root['changes']) !== undefined ||
    asArray(asObject(root['properties'])?.['changes']) !== undefined
  ) {
    return { supported: true, format: 'arm-whatif', name: 'an ARM what-if result' };
  }
  if (isLiveResource(root)) return LIVE;
  const example = asObject(asObject(asObject(root['responses'])?.['200'])?.['body']);
  if (example !== undefined && 'parameters' in root) {
    const inner = detectFormat(example);
    // The REST API specs' examples hold real response bodies: one of a format this tool reads is read.
    if (inner.supported) {
      return {
        ...inner,
        name: `an Azure REST API example of ${inner.name}`,
        within: ['responses', '200', 'body'],
      };
    }
    return notYet(
      inner.name === 'an unknown format'
        ? 'an Azure REST API example'
        : `an Azure REST API example of ${inner.name}`,
    );
  }
  const page = asArray(root['value']);
  if (page !== undefined && page.length > 0 && page.some(isLiveResource)) return LIVE;
  return unknownFormat();
}

function notYet(name: string): Detection {
  return { supported: false, name, hint: `this version reads only ${SUPPORTED_FORMATS_TEXT}` };
}

function unknownFormat(): Detection {
  return { supported: false, name: 'an unknown format', hint: `expected ${SUPPORTED_FORMATS_TEXT}` };
}

import { Unknown } from '../../src/model/unknown.js';
import { renderMessage } from '../../src/policy/template.js';

describe('message templates', () => {
  const cluster = {
    name: 'aks-prod',
    identity: { type: 'SystemAssigned', principalId: new Unknown('known after apply') },
    tags: ['a', 'b'],
    empty: [],
    servicePrincipal: { clientId: 'app-id' },
    raw: { service_principal: [{ client_secret: 'hunter2-but-longer' }] },
  };

  it('interpolate fields', () => {
    expect(renderMessage("Cluster '{{name}}' is {{ identity.type }}", cluster)).toBe(
      "Cluster 'aks-prod' is SystemAssigned",
    );
  });
  it('say when a value is unknown or not set', () => {
    expect(renderMessage('{{identity.principalId}} / {{aad.managed}}', cluster)).toBe(
      '(known after apply) / (not set)',
    );
  });
  it('join arrays and [*] paths', () => {
    expect(renderMessage('{{tags}} | {{tags[*]}} | {{empty}}', cluster)).toBe('a, b | a, b | (none)');
  });
  it('never interpolate a secret, whatever the path', () => {
    expect(renderMessage('{{raw.service_principal[0].client_secret}}', cluster)).toBe('[redacted]');
    expect(renderMessage('{{raw.service_principal[0].CLIENT_SECRET}}', cluster)).toBe('[redacted]');
  });
  it('leave a malformed placeholder as written', () => {
    expect(renderMessage('{{not a path}}', cluster)).toBe('{{not a path}}');
  });
});

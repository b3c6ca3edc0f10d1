import { isSecretKey, REDACTED, scrubSecrets } from '../../src/model/secrets.js';

describe('scrubSecrets', () => {
  it('replaces a secret as written and as escaped inside a JSON string', () => {
    const secret = 'pa"ss\\word-42';
    const text = `plain ${secret}; json ${JSON.stringify({ v: secret })}`;
    expect(scrubSecrets(text, [secret])).toBe(`plain ${REDACTED}; json {"v":"${REDACTED}"}`);
  });

  it('replaces every occurrence, and leaves strings too short to be told from chance', () => {
    expect(scrubSecrets('abcd-abcd', ['abcd'])).toBe(`${REDACTED}-${REDACTED}`);
    expect(scrubSecrets('abc abc', ['abc'])).toBe('abc abc');
  });
});

describe('isSecretKey', () => {
  it('knows secret keys of every format in any case', () => {
    for (const key of [
      'client_secret',
      'serverAppSecret',
      'SECRET',
      'kube_admin_config_raw',
      'adminPassword',
    ])
      expect(isSecretKey(key)).toBe(true);
    expect(isSecretKey('client_id')).toBe(false);
  });
});

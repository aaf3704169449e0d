import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
  credentialHelperFor,
  credentialsFromDockerConfig,
  credentialsFromHelperAnswer,
  hasStoredLogin
} from '../../../src/adapters/docker-credentials.js';

const auth = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

describe('credentialsFromDockerConfig', () => {
  const config = JSON.stringify({
    auths: {
      '123456789012.dkr.ecr.us-east-1.amazonaws.com': {auth: auth('AWS', 'ecr:token:with:colons')},
      'https://index.docker.io/v1/': {auth: auth('octocat', 'hub-token')},
      'https://registry.example.com/v2/': {auth: auth('me', 'secret')},
      'acr.example.io': {identitytoken: 'refresh-token'}
    },
    credsStore: 'desktop'
  });

  it('reads the auths entry of a registry, with or without scheme and path, password with colons', () => {
    expect(credentialsFromDockerConfig(config, '123456789012.dkr.ecr.us-east-1.amazonaws.com')).toEqual({
      username: 'AWS',
      password: 'ecr:token:with:colons'
    });
    expect(credentialsFromDockerConfig(config, 'registry.example.com')).toEqual({username: 'me', password: 'secret'});
  });

  it('finds Docker Hub under its legacy index address', () => {
    expect(credentialsFromDockerConfig(config, 'docker.io')).toEqual({username: 'octocat', password: 'hub-token'});
  });

  it('gives nothing for identity tokens, unknown registries and broken files', () => {
    expect(credentialsFromDockerConfig(config, 'acr.example.io')).toBeUndefined();
    expect(credentialsFromDockerConfig(config, 'ghcr.io')).toBeUndefined();
    expect(credentialsFromDockerConfig('{not json', 'ghcr.io')).toBeUndefined();
    expect(
      credentialsFromDockerConfig(JSON.stringify({auths: {'ghcr.io': {auth: 'bm9jb2xvbg=='}}}), 'ghcr.io')
    ).toBeUndefined();
  });
});

describe('credential helpers', () => {
  it('names the helper for the registry: credHelpers first, then credsStore', () => {
    const config = JSON.stringify({credHelpers: {'europe-docker.pkg.dev': 'gcloud'}, credsStore: 'pass'});
    expect(credentialHelperFor(config, 'europe-docker.pkg.dev')).toBe('gcloud');
    expect(credentialHelperFor(config, 'ghcr.io')).toBe('pass');
    expect(credentialHelperFor('{}', 'ghcr.io')).toBeUndefined();
    expect(credentialHelperFor(JSON.stringify({credsStore: '../../bin/sh'}), 'ghcr.io')).toBeUndefined();
  });

  it('reads a helper answer, but not an identity token', () => {
    expect(credentialsFromHelperAnswer('{"ServerURL":"ghcr.io","Username":"octocat","Secret":"s3cr3t"}')).toEqual({
      username: 'octocat',
      password: 's3cr3t'
    });
    expect(credentialsFromHelperAnswer('{"Username":"<token>","Secret":"refresh"}')).toBeUndefined();
    expect(credentialsFromHelperAnswer('credentials not found in native keychain')).toBeUndefined();
  });
});

describe('hasStoredLogin', () => {
  it('finds an auths entry or a credential helper for the registry in DOCKER_CONFIG', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'docker-config-'));
    const env = {DOCKER_CONFIG: workspace};
    expect(hasStoredLogin('ghcr.io', env)).toBe(false);
    writeFileSync(
      join(workspace, 'config.json'),
      JSON.stringify({
        auths: {'https://ghcr.io': {auth: Buffer.from('u:p').toString('base64')}},
        credHelpers: {'registry.example.com': 'pass'}
      })
    );
    expect(hasStoredLogin('ghcr.io', env)).toBe(true);
    expect(hasStoredLogin('registry.example.com', env)).toBe(true);
    expect(hasStoredLogin('quay.io', env)).toBe(false);
    rmSync(workspace, {recursive: true, force: true});
  });
});

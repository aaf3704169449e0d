/**
 * The credentials docker keeps in config.json for a registry, for the action's own registry calls to a registry
 * that an earlier step logged in to (docker/login-action, a cloud login), not this one. Only plain `auths`
 * entries: credential helpers and identity tokens are not read.
 */
import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';

export interface StoredCredentials {
  username: string;
  password: string;
}

/** Pure: the `auths` entry for the registry in a config.json text (keys may carry a scheme or path). */
export function credentialsFromDockerConfig(configText: string, registry: string): StoredCredentials | undefined {
  let auths: Record<string, {auth?: unknown}> = {};
  try {
    auths = (JSON.parse(configText) as {auths?: typeof auths}).auths ?? {};
  } catch {
    return undefined;
  }
  const wanted = registry === 'docker.io' ? ['docker.io', 'index.docker.io', 'registry-1.docker.io'] : [registry];
  const entry = Object.entries(auths).find(([key]) => wanted.includes(key.replace(/^https?:\/\//, '').split('/')[0]!));
  const auth = entry?.[1]?.auth;
  if (typeof auth !== 'string' || auth === '') return undefined;
  const decoded = Buffer.from(auth, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return undefined;
  return {username: decoded.slice(0, separator), password: decoded.slice(separator + 1)};
}

export function storedDockerCredentials(
  registry: string,
  env: Readonly<Record<string, string | undefined>> = process.env
): StoredCredentials | undefined {
  try {
    const file = join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json');
    return credentialsFromDockerConfig(readFileSync(file, 'utf8'), registry);
  } catch {
    return undefined;
  }
}

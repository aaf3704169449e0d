/**
 * The credentials docker keeps for a registry, for the action's own registry calls to a registry that an earlier
 * step logged in to (docker/login-action, `gcloud auth configure-docker`, a cloud login), not this one: a plain
 * `auths` entry of config.json, else the credential helper it names (`credHelpers` for the registry, else
 * `credsStore`), asked as docker asks it (`docker-credential-<helper> get`, the registry on stdin). Identity
 * tokens are not used.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join} from 'node:path';

export interface StoredCredentials {
  username: string;
  password: string;
}

/** Pure: the `auths` entry for the registry in a config.json text (keys may carry a scheme or path). */
export function credentialsFromDockerConfig(configText: string, registry: string): StoredCredentials | undefined {
  const auths = (parseConfig(configText).auths ?? {}) as Record<string, {auth?: unknown}>;
  const wanted = registry === 'docker.io' ? ['docker.io', 'index.docker.io', 'registry-1.docker.io'] : [registry];
  const entry = Object.entries(auths).find(([key]) => wanted.includes(hostOfConfigKey(key)));
  const auth = entry?.[1]?.auth;
  if (typeof auth !== 'string' || auth === '') return undefined;
  const decoded = Buffer.from(auth, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return undefined;
  return {username: decoded.slice(0, separator), password: decoded.slice(separator + 1)};
}

/** Pure: the credential helper config.json names for the registry (`credHelpers` first, then `credsStore`). */
export function credentialHelperFor(configText: string, registry: string): string | undefined {
  const config = parseConfig(configText) as {credHelpers?: Record<string, unknown>; credsStore?: unknown};
  const named = Object.entries(config.credHelpers ?? {}).find(([key]) => hostOfConfigKey(key) === registry)?.[1];
  const helper = typeof named === 'string' && named !== '' ? named : config.credsStore;
  return typeof helper === 'string' && /^[A-Za-z0-9_.-]+$/.test(helper) ? helper : undefined;
}

/** Pure: a credential helper's `get` answer; an identity token (Username `<token>`) is not a password. */
export function credentialsFromHelperAnswer(stdout: string): StoredCredentials | undefined {
  try {
    const {Username, Secret} = JSON.parse(stdout) as {Username?: unknown; Secret?: unknown};
    if (typeof Username !== 'string' || typeof Secret !== 'string' || Username === '' || Username === '<token>') {
      return undefined;
    }
    return {username: Username, password: Secret};
  } catch {
    return undefined;
  }
}

/** A helper that hangs (a desktop keychain waiting for a prompt) must not hold the step. */
const HELPER_TIMEOUT_MS = 10_000;

/** docker's config.json as text, or undefined when there is none to read. */
function readDockerConfig(env: Readonly<Record<string, string | undefined>>): string | undefined {
  try {
    return readFileSync(dockerConfigFile(env), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Whether config.json holds a login for the registry or names a credential helper that may: the helper is not
 * asked, so that no process starts before the step has checked its inputs.
 */
export function hasStoredLogin(registry: string, env: Readonly<Record<string, string | undefined>>): boolean {
  const configText = readDockerConfig(env);
  if (configText === undefined) return false;
  return (
    credentialsFromDockerConfig(configText, registry) !== undefined ||
    credentialHelperFor(configText, registry) !== undefined
  );
}

export function storedDockerCredentials(
  registry: string,
  env: Readonly<Record<string, string | undefined>> = process.env
): StoredCredentials | undefined {
  const configText = readDockerConfig(env);
  if (configText === undefined) return undefined;
  const stored = credentialsFromDockerConfig(configText, registry);
  if (stored) return stored;
  const helper = credentialHelperFor(configText, registry);
  if (!helper) return undefined;
  try {
    const answer = execFileSync(`docker-credential-${helper}`, ['get'], {
      input: registry,
      encoding: 'utf8',
      timeout: HELPER_TIMEOUT_MS,
      stdio: ['pipe', 'pipe', 'ignore']
    });
    return credentialsFromHelperAnswer(answer);
  } catch {
    return undefined;
  }
}

/** docker's config.json, as the docker CLI finds it (DOCKER_CONFIG, else ~/.docker). */
export function dockerConfigFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json');
}

/** Pure: config.json with an `auths` entry for the registry, as `docker login` writes it without a helper. */
export function withStoredLogin(configText: string, registry: string, username: string, password: string): string {
  const config = parseConfig(configText);
  const auths = (config.auths ?? {}) as Record<string, unknown>;
  auths[registry] = {auth: Buffer.from(`${username}:${password}`).toString('base64')};
  return JSON.stringify({...config, auths}, null, '\t') + '\n';
}

/** Pure: config.json without the registry's `auths` entry, as `docker logout` leaves it. */
export function withoutStoredLogin(configText: string, registry: string): string {
  const config = parseConfig(configText);
  const auths = {...((config.auths ?? {}) as Record<string, unknown>)};
  for (const key of Object.keys(auths)) {
    if (hostOfConfigKey(key) === registry) delete auths[key];
  }
  return JSON.stringify({...config, auths}, null, '\t') + '\n';
}

/** config.json keys may carry a scheme and a path (https://index.docker.io/v1/): the registry host alone. */
function hostOfConfigKey(key: string): string {
  return key.replace(/^https?:\/\//, '').split('/')[0]!;
}

/** config.json as an object; an unreadable one as empty, as docker treats a missing file. */
function parseConfig(configText: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(configText) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Stores or removes a login in docker's config.json without the docker CLI (a runner or container job without it). */
export function storeLogin(registry: string, login: StoredCredentials | undefined): void {
  const file = dockerConfigFile();
  let text = '{}';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    if (!login) return;
  }
  mkdirSync(dirname(file), {recursive: true});
  const next = login
    ? withStoredLogin(text, registry, login.username, login.password)
    : withoutStoredLogin(text, registry);
  writeFileSync(file, next, {mode: 0o600});
}

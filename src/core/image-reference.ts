/**
 * Image references as docker and the OCI distribution spec read them: `[host[:port]/]path[:tag][@digest]`. Which
 * part is the registry, the repository and the tag, what a valid name is, and which registries are GitHub's or on
 * this machine. Pure; every module that splits or checks a reference uses these.
 */

export const GHCR_REGISTRY = 'ghcr.io';

/** Docker's rule for the first component of a reference: a registry host has '.', ':' or is localhost. */
export function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** The registry host of an image reference (docker.io when the first component is no host). */
export function registryOf(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = image.slice(0, slash);
  return isRegistryHost(first) ? first : 'docker.io';
}

/** The repository path of an image reference without tag (docker.io's official images live under library/). */
export function repositoryOf(image: string): string {
  const registry = registryOf(image);
  const rest = image.startsWith(`${registry}/`) ? image.slice(registry.length + 1) : image;
  return registry === 'docker.io' && !rest.includes('/') ? `library/${rest}` : rest;
}

/** Splits `registry/repository:tag` (registry optional when it is the given one) into repository and tag. */
export function splitReference(reference: string, registry: string): {repository: string; tag: string} {
  let rest = reference;
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  if (first === registry) rest = rest.slice(slash + 1);
  else if (isRegistryHost(first)) {
    throw new Error(`${reference} is not on the registry ${registry}`);
  }
  const colon = rest.lastIndexOf(':');
  if (colon < 0 || colon < rest.lastIndexOf('/')) throw new Error(`${reference} has no tag`);
  return {repository: rest.slice(0, colon), tag: rest.slice(colon + 1)};
}

/** localhost, 127.0.0.0/8 and [::1], with or without a port: this machine (unreachable from a container's network). */
export function isLoopbackRegistry(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || /^127(?:\.\d{1,3}){3}$/.test(name) || name === '::1';
}

/** ghcr.io, or the container registry of a GitHub Enterprise Server (containers.<host>). */
export function isGitHubContainerRegistry(registry: string): boolean {
  return registry === GHCR_REGISTRY || /^containers\./.test(registry);
}

// OCI distribution grammar: `[host[:port]/]component(/component)*`, lowercase.
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 255;

/** Why a lowercased image name (no tag, no digest) is not valid, if it is not. */
export function imageNameProblem(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  if (name.includes('@')) return 'has a digest; tags and digests come from the build, not from images';
  const components = name.split('/');
  const hasDomain = components.length > 1 && isRegistryHost(components[0] ?? '');
  const domain = hasDomain ? components.shift() : undefined;
  if (domain !== undefined) {
    const problem = registryHostProblem(domain);
    if (problem) return `has an invalid registry host "${domain}" (${problem})`;
  }
  const last = components[components.length - 1] ?? '';
  if (last.includes(':')) return 'has a tag; tags come from the tags input';
  const bad = components.find(component => !PATH_COMPONENT.test(component));
  if (bad !== undefined) return bad === '' ? 'has an empty path component' : `has an invalid path component "${bad}"`;
  return undefined;
}

/** Why `host[:port]` cannot be a registry address, if it cannot. */
function registryHostProblem(domain: string): string | undefined {
  if (!DOMAIN.test(domain)) {
    return /\s/.test(domain)
      ? 'it has a blank'
      : /(^|\.)(\.|:|$)/.test(domain)
        ? 'it has an empty label between dots'
        : 'write host or host:port with letters, digits, dots and dashes';
  }
  const port = /:(\d+)$/.exec(domain)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `port ${port} is not 1-65535`;
  const host = domain.replace(/:\d+$/, '');
  if (!host.startsWith('[') && host.split('.').some(label => label.length > 63)) return 'a label is over 63 characters';
  return undefined;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** The OCI tag grammar: 1 to 128 characters, not starting with '.' or '-'. */
export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

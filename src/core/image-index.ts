/**
 * The multi-platform OCI image index the merge job puts in the registry, from the manifests the platform jobs
 * pushed by digest. Pure: the merge adapter fetches the manifests (and image configs) and puts the result.
 *
 * A platform job's digest is an image manifest, or (with buildx's default provenance) an index holding the
 * image manifest and its attestation manifest; the entries of such an index are carried over as they are, as
 * `buildx imagetools create` does, so attestations stay attached to their images.
 */
import {ActionableError} from './errors.js';
import {splitAnnotation} from './metadata/index.js';
import {sha256Digest} from './digests.js';
import {normalizePlatform} from './platforms.js';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const INDEX_TYPES = [OCI_INDEX, 'application/vnd.docker.distribution.manifest.list.v2+json'];
const IMAGE_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json'
];
/** BuildKit marks the attestation manifests of an index with this annotation (and platform unknown/unknown). */
const REFERENCE_TYPE = 'vnd.docker.reference.type';

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

/** What the merge adapter fetched for one handed-off digest. */
export interface PlatformSource {
  /** The platform the job says it built (os/arch[/variant]). */
  platform: string;
  digest: string;
  mediaType: string;
  /** The manifest's bytes as served. */
  body: string;
  /** For an image manifest: its config blob, where the platform is recorded. */
  config?: string;
}

export function isIndexType(mediaType: string): boolean {
  return INDEX_TYPES.includes(mediaType);
}

/** The config digest of an image manifest, which the adapter fetches to learn the platform. */
export function configDigestOf(source: Pick<PlatformSource, 'digest' | 'mediaType' | 'body'>): string {
  const manifest = parseJson(source.body, source.digest) as {config?: {digest?: unknown}};
  const digest = manifest.config?.digest;
  if (typeof digest !== 'string') throw new ActionableError(`The manifest ${source.digest} has no config digest.`);
  return digest;
}

/** The index entries for one platform job's digest; its images must be of the platform the job reported. */
export function descriptorsFor(source: PlatformSource): Descriptor[] {
  let descriptors: Descriptor[];
  if (isIndexType(source.mediaType)) {
    const index = parseJson(source.body, source.digest) as {manifests?: Descriptor[]};
    descriptors = (index.manifests ?? []).map(entry => ({...entry}));
  } else if (IMAGE_TYPES.includes(source.mediaType)) {
    const config = parseJson(source.config ?? '', `the config of ${source.digest}`) as Partial<Platform>;
    const platform: Platform = {architecture: String(config.architecture ?? ''), os: String(config.os ?? '')};
    if (config.variant) platform.variant = config.variant;
    if (config['os.version']) platform['os.version'] = config['os.version'];
    if (config['os.features']?.length) platform['os.features'] = config['os.features'];
    descriptors = [
      {mediaType: source.mediaType, digest: source.digest, size: Buffer.byteLength(source.body), platform}
    ];
  } else {
    throw new ActionableError(
      `The digest ${source.digest} handed off for ${source.platform} is a ${source.mediaType || 'manifest of unknown type'}, ` +
        'not an image or an image index.'
    );
  }
  const images = descriptors.filter(entry => !isAttestation(entry));
  const expected = normalizePlatform(source.platform);
  const wrong = images.filter(entry => platformName(entry.platform) !== expected);
  if (images.length === 0 || wrong.length > 0) {
    const found = images.map(entry => platformName(entry.platform)).join(', ') || 'no image';
    throw new ActionableError(
      `The digest ${source.digest} was handed off as ${expected} but holds ${found}. The platform job's ` +
        '"platforms" must name the platform it builds (is the matrix value passed to "platforms"?).'
    );
  }
  return descriptors;
}

/** os/arch[/variant], normalized like platforms in inputs. */
function platformName(platform: Platform | undefined): string {
  if (!platform) return 'unknown';
  return normalizePlatform([platform.os, platform.architecture, platform.variant].filter(Boolean).join('/'));
}

function isAttestation(entry: Descriptor): boolean {
  return entry.annotations?.[REFERENCE_TYPE] !== undefined || platformName(entry.platform) === 'unknown/unknown';
}

export interface ImageIndex {
  body: string;
  digest: string;
  mediaType: typeof OCI_INDEX;
  manifests: Descriptor[];
}

/** The index over every platform's entries, with the annotations GHCR reads from an index (description…). */
export function buildImageIndex(sources: readonly PlatformSource[], annotations: Record<string, string>): ImageIndex {
  const manifests: Descriptor[] = [];
  for (const source of sources) {
    for (const descriptor of descriptorsFor(source)) {
      if (!manifests.some(entry => entry.digest === descriptor.digest)) manifests.push(descriptor);
    }
  }
  const index = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests,
    ...(Object.keys(annotations).length > 0 ? {annotations} : {})
  };
  const body = JSON.stringify(index, null, 2);
  return {body, digest: sha256Digest(body), mediaType: OCI_INDEX, manifests};
}

/**
 * metadata's annotations (`level:key=value` or `key=value`) as index annotations, as docker/github-builder
 * rewrites them for its merge: every level lands on the index, the first value of a key wins.
 */
export function indexAnnotations(annotations: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const annotation of annotations) {
    const parts = splitAnnotation(annotation);
    if (parts && !(parts.key in result)) result[parts.key] = parts.value;
  }
  return result;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ActionableError(`The registry served ${what} as something other than JSON.`);
  }
}

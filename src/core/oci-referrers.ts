/**
 * An artifact attached to an image as the OCI 1.1 distribution spec has it: a manifest whose `subject` is the
 * image, found through the registry's referrers API, or where a registry has none (GHCR, Distribution 2.x) through
 * the referrers tag schema: an index tagged `sha256-<hex of the subject>` listing the referring manifests. This is
 * how @sigstore/oci attaches a Sigstore bundle (actions/attest's push-to-registry). Pure.
 */
import {sha256Digest} from './digests.js';
import {OCI_INDEX} from './image-index.js';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
export const EMPTY_CONFIG = '{}';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

export interface Artifact {
  artifactType: string;
  /** The one layer: the artifact's content. */
  layer: {mediaType: string; digest: string; size: number};
  annotations: Record<string, string>;
}

/** The manifest attaching `artifact` to `subject`, and its descriptor for a referrers index. */
export function referringManifest(artifact: Artifact, subject: Descriptor): {body: string; descriptor: Descriptor} {
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: artifact.artifactType,
    config: {mediaType: OCI_EMPTY, digest: sha256Digest(EMPTY_CONFIG), size: EMPTY_CONFIG.length},
    layers: [artifact.layer],
    subject: {mediaType: subject.mediaType, digest: subject.digest, size: subject.size},
    annotations: artifact.annotations
  };
  const body = JSON.stringify(manifest);
  return {
    body,
    descriptor: {
      mediaType: OCI_MANIFEST,
      digest: sha256Digest(body),
      size: Buffer.byteLength(body),
      artifactType: artifact.artifactType,
      annotations: artifact.annotations
    }
  };
}

/** The fallback tag of the referrers tag schema: `sha256-<hex>`. */
export function referrersTag(subjectDigest: string): string {
  return subjectDigest.replace(':', '-');
}

/**
 * The referrers index under the fallback tag with `descriptor` added (once), keeping what others attached; undefined
 * when the tag holds something that is not an index (the spec: report it and leave the tag alone).
 */
export function withReferrer(existingIndex: string | undefined, descriptor: Descriptor): string | undefined {
  let manifests: Descriptor[] = [];
  if (existingIndex) {
    let existing: {mediaType?: string; manifests?: unknown};
    try {
      existing = JSON.parse(existingIndex) as {mediaType?: string; manifests?: unknown};
    } catch {
      return undefined;
    }
    if (existing.mediaType !== OCI_INDEX || !Array.isArray(existing.manifests)) return undefined;
    manifests = existing.manifests as Descriptor[];
  }
  if (!manifests.some(manifest => manifest.digest === descriptor.digest)) manifests = [...manifests, descriptor];
  return JSON.stringify({schemaVersion: 2, mediaType: OCI_INDEX, manifests});
}

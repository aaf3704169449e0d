/**
 * The images the step runs for its own tooling: BuildKit for a docker-container builder it creates, and the binfmt
 * installer of QEMU emulators. Both come from Docker Hub, whose anonymous pulls are limited per address (10 an hour
 * since April 2025, shared by every job on a runner's address), so they are pinned by digest and kept in the GitHub
 * Actions cache under that digest. A digest names the bytes, so a cached copy can never be a stale tag; an image given
 * by tag only is pulled as docker pulls it, never cached. Pure.
 */
import {isSha256Digest} from './digests.js';
import {repositoryOf} from './image-reference.js';

/** moby/buildkit v0.31.2, the image setup-buildx-action's builders run (buildx-stable-1 at the time of pinning). */
export const DEFAULT_BUILDKIT_IMAGE =
  'docker.io/moby/buildkit:v0.31.2@sha256:2f5adac4ecd194d9f8c10b7b5d7bceb5186853db1b26e5abd3a657af0b7e26ec';

/** tonistiigi/binfmt qemu-v10.2.3, the installer setup-qemu-action runs (`latest` at the time of pinning). */
export const DEFAULT_BINFMT_IMAGE =
  'docker.io/tonistiigi/binfmt:qemu-v10.2.3@sha256:400a4873b838d1b89194d982c45e5fb3cda4593fbfd7e08a02e76b03b21166f0';

/**
 * busybox 1.37.0 for the throwaway builds that move cache mounts in and out of the builder (a shell and tar), from
 * Google's mirror of Docker Hub's official images: BuildKit pulls it itself, and the mirror has no Docker Hub limit.
 */
export const DEFAULT_CACHE_MOUNTS_IMAGE =
  'mirror.gcr.io/library/busybox:1.37.0@sha256:bdf57e528e45e4433820e045b29b4597825a1c9e38353532d90a01445013f82e';

export interface ToolImage {
  /** As given: what is pulled. */
  reference: string;
  /**
   * A pinned image is run by a local tag of its own: `docker load` keeps tags but not the repository digest a pull
   * records (on the classic image store), so after a restore the digest reference would not be found locally and
   * docker would pull again. Under `localhost/`, because buildx's docker-container driver tries a pull before it
   * looks locally: one to localhost fails at once, without a request to Docker Hub.
   */
  localTag?: string;
  /** The GitHub Actions cache key of a pinned image's `docker save` archive. */
  cacheKey?: string;
}

/** What the step runs for `reference` on a runner of the given architecture (Node's process.arch). */
export function toolImage(reference: string, arch: string): ToolImage {
  const at = reference.lastIndexOf('@');
  const digest = at < 0 ? '' : reference.slice(at + 1);
  if (!isSha256Digest(digest)) return {reference};
  const repository = repositoryOf(withoutTag(reference.slice(0, at)));
  const hex = digest.slice('sha256:'.length);
  return {
    reference,
    localTag: `localhost/ghcr-publish/${repository}:${hex.slice(0, 12)}`,
    cacheKey: `ghcr-publish-image-${arch}-${repository.replace(/[^a-z0-9._-]+/gi, '-')}-${hex}`
  };
}

/** The reference docker runs: the local tag of a pinned image, else the reference itself. */
export function runnableReference(image: ToolImage): string {
  return image.localTag ?? image.reference;
}

function withoutTag(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

/** The `image=` driver option a user gave, which wins over the buildkit-image input. */
export function driverOptImage(driverOpts: readonly string[]): string | undefined {
  const option = driverOpts.find(opt => opt.startsWith('image='));
  return option?.slice('image='.length);
}

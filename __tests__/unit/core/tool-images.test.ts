import {
  DEFAULT_BINFMT_IMAGE,
  DEFAULT_BUILDKIT_IMAGE,
  driverOptImage,
  runnableReference,
  toolImage
} from '../../../src/core/tool-images.js';

const DIGEST = `sha256:${'0123456789ab'.repeat(5)}abcd`;

describe('toolImage', () => {
  it('runs a pinned image by a local tag under localhost (no Docker Hub request) and caches it by digest', () => {
    const image = toolImage(`docker.io/tonistiigi/binfmt:qemu-v10.2.3@${DIGEST}`, 'x64');
    expect(image).toEqual({
      reference: `docker.io/tonistiigi/binfmt:qemu-v10.2.3@${DIGEST}`,
      localTag: 'localhost/ghcr-publish/tonistiigi/binfmt:0123456789ab',
      cacheKey: `ghcr-publish-image-x64-tonistiigi-binfmt-${DIGEST.slice(7)}`
    });
    expect(runnableReference(image)).toBe(image.localTag);
  });

  it('keys the cache by runner architecture and reads references without a tag or registry', () => {
    expect(toolImage(`moby/buildkit@${DIGEST}`, 'arm64')).toMatchObject({
      localTag: 'localhost/ghcr-publish/moby/buildkit:0123456789ab',
      cacheKey: expect.stringMatching(/^ghcr-publish-image-arm64-moby-buildkit-/)
    });
    expect(toolImage(`127.0.0.1:5000/stand-in/binfmt@${DIGEST}`, 'x64').localTag).toBe(
      'localhost/ghcr-publish/stand-in/binfmt:0123456789ab'
    );
  });

  it('leaves an image given by tag alone: pulled as docker pulls it, never cached (a tag moves)', () => {
    for (const reference of ['docker.io/tonistiigi/binfmt:latest', 'moby/buildkit', 'x/y@sha256:short']) {
      expect(toolImage(reference, 'x64')).toEqual({reference});
      expect(runnableReference(toolImage(reference, 'x64'))).toBe(reference);
    }
  });

  it('pins both defaults by digest', () => {
    for (const image of [DEFAULT_BUILDKIT_IMAGE, DEFAULT_BINFMT_IMAGE]) {
      expect(toolImage(image, 'x64').cacheKey).toBeDefined();
    }
  });
});

describe('driverOptImage', () => {
  it("finds setup-buildx-action's image= driver option", () => {
    expect(driverOptImage(['network=host', 'image=moby/buildkit:v0.20.0'])).toBe('moby/buildkit:v0.20.0');
    expect(driverOptImage(['network=host'])).toBeUndefined();
  });
});

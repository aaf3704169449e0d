import {
  buildImageIndex,
  configDigestOf,
  descriptorsFor,
  indexAnnotations,
  OCI_INDEX,
  type PlatformSource
} from '../../../src/core/image-index.js';
import {sha256Digest} from '../../../src/core/digests.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

function imageSource(platform: string, config: Record<string, unknown>, mediaType = OCI_MANIFEST): PlatformSource {
  const configText = JSON.stringify(config);
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha256Digest(configText),
      size: configText.length
    },
    layers: []
  });
  return {platform, digest: sha256Digest(body), mediaType, body, config: configText};
}

/** What buildx pushes by digest with provenance: the image and its attestation manifest in an index. */
function buildxIndexSource(platform: string, os: string, architecture: string, variant?: string): PlatformSource {
  const image = {
    mediaType: OCI_MANIFEST,
    digest: sha256Digest(`${platform}-image`),
    size: 480,
    platform: {architecture, os, ...(variant ? {variant} : {})}
  };
  const attestation = {
    mediaType: OCI_MANIFEST,
    digest: sha256Digest(`${platform}-attestation`),
    size: 566,
    annotations: {'vnd.docker.reference.digest': image.digest, 'vnd.docker.reference.type': 'attestation-manifest'},
    platform: {architecture: 'unknown', os: 'unknown'}
  };
  const body = JSON.stringify({schemaVersion: 2, mediaType: OCI_INDEX, manifests: [image, attestation]});
  return {platform, digest: sha256Digest(body), mediaType: OCI_INDEX, body};
}

describe('descriptorsFor', () => {
  it('describes an image manifest by its digest, exact size and the platform of its config', () => {
    const source = imageSource('linux/arm/v7', {architecture: 'arm', os: 'linux', variant: 'v7', rootfs: {}});
    expect(descriptorsFor(source)).toEqual([
      {
        mediaType: OCI_MANIFEST,
        digest: source.digest,
        size: Buffer.byteLength(source.body),
        platform: {architecture: 'arm', os: 'linux', variant: 'v7'}
      }
    ]);
    expect(configDigestOf(source)).toBe(sha256Digest(source.config!));
  });

  it('keeps a Docker manifest media type and os.version', () => {
    const source = imageSource(
      'windows/amd64',
      {architecture: 'amd64', os: 'windows', 'os.version': '10.0.20348.2227'},
      DOCKER_MANIFEST
    );
    expect(descriptorsFor(source)[0]).toMatchObject({
      mediaType: DOCKER_MANIFEST,
      platform: {'os.version': '10.0.20348.2227'}
    });
  });

  it('carries over the entries of a buildx index, attestation manifest included', () => {
    const source = buildxIndexSource('linux/arm64', 'linux', 'arm64');
    const entries = descriptorsFor(source);
    expect(entries).toHaveLength(2);
    expect(entries[1]?.annotations?.['vnd.docker.reference.type']).toBe('attestation-manifest');
  });

  it('accepts linux/arm64/v8 for linux/arm64', () => {
    expect(descriptorsFor(buildxIndexSource('linux/arm64', 'linux', 'arm64', 'v8'))).toHaveLength(2);
  });

  it('refuses a digest whose image is of another platform than the one handed off', () => {
    const source = {...imageSource('linux/arm64', {architecture: 'amd64', os: 'linux'})};
    expect(() => descriptorsFor(source)).toThrow(/handed off as linux\/arm64 but holds linux\/amd64.*"platforms"/);
  });

  it('refuses something that is not an image', () => {
    expect(() =>
      descriptorsFor({
        platform: 'linux/amd64',
        digest: 'sha256:x',
        mediaType: 'application/vnd.cncf.helm.config.v1+json',
        body: '{}'
      })
    ).toThrow(/not an image or an image index/);
  });
});

describe('buildImageIndex', () => {
  it('joins the platforms into one OCI index with the annotations, digest of the exact bytes', () => {
    const amd64 = buildxIndexSource('linux/amd64', 'linux', 'amd64');
    const arm64 = imageSource('linux/arm64', {architecture: 'arm64', os: 'linux'});
    const index = buildImageIndex([amd64, arm64], {'org.opencontainers.image.description': 'Hello'});
    const parsed = JSON.parse(index.body) as {
      schemaVersion: number;
      mediaType: string;
      manifests: unknown[];
      annotations: unknown;
    };
    expect(parsed.schemaVersion).toBe(2);
    expect(parsed.mediaType).toBe(OCI_INDEX);
    expect(parsed.manifests).toHaveLength(3);
    expect(parsed.annotations).toEqual({'org.opencontainers.image.description': 'Hello'});
    expect(index.digest).toBe(sha256Digest(index.body));
  });

  it('is a function of its sources and annotations alone (identical bytes, identical digest)', () => {
    const sources = [imageSource('linux/amd64', {architecture: 'amd64', os: 'linux'})];
    expect(buildImageIndex(sources, {}).body).toBe(buildImageIndex(sources, {}).body);
    expect(buildImageIndex(sources, {a: '1'}).digest).not.toBe(buildImageIndex(sources, {a: '2'}).digest);
    expect(JSON.parse(buildImageIndex(sources, {}).body)).not.toHaveProperty('annotations');
  });

  it('takes a Docker manifest list source, keeping its entries media types', () => {
    const entry = {
      mediaType: DOCKER_MANIFEST,
      digest: sha256Digest('x'),
      size: 528,
      platform: {architecture: 's390x', os: 'linux'}
    };
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
      manifests: [entry]
    });
    const index = buildImageIndex(
      [
        {
          platform: 'linux/s390x',
          digest: sha256Digest(body),
          mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
          body
        }
      ],
      {}
    );
    expect(index.manifests).toEqual([entry]);
    expect(index.mediaType).toBe(OCI_INDEX);
  });

  it('matches linux/arm to the arm/v7 BuildKit records', () => {
    expect(descriptorsFor(imageSource('linux/arm', {architecture: 'arm', os: 'linux', variant: 'v7'}))).toHaveLength(1);
  });
});

describe('indexAnnotations', () => {
  it('puts every level on the index, first value of a key wins', () => {
    expect(
      indexAnnotations([
        'manifest:org.opencontainers.image.description=Hello',
        'index:org.opencontainers.image.description=Hello',
        'org.opencontainers.image.licenses=MIT',
        'manifest-descriptor[linux/amd64]:org.opencontainers.image.version=1.2.3',
        'org.example.note=a=b'
      ])
    ).toEqual({
      'org.opencontainers.image.description': 'Hello',
      'org.opencontainers.image.licenses': 'MIT',
      'org.opencontainers.image.version': '1.2.3',
      'org.example.note': 'a=b'
    });
  });
});

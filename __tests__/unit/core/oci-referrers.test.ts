import {
  EMPTY_CONFIG,
  OCI_EMPTY,
  OCI_MANIFEST,
  referrersTag,
  referringManifest,
  withReferrer
} from '../../../src/core/oci-referrers.js';
import {sha256Digest} from '../../../src/core/digests.js';

const digest = (character: string) => `sha256:${character.repeat(64)}`;
const artifact = {
  artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  layer: {mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', digest: digest('b'), size: 42},
  annotations: {'dev.sigstore.bundle.content': 'dsse-envelope'}
};
const subject = {mediaType: 'application/vnd.oci.image.index.v1+json', digest: digest('a'), size: 700};

describe('referringManifest', () => {
  it('is an OCI 1.1 artifact manifest with the empty config, the one layer and the subject', () => {
    const {body, descriptor} = referringManifest(artifact, subject);
    const manifest = JSON.parse(body);
    expect(manifest).toEqual({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: artifact.artifactType,
      config: {mediaType: OCI_EMPTY, digest: sha256Digest(EMPTY_CONFIG), size: 2},
      layers: [artifact.layer],
      subject,
      annotations: artifact.annotations
    });
    expect(descriptor).toEqual({
      mediaType: OCI_MANIFEST,
      digest: sha256Digest(body),
      size: Buffer.byteLength(body),
      artifactType: artifact.artifactType,
      annotations: artifact.annotations
    });
    // The empty descriptor of the OCI image spec.
    expect(manifest.config.digest).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});

describe('the referrers tag schema', () => {
  it('tags sha256-<hex> and keeps what others attached, adding a descriptor once', () => {
    expect(referrersTag(digest('a'))).toBe(`sha256-${'a'.repeat(64)}`);
    const {descriptor} = referringManifest(artifact, subject);
    const other = {mediaType: OCI_MANIFEST, digest: digest('c'), size: 5, artifactType: 'application/x-other'};
    const first = JSON.parse(
      withReferrer(
        JSON.stringify({schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [other]}),
        descriptor
      )!
    );
    expect(first.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(first.manifests).toEqual([other, descriptor]);
    expect(JSON.parse(withReferrer(JSON.stringify(first), descriptor)!).manifests).toHaveLength(2);
    expect(JSON.parse(withReferrer(undefined, descriptor)!).manifests).toEqual([descriptor]);
  });

  it('leaves a tag alone that holds something other than an index', () => {
    const {descriptor} = referringManifest(artifact, subject);
    expect(withReferrer('not json', descriptor)).toBeUndefined();
    expect(
      withReferrer(JSON.stringify({schemaVersion: 2, mediaType: OCI_MANIFEST, layers: []}), descriptor)
    ).toBeUndefined();
  });
});

/**
 * Small platform images pushed straight into a test registry by digest, through the distribution API (the way
 * buildx's `push-by-digest=true` leaves them: no tag). Base images cannot be pulled here and buildx cannot run,
 * so this is how the merge job's inputs are made real:
 *
 *   const amd64 = await pushPlatformImage('e2e/matrix-x', 'linux/amd64');                 // image manifest
 *   const arm64 = await pushPlatformImage('e2e/matrix-x', 'linux/arm64', {attestation: true}); // buildx's index
 *   amd64.digest; amd64.mediaType; amd64.imageDigest (the image manifest inside an index)
 *
 * Options: registry and auth as in registryRequest (default the htpasswd registry as ci-user).
 */
import {createHash} from 'node:crypto';
import {gunzipSync, gzipSync} from 'node:zlib';
import {MEDIA_TYPES, registryRequest, type Credentials} from './services.js';

export interface PushedPlatformImage {
  platform: string;
  /** What a platform job reports: the index digest with an attestation, else the image manifest's. */
  digest: string;
  mediaType: string;
  /** The image manifest's digest (equal to digest without an attestation). */
  imageDigest: string;
}

export interface PushOptions {
  registry?: string;
  auth?: Credentials;
  /** Wrap the image in an index with an attestation manifest, as buildx does with its default provenance. */
  attestation?: boolean;
}

const LAYER_TYPE = 'application/vnd.oci.image.layer.v1.tar+gzip';
const CONFIG_TYPE = 'application/vnd.oci.image.config.v1+json';

function sha256(data: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A one-file tar archive, enough for a layer a registry accepts. */
function tarOf(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let checksum = 0;
  for (const byte of header) checksum += byte;
  header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148);
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding, Buffer.alloc(1024)]);
}

async function expectStatus(response: Response, statuses: number[], what: string): Promise<Response> {
  if (statuses.includes(response.status)) return response;
  throw new Error(`${what}: HTTP ${response.status} ${await response.text().catch(() => '')}`);
}

export async function pushBlob(repository: string, data: Uint8Array, options: PushOptions = {}): Promise<string> {
  const digest = sha256(data);
  const request = {registry: options.registry, ...(options.auth ? {auth: options.auth} : {})};
  const started = await expectStatus(
    await registryRequest(`/v2/${repository}/blobs/uploads/`, {...request, method: 'POST'}),
    [202],
    `starting a blob upload to ${repository}`
  );
  const location = new URL(started.headers.get('location') ?? '', `http://${options.registry ?? '127.0.0.1:5000'}`);
  location.searchParams.set('digest', digest);
  await expectStatus(
    await registryRequest(`${location.pathname}${location.search}`, {
      ...request,
      method: 'PUT',
      headers: {'content-type': 'application/octet-stream'},
      body: data
    }),
    [201],
    `uploading ${digest} to ${repository}`
  );
  return digest;
}

export async function pushManifest(
  repository: string,
  reference: string,
  body: string,
  mediaType: string,
  options: PushOptions = {}
): Promise<string> {
  await expectStatus(
    await registryRequest(`/v2/${repository}/manifests/${reference}`, {
      registry: options.registry,
      ...(options.auth ? {auth: options.auth} : {}),
      method: 'PUT',
      headers: {'content-type': mediaType},
      body
    }),
    [201],
    `putting a manifest in ${repository}`
  );
  return sha256(body);
}

export async function pushPlatformImage(
  repository: string,
  platform: string,
  options: PushOptions = {}
): Promise<PushedPlatformImage> {
  const [os, architecture, variant] = platform.split('/') as [string, string, string | undefined];
  const layer = gzipSync(tarOf('platform.txt', `${platform} ${repository}\n`));
  // The diff id is the digest of the uncompressed tar.
  const diffId = sha256(gunzipSync(layer));
  const config = JSON.stringify({
    architecture,
    os,
    ...(variant ? {variant} : {}),
    config: {Cmd: ['/platform.txt']},
    rootfs: {type: 'layers', diff_ids: [diffId]}
  });
  const configDigest = await pushBlob(repository, Buffer.from(config), options);
  const layerDigest = await pushBlob(repository, layer, options);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: {mediaType: CONFIG_TYPE, digest: configDigest, size: Buffer.byteLength(config)},
    layers: [{mediaType: LAYER_TYPE, digest: layerDigest, size: layer.length}]
  });
  const imageDigest = await pushManifest(repository, sha256(manifest), manifest, MEDIA_TYPES.ociManifest, options);
  if (!options.attestation) return {platform, digest: imageDigest, mediaType: MEDIA_TYPES.ociManifest, imageDigest};

  const statement = JSON.stringify({_type: 'https://in-toto.io/Statement/v0.1', subject: [{digest: imageDigest}]});
  const statementDigest = await pushBlob(repository, Buffer.from(statement), options);
  const emptyConfig = '{}';
  const emptyDigest = await pushBlob(repository, Buffer.from(emptyConfig), options);
  const attestation = JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: {mediaType: CONFIG_TYPE, digest: emptyDigest, size: 2},
    layers: [
      {
        mediaType: 'application/vnd.in-toto+json',
        digest: statementDigest,
        size: Buffer.byteLength(statement),
        annotations: {'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2'}
      }
    ]
  });
  const attestationDigest = await pushManifest(
    repository,
    sha256(attestation),
    attestation,
    MEDIA_TYPES.ociManifest,
    options
  );
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociIndex,
    manifests: [
      {
        mediaType: MEDIA_TYPES.ociManifest,
        digest: imageDigest,
        size: Buffer.byteLength(manifest),
        platform: {architecture, os, ...(variant ? {variant} : {})}
      },
      {
        mediaType: MEDIA_TYPES.ociManifest,
        digest: attestationDigest,
        size: Buffer.byteLength(attestation),
        annotations: {'vnd.docker.reference.digest': imageDigest, 'vnd.docker.reference.type': 'attestation-manifest'},
        platform: {architecture: 'unknown', os: 'unknown'}
      }
    ]
  });
  const digest = await pushManifest(repository, sha256(index), index, MEDIA_TYPES.ociIndex, options);
  return {platform, digest, mediaType: MEDIA_TYPES.ociIndex, imageDigest};
}

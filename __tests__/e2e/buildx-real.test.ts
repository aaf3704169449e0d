/**
 * The bundled action through a real buildx (0.13.1) and a real BuildKit (dockerd 26.1.5's, the docker driver on the
 * containerd image store), pushing to the real registry on 127.0.0.1:5000 and the token registry on :5001, with
 * linux/arm64 under QEMU. Every push is read back from the registry: the digest output is what it serves for each
 * tag. What cannot run here (the docker-container driver's moby/buildkit image, GitHub's cache service) is covered
 * by the recording fake in __tests__/integration.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {createHash, randomBytes} from 'node:crypto';
import {loadEvent} from '../harness/runner.js';
import {
  busyboxContext,
  engineDocker,
  ensureBuildkitEngine,
  layerFile,
  tarEntry,
  type BuildkitEngine
} from './support/buildkit.js';
import {publishWithBuildx} from './support/publish.js';
import {
  getBlob,
  getManifest,
  listTags,
  manifestDigest,
  SERVICES,
  SETUP_TIMEOUT_MS,
  TOKEN_SERVICES,
  uniqueRepository
} from './support/services.js';

let engine: BuildkitEngine;
beforeAll(async () => {
  engine = await ensureBuildkitEngine();
}, SETUP_TIMEOUT_MS);

const TAGS = 'type=semver,pattern={{version}}\ntype=sha';
const PUSHED_TAGS = ['1.2.3', 'latest', 'sha-d57b341'];

interface Descriptor {
  mediaType: string;
  digest: string;
  platform?: {architecture: string; os: string; variant?: string};
  annotations?: Record<string, string>;
}

function entries(manifest: Record<string, unknown>): Descriptor[] {
  return (manifest.manifests as Descriptor[] | undefined) ?? [];
}

const isAttestation = (entry: Descriptor) =>
  entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';

/** Every tag of the repository resolves to the digest output, and nothing else was tagged. */
async function expectTagsAt(repository: string, digest: string, tags = PUSHED_TAGS): Promise<void> {
  expect(await listTags(repository)).toEqual([...tags].sort());
  for (const tag of tags) expect([tag, await manifestDigest(repository, tag)]).toEqual([tag, digest]);
}

/** The predicate types of the attestation manifest for one image of an index (e.g. https://slsa.dev/provenance/v0.2). */
async function attestationsOf(repository: string, index: Record<string, unknown>) {
  const attestation = entries(index).find(isAttestation);
  if (!attestation) return [];
  const {manifest} = await getManifest(repository, attestation.digest);
  const layers = manifest.layers as {digest: string; annotations?: Record<string, string>}[];
  return Promise.all(
    layers.map(async layer => ({
      predicateType: layer.annotations?.['in-toto.io/predicate-type'] ?? '',
      statement: JSON.parse((await getBlob(repository, layer.digest)).toString('utf8')) as {
        predicate: Record<string, unknown>;
      }
    }))
  );
}

describe('publishing through a real buildx and BuildKit (docker driver, containerd image store)', () => {
  it('pushes two platforms with default inputs without creating a builder, RUN steps under QEMU for arm64', async () => {
    const repository = uniqueRepository('e2e/buildx-two');
    const image = `${SERVICES.registry}/${repository}`;
    const context = await busyboxContext(engine, ['RUN ["/bin/busybox", "sh", "-c", "/bin/busybox uname -m > /arch"]']);
    const run = await publishWithBuildx(engine, {
      images: image,
      context: context.dir,
      platforms: 'linux/amd64,linux/arm64',
      tags: TAGS
    });
    await context.cleanup();

    expect(run.main.errors).toEqual([]);
    expect(run.main.exitCode).toBe(0);
    expect(run.main.stdout).toContain(
      'Building with the current builder: the docker driver on the containerd image store does everything this build needs.'
    );
    expect(run.main.stdout).not.toContain('buildx create');
    expect(run.main.summary).toMatch(
      /\| Builder \| the current builder: the docker driver on the containerd image store/
    );
    const {digest} = run.main.outputs;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    await expectTagsAt(repository, digest!);

    const index = await getManifest(repository, digest!);
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    const images = entries(index.manifest).filter(entry => !isAttestation(entry));
    expect(images.map(entry => `${entry.platform?.os}/${entry.platform?.architecture}`).sort()).toEqual([
      'linux/amd64',
      'linux/arm64'
    ]);
    // Public repository: provenance mode=max by default, one attestation manifest per image.
    expect(entries(index.manifest).filter(isAttestation)).toHaveLength(2);
    const annotations = (index.manifest.annotations ?? {}) as Record<string, string>;
    expect(annotations['org.opencontainers.image.source']).toBe('https://github.com/Octo-Org/Hello-World');
    expect(annotations['org.opencontainers.image.description']).toBe('Hello World image');
    expect(annotations['org.opencontainers.image.licenses']).toBe('MIT');

    for (const entry of images) {
      const arch = (await layerFile(repository, entry.digest, 'arch'))?.toString('utf8');
      expect([entry.platform?.architecture, arch]).toEqual([
        entry.platform?.architecture,
        entry.platform?.architecture === 'arm64' ? 'aarch64\n' : 'x86_64\n'
      ]);
    }
    // The metadata output is the file real buildx wrote.
    const metadata = JSON.parse(run.main.outputs.metadata!) as Record<string, unknown>;
    expect(metadata['containerimage.digest']).toBe(digest);
    expect(metadata['image.name']).toContain(`${image}:1.2.3`);

    expect(run.post?.exitCode).toBe(0);
    const builders = await engineDocker(engine, ['buildx', 'ls']);
    expect(builders.stdout).not.toContain('ghcr-publish-');
  });

  it.each([
    ['default (public repository: max)', {}, ['https://slsa.dev/provenance/v0.2'], 'max'],
    ['mode=min', {provenance: 'mode=min'}, ['https://slsa.dev/provenance/v0.2'], 'min'],
    ['mode=max', {provenance: 'mode=max'}, ['https://slsa.dev/provenance/v0.2'], 'max'],
    ['false', {provenance: 'false'}, [], '']
  ])('provenance %s on a single platform', async (_name, inputs, predicateTypes, mode) => {
    const repository = uniqueRepository('e2e/buildx-provenance');
    const context = await busyboxContext(engine, []);
    const run = await publishWithBuildx(engine, {
      images: `${SERVICES.registry}/${repository}`,
      context: context.dir,
      tags: 'type=raw,value=one',
      ...inputs
    });
    await context.cleanup();
    expect(run.main.errors).toEqual([]);
    const {digest} = run.main.outputs;
    await expectTagsAt(repository, digest!, ['one']);
    const pushed = await getManifest(repository, digest!);
    const attestations = await attestationsOf(repository, pushed.manifest);
    expect(attestations.map(attestation => attestation.predicateType)).toEqual(predicateTypes);
    if (mode) {
      // mode=max records the build's configuration (its steps); mode=min leaves it out.
      expect([mode, 'buildConfig' in attestations[0]!.statement.predicate]).toEqual([mode, mode === 'max']);
    } else {
      expect(pushed.mediaType).not.toMatch(/index|list/);
    }
  });

  it('passes build-args, a 120 KiB secret, secret-files, build-contexts, target and no-cache to the real build', async () => {
    const repository = uniqueRepository('e2e/buildx-inputs');
    // The largest secret an input can carry: the runner passes each input as an environment variable, and Linux
    // refuses a single one over 128 KiB (MAX_ARG_STRLEN) when it starts the action.
    const bigSecret = randomBytes(60 * 1024).toString('hex');
    const extra = await busyboxContext(engine, [], {'message.txt': 'from another context\n'});
    const secretDir = await mkdtemp(path.join(os.tmpdir(), 'ghcr-publish-e2e-secret-'));
    const secretFile = path.join(secretDir, 'token.txt');
    writeFileSync(secretFile, 'file-secret\n');
    const script = [
      '/bin/busybox sha256sum /run/secrets/big | /bin/busybox cut -d" " -f1 > /big.sha256',
      '/bin/busybox cp /run/secrets/token /token.txt',
      'echo "$GREETING" > /greeting',
      '/bin/busybox date +%s%N > /built-at'
    ].join(' && ');
    const context = await busyboxContext(
      engine,
      [],
      {},
      [
        'FROM scratch AS base',
        'ARG TARGETARCH',
        'COPY --chmod=755 busybox-${TARGETARCH} /bin/busybox',
        'FROM base AS final',
        'ARG GREETING',
        'COPY --from=extra message.txt /message.txt',
        `RUN --mount=type=secret,id=big --mount=type=secret,id=token ["/bin/busybox", "sh", "-c", ${JSON.stringify(script)}]`,
        'FROM base AS unused',
        'RUN ["/bin/busybox", "false"]',
        ''
      ].join('\n')
    );
    const inputs = {
      images: `${SERVICES.registry}/${repository}`,
      context: context.dir,
      tags: 'type=raw,value=one',
      provenance: 'false',
      'build-args': 'GREETING=hello from build-args',
      secrets: `big=${bigSecret}`,
      'secret-files': `token=${secretFile}`,
      'build-contexts': `extra=${extra.dir}`,
      target: 'final',
      'no-cache': 'true'
    };
    try {
      const first = await publishWithBuildx(engine, inputs);
      expect(first.main.errors).toEqual([]);
      const digest = first.main.outputs.digest!;
      await expectTagsAt(repository, digest, ['one']);
      const file = async (name: string) => (await layerFile(repository, digest, name))?.toString('utf8');
      expect(await file('big.sha256')).toBe(`${createHash('sha256').update(bigSecret).digest('hex')}\n`);
      expect(await file('token.txt')).toBe('file-secret\n');
      expect(await file('greeting')).toBe('hello from build-args\n');
      expect(await file('message.txt')).toBe('from another context\n');
      // The secret never reached a log, an argument or the environment of a command.
      const shown = first.main.lines.map(line => line.text).filter(text => !text.startsWith('::add-mask::'));
      expect(shown.join('\n')).not.toContain(bigSecret.slice(0, 64));
      expect(first.post?.exitCode).toBe(0);

      // no-cache: the same inputs build the RUN step again (another time stamp, another digest).
      const second = await publishWithBuildx(engine, inputs);
      expect(second.main.errors).toEqual([]);
      expect(second.main.outputs.digest).not.toBe(digest);
    } finally {
      await Promise.all([context.cleanup(), extra.cleanup(), rm(secretDir, {recursive: true, force: true})]);
    }
  });

  it('loads the image into the engine with load: true and push: false', async () => {
    const tag = `localhost/ghcr-publish-e2e/load:${Date.now().toString(36)}`;
    const context = await busyboxContext(engine, []);
    const run = await publishWithBuildx(
      engine,
      {
        images: 'localhost/ghcr-publish-e2e/load',
        context: context.dir,
        tags: `type=raw,value=${tag.split(':')[1]}`,
        push: 'false',
        load: 'true'
      },
      {anonymous: true}
    );
    await context.cleanup();
    expect(run.main.errors).toEqual([]);
    expect(run.main.outputs.pushed).toBe('false');
    const inspect = await engineDocker(engine, ['image', 'inspect', '--format', '{{.Id}}', tag]);
    expect(inspect.exitCode).toBe(0);
    expect(inspect.stdout.trim()).toBe(run.main.outputs.imageid);
    await engineDocker(engine, ['image', 'rm', tag]);
  });

  it('writes the oci, local and docker outputs', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ghcr-publish-e2e-outputs-'));
    const context = await busyboxContext(engine, ['RUN ["/bin/busybox", "sh", "-c", "echo out > /out.txt"]']);
    try {
      const build = (outputs: string) =>
        publishWithBuildx(
          engine,
          {images: 'localhost/ghcr-publish-e2e/outputs', context: context.dir, outputs, push: 'false'},
          {anonymous: true}
        );
      const oci = await build(`type=oci,dest=${dir}/oci.tar`);
      expect(oci.main.errors).toEqual([]);
      const ociIndex = JSON.parse(tarEntry(readFileSync(`${dir}/oci.tar`), 'index.json')!.toString('utf8'));
      expect(ociIndex.manifests[0].mediaType).toMatch(/^application\/vnd\.oci\.image\.(index|manifest)\.v1\+json$/);

      const local = await build(`type=local,dest=${dir}/local`);
      expect(local.main.errors).toEqual([]);
      expect(readFileSync(`${dir}/local/out.txt`, 'utf8')).toBe('out\n');
      expect(readdirSync(`${dir}/local/bin`)).toEqual(['busybox']);

      const tarball = await build(`type=docker,dest=${dir}/docker.tar`);
      expect(tarball.main.errors).toEqual([]);
      const manifest = JSON.parse(tarEntry(readFileSync(`${dir}/docker.tar`), 'manifest.json')!.toString('utf8'));
      expect(manifest[0].RepoTags).toContain('localhost/ghcr-publish-e2e/outputs:latest');
    } finally {
      await context.cleanup();
      await rm(dir, {recursive: true, force: true});
    }
  });

  it("writes a private repository's single-platform oci output: no index annotations on a single manifest", async () => {
    // The private default provenance is inline-only: the oci exporter drops it, the result is one manifest, and
    // BuildKit refuses index annotations there ("index annotations not supported for single platform export").
    const event = loadEvent('push-tag');
    event.payload.repository = {...event.payload.repository, private: true, visibility: 'private'};
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ghcr-publish-e2e-private-'));
    const context = await busyboxContext(engine, []);
    try {
      const run = await publishWithBuildx(
        engine,
        {
          images: 'localhost/ghcr-publish-e2e/private',
          context: context.dir,
          outputs: `type=oci,dest=${dir}/oci.tar`,
          push: 'false'
        },
        {anonymous: true, event}
      );
      expect(run.main.errors).toEqual([]);
      expect(run.main.stdout).toMatch(/--attest type=provenance,mode=min,inline-only=true/);
      expect(run.main.stdout).not.toMatch(/--annotation index:/);
      const layout = JSON.parse(tarEntry(readFileSync(`${dir}/oci.tar`), 'index.json')!.toString('utf8'));
      expect(layout.manifests[0].mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    } finally {
      await context.cleanup();
      await rm(dir, {recursive: true, force: true});
    }
  });

  it('verifies a push whose credentials sit in a credential helper (credHelpers), as docker itself reads them', async () => {
    // As after `gcloud auth configure-docker`: no auths entry, a helper named per registry, no login by the step.
    const repository = uniqueRepository('e2e/buildx-helper');
    const bin = await mkdtemp(path.join(os.tmpdir(), 'ghcr-publish-e2e-helper-'));
    const helper = path.join(bin, 'docker-credential-ghcrtest');
    writeFileSync(
      helper,
      [
        '#!/bin/sh',
        '[ "$1" = get ] || exit 1',
        'read -r server',
        `[ "$server" = "${SERVICES.registry}" ] || { echo "credentials not found in native keychain"; exit 1; }`,
        `printf '{"ServerURL":"%s","Username":"${SERVICES.username}","Secret":"${SERVICES.password}"}' "$server"`,
        ''
      ].join('\n'),
      {mode: 0o755}
    );
    const context = await busyboxContext(engine, []);
    try {
      const run = await publishWithBuildx(
        engine,
        {images: `${SERVICES.registry}/${repository}`, context: context.dir, tags: TAGS},
        {
          anonymous: true,
          pathPrepend: [bin],
          setup: dirs =>
            writeFileSync(
              path.join(dirs.home, '.docker', 'config.json'),
              JSON.stringify({credHelpers: {[SERVICES.registry]: 'ghcrtest'}})
            )
        }
      );
      expect(run.main.errors).toEqual([]);
      expect(run.main.warnings).toEqual([]);
      expect(run.main.stdout).toMatch(/Verified in the registry: .*:1\.2\.3/);
      await expectTagsAt(repository, run.main.outputs.digest!);
    } finally {
      await context.cleanup();
      await rm(bin, {recursive: true, force: true});
    }
  });

  it('fails a broken Dockerfile with the real cause, and pushes nothing', async () => {
    const repository = uniqueRepository('e2e/buildx-broken');
    const context = await busyboxContext(engine, ['RUN ["/bin/busybox", "sh", "-c", "echo compiling; exit 3"]']);
    const run = await publishWithBuildx(engine, {
      images: `${SERVICES.registry}/${repository}`,
      context: context.dir,
      tags: TAGS
    });
    await context.cleanup();
    expect(run.main.exitCode).not.toBe(0);
    expect(run.main.errors.join('\n')).toMatch(/did not complete successfully: exit code: 3/);
    expect(run.main.stdout).not.toMatch(/retry \d/);
    await expect(listTags(repository)).rejects.toMatchObject({status: 404});
    expect(run.post?.exitCode).toBe(0);
  });

  it('fails a push the token registry denies with the fix, without retrying', async () => {
    const {reader} = TOKEN_SERVICES.users;
    const repository = uniqueRepository('e2e/buildx-denied');
    const context = await busyboxContext(engine, []);
    const run = await publishWithBuildx(
      engine,
      {
        images: `${TOKEN_SERVICES.registry}/${repository}`,
        context: context.dir,
        tags: TAGS,
        username: reader.username,
        password: reader.password
      },
      {anonymous: true}
    );
    await context.cleanup();
    expect(run.main.exitCode).not.toBe(0);
    const errors = run.main.errors.join('\n');
    // BuildKit reports the token endpoint's 403 without its body (GHCR's "permission_denied: write_package" is
    // not shown by a real buildx either): the status is enough to give the fix.
    expect(errors).toMatch(/failed to fetch oauth token: unexpected status .* 403 Forbidden/);
    expect(errors).toMatch(/packages: write/);
    expect(run.main.stdout).not.toMatch(/retry \d/);
  });

  it('refuses push by digest on the docker driver as buildx does, so a platform job creates a builder', async () => {
    // buildx 0.13.1 on this engine: "ERROR: push-by-digest is currently not implemented for docker driver, please
    // create a new builder instance". The step must not try it: it creates a docker-container builder, whose
    // moby/buildkit image cannot be pulled here, and says what the builder is for and how to avoid it.
    const repository = uniqueRepository('e2e/buildx-platform-job');
    const context = await busyboxContext(engine, []);
    const direct = await engineDocker(engine, [
      'buildx',
      'build',
      '--output',
      `type=image,name=${SERVICES.registry}/${repository},push-by-digest=true,name-canonical=true,push=true`,
      context.dir
    ]);
    expect(direct.stderr).toContain('push-by-digest is currently not implemented for docker driver');
    const run = await publishWithBuildx(
      engine,
      {
        images: `${SERVICES.registry}/${repository}`,
        context: context.dir,
        tags: TAGS,
        platforms: 'linux/amd64',
        distribute: 'platform'
      },
      {actionsCache: true}
    );
    await context.cleanup();
    expect(run.main.exitCode).not.toBe(0);
    expect(run.main.stdout).toMatch(
      /Creating a docker-container builder for this run: the docker driver cannot do push by digest/
    );
    expect(run.main.errors.join('\n')).toMatch(/moby\/buildkit.*Docker Hub/s);
    expect(run.main.errors.join('\n')).toMatch(/"builder" input/);
    // The cause docker gave, not its last line of boilerplate: the pinned BuildKit image cannot be pulled here.
    expect(run.main.errors.join('\n')).toMatch(
      /Pulling docker\.io\/moby\/buildkit:v[\d.]+@sha256:[0-9a-f]{64} failed: .*registry-1\.docker\.io/
    );
    expect(run.post?.exitCode).toBe(0);
    expect((await engineDocker(engine, ['buildx', 'ls'])).stdout).not.toContain('ghcr-publish-');
  });
});

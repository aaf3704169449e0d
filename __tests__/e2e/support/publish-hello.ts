/**
 * The bundled action as the fault and token-registry tests run it: a push-tag run with the Debian docker 20.10
 * first on PATH (its built-in BuildKit, no buildx), building a one-file image from a fresh context and pushing it
 * with the semver and sha tags (1.2.3, latest, sha-d57b341 on the push-tag fixture).
 *
 *   const run = await publishHello(`${proxy.host}/${repository}`, {username, password}, STEP_TIMEOUT_MS);
 */
import {runAction, type ActionRun} from '../../harness/runner.js';
import {makeBuildContext, type Credentials} from './services.js';

export async function publishHello(image: string, credentials: Credentials, timeoutMs: number): Promise<ActionRun> {
  const context = await makeBuildContext({'hello.txt': `hello ${image}\n`});
  try {
    return await runAction({
      event: 'push-tag',
      pathPrepend: ['/usr/bin'],
      timeoutMs,
      inputs: {
        images: image,
        context: context.dir,
        network: 'host',
        username: credentials.username,
        password: credentials.password,
        tags: 'type=semver,pattern={{version}}\ntype=sha'
      }
    });
  } finally {
    await context.cleanup();
  }
}

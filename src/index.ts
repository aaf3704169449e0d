/**
 * Entry point for both the main and the post step (action.yml runs this bundle twice). The post step is
 * recognised by the state the main step saved, as the runner passes it back as STATE_isPost.
 */
import {ActionableError, InputError} from './core/errors.js';
import {ContextError} from './core/github-context.js';
import {log, saveState} from './adapters/runner.js';

const isPost = Boolean(process.env.STATE_isPost);

async function run(): Promise<void> {
  if (isPost) {
    try {
      // Loaded on demand: post needs a fraction of the code, and each step is a fresh Node process.
      const {post} = await import('./steps/post.js');
      await post();
    } catch (error) {
      log.warning(`ghcr-publish cleanup: ${(error as Error).message}`);
    }
    return;
  }
  saveState('isPost', 'true');
  try {
    const {main} = await import('./steps/main.js');
    await main();
  } catch (error) {
    log.fail(failureMessage(error));
  }
  // Main ran to its end: whatever its docker commands left running (a credential helper's agent) is not a
  // cancelled command for post to stop.
  saveState('mainFinished', 'true');
}

/** Expected failures print their message alone; anything else is a bug, whose stack goes to the debug log. */
function failureMessage(error: unknown): string {
  if (error instanceof InputError || error instanceof ActionableError || error instanceof ContextError) {
    return error.message;
  }
  if (!(error instanceof Error)) return String(error);
  log.debug(error.stack ?? '');
  return `${error.message} (unexpected: please report it to ghcr-publish with the debug log, ACTIONS_STEP_DEBUG=true)`;
}

await run();

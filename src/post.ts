/** The post step: cleanup recorded by main. It never fails the job. */
import {log} from './runner.js';

export async function post(): Promise<void> {
  // main records nothing to clean up yet: logins, builders and temporary files arrive with the build step.
  log.info('ghcr-publish: nothing to clean up.');
}

/** Registries named by the images, and who logs in to each. */
import type {GitHubContext} from './github-context.js';
import type {LoginConfig} from './inputs.js';
import {isGitHubContainerRegistry, isLoopbackRegistry, registryOf} from './image-reference.js';

export interface RegistryLogin {
  registry: string;
  username: string;
  /** Never printed: the plan text shows it as redacted, the executor passes it on stdin. */
  password: string;
}

export interface LoginPlan {
  logins: RegistryLogin[];
  /** Registries left to credentials already on the runner, each with the reason. */
  skipped: {registry: string; reason: string}[];
}

/**
 * One login per distinct registry. The github-token is only a credential for GitHub's registries. The
 * username and password inputs are for the other registry when images span GHCR and another one (GHCR
 * keeps the github-token), and for every registry when all images are on one kind (a PAT for ghcr.io).
 */
export function planLogins(
  images: string[],
  login: LoginConfig,
  githubToken: string,
  context: GitHubContext
): LoginPlan {
  const plan: LoginPlan = {logins: [], skipped: []};
  const registries = [...new Set(images.map(registryOf))];
  const mixed = registries.some(isGitHubContainerRegistry) && !registries.every(isGitHubContainerRegistry);
  for (const registry of registries) {
    const ghcr = isGitHubContainerRegistry(registry);
    const ownCredentials = login.password !== '' && !(mixed && ghcr);
    const password = ownCredentials ? login.password : ghcr ? githubToken : '';
    const username = ownCredentials ? login.username : '';
    if (!password) {
      const reason = isGitHubContainerRegistry(registry)
        ? 'no github-token or password: set permissions "packages: write" and keep the default github-token'
        : 'no password input: the runner must already be logged in';
      plan.skipped.push({registry, reason});
      continue;
    }
    plan.logins.push({registry, username: username || context.actor || 'github-actions', password});
  }
  return withDockerHubLogin(plan, login.dockerHub);
}

/**
 * Docker Hub credentials (dockerhub-username, dockerhub-token) log in to docker.io for the pulls: the step's own
 * images and the base images of the build then count against the account, not the runner's shared address. When
 * an image is pushed to docker.io, the login for that push already does it.
 */
function withDockerHubLogin(plan: LoginPlan, dockerHub: LoginConfig['dockerHub']): LoginPlan {
  if (!dockerHub.username || plan.logins.some(entry => entry.registry === DOCKER_HUB)) return plan;
  return {
    logins: [...plan.logins, {registry: DOCKER_HUB, username: dockerHub.username, password: dockerHub.password}],
    skipped: plan.skipped.filter(entry => entry.registry !== DOCKER_HUB)
  };
}

const DOCKER_HUB = 'docker.io';

/**
 * Registries a push would reach with no credential at all: no login planned (empty github-token, no password), none
 * stored by an earlier step (docker/login-action, a credential helper), and not on this machine (a registry service
 * container on localhost may well take anonymous pushes).
 */
export function registriesWithoutCredentials(
  login: LoginPlan,
  hasStoredLogin: (registry: string) => boolean
): string[] {
  return login.skipped
    .map(skipped => skipped.registry)
    .filter(registry => !isLoopbackRegistry(registry) && !hasStoredLogin(registry));
}

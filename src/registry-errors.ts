/**
 * Turns what docker or a registry said into what to do about it. GHCR's denials are the most common
 * publishing failure and their texts do not say the fix. Pure.
 */

export interface FailureContext {
  /** What was being done: "Login to ghcr.io", "Build and push"... */
  operation: string;
  registry: string;
  forkPullRequest: boolean;
}

interface KnownFailure {
  pattern: RegExp;
  fix: (context: FailureContext) => string;
}

const PACKAGES_WRITE =
  'Give the job "permissions: packages: write" (and, where the organization restricts it, set ' +
  'Settings → Actions → General → Workflow permissions to "Read and write").';
const MANAGE_ACTIONS_ACCESS =
  'The package exists but this repository may not write it: open the package on GitHub → Package settings → ' +
  'Manage Actions access, add this repository with the Write role (or link the package to it with the ' +
  'org.opencontainers.image.source label before its first publish).';

const KNOWN_FAILURES: readonly KnownFailure[] = [
  {
    pattern: /installation not allowed to (Write|Create) organization package/i,
    fix: context =>
      context.forkPullRequest
        ? 'Pull requests from forks get a read-only GITHUB_TOKEN and cannot push; leave push on auto so they build only.'
        : `${PACKAGES_WRITE} If the token is a GitHub App installation token, use the workflow's GITHUB_TOKEN instead.`
  },
  {pattern: /permission_denied: write_package|denied: permission_denied/i, fix: () => MANAGE_ACTIONS_ACCESS},
  // `denied: ` is the registry's error code; a RUN step's "Permission denied" is not a registry refusal.
  {pattern: /\b403 Forbidden\b|\bdenied: /i, fix: () => `${PACKAGES_WRITE} ${MANAGE_ACTIONS_ACCESS}`},
  {
    pattern: /unauthorized|authentication required|incorrect username or password/i,
    fix: context =>
      context.registry === 'ghcr.io'
        ? 'The registry refused the credentials: keep the default github-token (or pass a classic PAT with ' +
          'write:packages as password), and give the job "permissions: packages: write".'
        : `The registry ${context.registry} refused the credentials: check the username and password inputs.`
  },
  {
    pattern: /toomanyrequests|429 Too Many Requests/i,
    fix: () => 'The registry is rate limiting this runner: re-run the job later, or reduce parallel pushes.'
  },
  {
    pattern: /repository name must be lowercase/i,
    fix: () => 'Image names must be lowercase: let ghcr-publish compute them (images input) instead of raw references.'
  }
];

/** The last non-empty line of docker's stderr: where docker prints its error. */
export function lastErrorLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '');
  return lines.at(-1) ?? '';
}

export function explainFailure(output: string, context: FailureContext): string {
  const known = KNOWN_FAILURES.find(failure => failure.pattern.test(output));
  const said = lastErrorLine(output) || 'no error message';
  return `${context.operation} failed: ${said}${known ? `\n${known.fix(context)}` : ''}`;
}

/** Registry answers worth another login attempt: the registry or the network hiccupped, the password is fine. */
const TRANSIENT_LOGIN_FAILURE =
  /\b(5\d\d|429)\b|Too Many Requests|timeout|timed out|connection reset|connection refused|EOF|TLS handshake/i;

export function isTransientLoginFailure(stderr: string): boolean {
  return TRANSIENT_LOGIN_FAILURE.test(stderr);
}

/**
 * Turns what docker or a registry said into what to do about it. GHCR's denials are the most common
 * publishing failure and their texts do not say the fix. Pure.
 */
import {isGitHubContainerRegistry} from './image-reference.js';

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
      isGitHubContainerRegistry(context.registry)
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

/** Lines docker and buildx print after the error that say nothing about it. */
const BOILERPLATE =
  /^(?:Run '.*--help' for more information|See '.*--help'\.?|Learn more at \S+|For more information, see \S+)$/;

/** An error marker: buildx's `ERROR:`, the daemon's answer (also as `docker run` prints it), BuildKit's `#12 ERROR:`. */
const ERROR_MARKER = /^(?:docker: )?(?:ERROR|error|Error response from daemon|Error)\b/;

function isErrorLine(line: string): boolean {
  return ERROR_MARKER.test(line.replace(PROGRESS_PREFIX, ''));
}

/**
 * What docker's output says went wrong: the last line carrying an error marker, with the lines that continue it
 * (up to two: "Switch to a different driver, ..."), or else the last line that is not boilerplate. The cause is
 * often not the last line: `docker run` ends with "Run 'docker run --help' for more information", buildx with
 * "Learn more at https://docs.docker.com/go/attestations/".
 */
export function errorCause(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '');
  const marker = lines.findLastIndex(isErrorLine);
  if (marker < 0) return lines.findLast(line => !BOILERPLATE.test(line)) ?? lines.at(-1) ?? '';
  const continuation = lines
    .slice(marker + 1, marker + 3)
    .filter(line => !BOILERPLATE.test(line) && !PROGRESS_PREFIX.test(line));
  return [lines[marker]!, ...continuation].join(' ');
}

export function explainFailure(output: string, context: FailureContext): string {
  const known = KNOWN_FAILURES.find(failure => failure.pattern.test(output));
  const said = errorCause(output) || 'no error message';
  return `${context.operation} failed: ${said}${known ? `\n${known.fix(context)}` : ''}`;
}

/**
 * A registry or network hiccup as docker, buildx and BuildKit print it: an HTTP status with its reason phrase or
 * in an HTTP context ("503 Service Unavailable", "error parsing HTTP 429 response body", "status: 502"), a rate
 * limit, a connection that broke ("connection reset by peer", `Put "…": EOF`; not one refused), a network
 * timeout, a name server hiccup. Bare numbers and words are not enough: "line 512", "timeout waiting for lock"
 * and a Dockerfile's "unexpected EOF" are not registry hiccups.
 */
const TRANSIENT_REGISTRY_FAILURE = new RegExp(
  [
    String.raw`\b(?:5\d\d|429|408) (?:[A-Z][a-z]+ ?)+`,
    String.raw`\bHTTP(?:/\d(?:\.\d)?)? (?:5\d\d|429|408)\b`,
    String.raw`\bstatus(?: code)?:? (?:5\d\d|429|408)\b`,
    'toomanyrequests',
    // Not "connection refused": nothing listens there, and another attempt (a whole rebuild) finds the same.
    'connection reset|broken pipe|network is unreachable|GOAWAY',
    String.raw`i/o timeout|TLS handshake timeout|Client\.Timeout exceeded|context deadline exceeded|connection timed out`,
    String.raw`server misbehaving|Temporary failure in name resolution`,
    String.raw`"[a-z]+://[^"]*": (?:unexpected )?EOF\b|\b(?:read|write) tcp \S+: (?:unexpected )?EOF\b`,
    String.raw`failed to do request: .*\bEOF\b`
  ].join('|')
);

/**
 * Answers another attempt cannot change, whatever else the line says: refused credentials or permissions (GHCR's
 * "denied: ...", a 401/403 from the registry or its token service) and build steps that failed. Matched on the
 * line without its quoted parts and references (an image named access-denied is not a denial).
 */
const PERMANENT_FAILURE =
  /\bdenied\b|unauthorized|authentication required|forbidden|\b40[13]\b|insufficient_scope|not allowed to|did not complete successfully|executor failed running/i;

/** The line without quoted strings and words holding a slash (URLs, image references, paths). */
function withoutNames(line: string): string {
  return line.replace(/"[^"]*"/g, '""').replace(/\S*\/\S*/g, '');
}

/** Docker hides the registry's Retry-After: a rate limit waits at least this long before another attempt. */
export const RATE_LIMIT_WAIT_MS = 5_000;

export function isRateLimited(output: string): boolean {
  return /toomanyrequests|\b429 Too Many Requests|\bHTTP 429\b|status(?: code)?:? 429\b/i.test(output);
}

/** BuildKit's own error lines carry the step number ("#12 ERROR: ..."); a RUN step's output ("#12 0.51 ...") stays out. */
const PROGRESS_PREFIX = /^#\d+\s+/;

/**
 * The lines of docker's output that state its error: those starting with an error marker (`ERROR:`, `error:`,
 * `Error response from daemon:`, BuildKit's `#12 ERROR:`) and the last line. Build output in between (a RUN
 * step printing "connection refused", say) is not the command's error.
 */
function errorLines(output: string): string[] {
  const lines = output
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '');
  const errors = lines.filter(isErrorLine);
  const last = lines.at(-1);
  return last === undefined || errors.at(-1) === last ? errors : [...errors, last];
}

/**
 * True when a failed docker command (login, push, buildx build --push) failed on a registry hiccup that another
 * attempt may not meet, false for anything else: never for a denial, a credentials problem or a failed build
 * step, even when the same output also shows a hiccup. Pure: reads what docker printed (its stderr).
 */
export function isTransientRegistryFailure(output: string): boolean {
  const lines = errorLines(output);
  return (
    lines.some(line => TRANSIENT_REGISTRY_FAILURE.test(line.replace(/"\/[^"]*"/g, '""'))) &&
    !lines.some(line => PERMANENT_FAILURE.test(withoutNames(line)))
  );
}

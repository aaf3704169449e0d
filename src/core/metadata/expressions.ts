/**
 * The global expressions of docker/metadata-action ({{branch}}, {{tag}}, {{sha}}, {{base_ref}},
 * {{is_default_branch}}, {{is_not_default_branch}}, {{date}}, {{commit_date}}) as template scopes.
 */
import {DateFormatError, formatDate} from './date-format.js';
import {TemplateError, type HelperCall, type TemplateHelper, type TemplateScope} from './template.js';

export interface ExpressionFacts {
  eventName: string;
  ref: string;
  /** The commit the image is built from (PR head sha when DOCKER_METADATA_PR_HEAD_SHA asks for it). */
  sha: string;
  shortShaLength: number;
  // The event payload is arbitrary JSON; fields are checked where read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: Record<string, any>;
  /** Used when the payload carries no repository.default_branch (e.g. a hand-made local payload). */
  fallbackDefaultBranch: string;
  now: Date;
  commitDate: Date;
}

const HEADS = 'refs/heads/';
const TAGS = 'refs/tags/';
const PULLS = 'refs/pull/';
// These events always run on the last commit of the default branch.
const DEFAULT_BRANCH_EVENTS = ['create', 'discussion', 'issues', 'schedule'];

export function shortSha(sha: string, length: number): string {
  return length >= sha.length ? sha : sha.slice(0, length);
}

export function branchName(ref: string): string {
  return ref.startsWith(HEADS) ? ref.slice(HEADS.length) : '';
}

export function tagName(ref: string): string {
  return ref.startsWith(TAGS) ? ref.slice(TAGS.length) : '';
}

export function isTagRef(ref: string): boolean {
  return ref.startsWith(TAGS);
}

export function isBranchRef(ref: string): boolean {
  return ref.startsWith(HEADS);
}

export function isPullRequestRef(ref: string): boolean {
  return ref.startsWith(PULLS);
}

/** `refs/pull/12/merge` → `12` (other suffixes such as `/head` are kept, then sanitized). */
export function pullRequestNumber(ref: string): string {
  const rest = ref.slice(PULLS.length);
  return rest.endsWith('/merge') ? rest.slice(0, -'/merge'.length) : rest;
}

function baseRef(facts: ExpressionFacts): string {
  const {payload, ref} = facts;
  // Kept for compatibility although push payloads do not reliably carry base_ref (metadata-action #192).
  if (isTagRef(ref) && typeof payload.base_ref === 'string') {
    return payload.base_ref.startsWith(HEADS) ? payload.base_ref.slice(HEADS.length) : payload.base_ref;
  }
  const pullRequestBase = payload.pull_request?.base?.ref;
  if (isPullRequestRef(ref) && typeof pullRequestBase === 'string') return pullRequestBase;
  return '';
}

export function isDefaultBranch(facts: ExpressionFacts): boolean {
  // Like metadata-action, only a `refs/heads/` prefix is removed, so tag and PR refs never equal the branch.
  const branch = facts.ref.startsWith(HEADS) ? facts.ref.slice(HEADS.length) : facts.ref;
  if (branch === '') return false;
  const payloadDefault = facts.payload.repository?.default_branch;
  const defaultBranch = typeof payloadDefault === 'string' ? payloadDefault : facts.fallbackDefaultBranch;
  if (defaultBranch !== '' && branch === defaultBranch) return true;
  return DEFAULT_BRANCH_EVENTS.some(event => facts.eventName.includes(event));
}

function dateHelper(name: string, date: Date): TemplateHelper {
  return ({params, hash, paramSources, notice}: HelperCall) => {
    const [format] = params;
    if (params.length !== 1 || (typeof format !== 'string' && format !== undefined)) {
      throw new TemplateError(`{{${name}}} takes exactly one quoted format, e.g. {{${name} 'YYYYMMDD'}}`);
    }
    if (format === undefined) {
      // Handlebars reads an unquoted word as a value that is not there, and moment then uses its default format:
      // metadata-action renders that, so a workflow written for it keeps its result here.
      const written = paramSources[0] ?? '';
      notice(
        `{{${name} ${written}}} reads ${written} as a missing value, not as a format, so the date is rendered in ` +
          `moment's default format (YYYY-MM-DDTHH:mm:ssZ), as docker/metadata-action does; write {{${name} '${written}'}} ` +
          'for that format'
      );
    }
    let timeZone = 'UTC';
    for (const [key, value] of hash) {
      if (key !== 'tz')
        throw new TemplateError(`{{${name}}} has an unknown attribute "${key}"; only tz='Area/City' is allowed`);
      if (typeof value !== 'string')
        throw new TemplateError(`{{${name}}} needs a quoted time zone, e.g. tz='Asia/Tokyo'`);
      timeZone = value;
    }
    try {
      return formatDate(date, format ?? '', timeZone);
    } catch (error) {
      if (error instanceof DateFormatError) throw new TemplateError(`{{${name}}}: ${error.message}`);
      throw error;
    }
  };
}

/** The helpers available in `type=schedule` patterns. */
export function dateScope(facts: Pick<ExpressionFacts, 'now' | 'commitDate'>): TemplateScope {
  return {date: dateHelper('date', facts.now), commit_date: dateHelper('commit_date', facts.commitDate)};
}

/**
 * Helpers are functions (not precomputed strings) because Handlebars calls them even when given
 * arguments, e.g. `{{branch 'x'}}` still renders the branch.
 */
export function globalScope(facts: ExpressionFacts): TemplateScope {
  const defaultBranch = isDefaultBranch(facts);
  return {
    branch: () => branchName(facts.ref),
    tag: () => tagName(facts.ref),
    sha: () => shortSha(facts.sha, facts.shortShaLength),
    base_ref: () => baseRef(facts),
    is_default_branch: () => String(defaultBranch),
    is_not_default_branch: () => String(!defaultBranch),
    ...dateScope(facts)
  };
}

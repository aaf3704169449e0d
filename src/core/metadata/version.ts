/**
 * Runs the priority-sorted tag rules against the event and collects the image version: the first value
 * is the main version, later distinct values are partial versions, and the first value-producing rule
 * decides `latest` under `latest=auto`.
 */
import semver from 'semver';
import {
  branchName,
  isBranchRef,
  isPullRequestRef,
  isTagRef,
  pullRequestNumber,
  shortSha,
  tagName
} from './expressions.js';
import type {Flavor, LatestMode} from './flavor.js';
import {describeOrigin, inputError, renderAt, type InputOrigin, type Warn} from './origin.js';
import {formatPep440, isPep440Final, parsePep440, pep440Part} from './pep440.js';
import {sanitizeTag, slashesToDashes} from './sanitize.js';
import type {TagRule} from './tag-rules.js';
import {
  compileTemplate,
  isSingleRawExpression,
  type Template,
  type TemplateScope,
  type TemplateValue
} from './template.js';

export interface VersionFacts {
  eventName: string;
  ref: string;
  /** The commit the image is built from; empty when unknown. */
  sha: string;
  shortShaLength: number;
  /** Repository default branch, used by `type=edge` without `branch=`. */
  defaultBranch: string;
  flavor: Flavor;
  /** Global expressions for value, prefix, suffix and enable. */
  globals: TemplateScope;
  /** {{date}} and {{commit_date}} only, for schedule patterns. */
  dates: TemplateScope;
}

export interface VersionEntry {
  /** Sanitized tag name including prefix and suffix. */
  value: string;
  /** The rule that first produced it. */
  origin: InputOrigin;
}

export interface ComputedVersion {
  main: VersionEntry | undefined;
  partial: VersionEntry[];
  latest: boolean;
}

interface Produced {
  value: string;
  /** What `latest=auto` makes of this rule. */
  latest: boolean;
}

type RuleOf<T extends TagRule['type']> = Extract<TagRule, {type: T}>;
type VersionRule = RuleOf<'semver' | 'pep440'>;

// Prereleases only ever get their full version, whatever the pattern says (unless it is {{raw}}).
const FULL_VERSION = compileTemplate('{{version}}');
// includePrerelease only shows up as a field of the parsed object, but patterns can print it.
const SEMVER_PARSE_OPTIONS: semver.RangeOptions = {loose: true, includePrerelease: true};

export function computeVersion(rules: readonly TagRule[], facts: VersionFacts, warn: Warn): ComputedVersion {
  const collector = new VersionCollector(facts.flavor.latest);
  for (const rule of rules) {
    if (!isEnabled(rule, facts, warn)) continue;
    const produced = produce(rule, facts, warn);
    if (produced) collector.add(withAffixes(produced.value, rule, facts, warn), rule.origin, produced.latest);
  }
  return collector.finish();
}

function isEnabled(rule: TagRule, facts: VersionFacts, warn: Warn): boolean {
  const enabled = renderAt(rule.origin, rule.enable, facts.globals, 'the enable attribute', warn);
  if (enabled !== 'true' && enabled !== 'false') {
    throw inputError(
      rule.origin,
      `enable must be exactly true or false, but it is "${enabled}"`,
      'Write enable=true, enable=false, an expression such as enable={{is_default_branch}}, or a workflow expression ${{ … }} that yields true/false.'
    );
  }
  return enabled === 'true';
}

function produce(rule: TagRule, facts: VersionFacts, warn: Warn): Produced | undefined {
  switch (rule.type) {
    case 'schedule':
      return facts.eventName.includes('schedule')
        ? {value: renderAt(rule.origin, rule.pattern, facts.dates, 'the pattern', warn), latest: false}
        : undefined;
    case 'semver':
      return produceSemver(rule, facts, warn);
    case 'pep440':
      return producePep440(rule, facts, warn);
    case 'match':
      return produceMatch(rule, facts, warn);
    case 'edge':
      return isBranchRef(facts.ref) && branchName(facts.ref) === (rule.branch || facts.defaultBranch)
        ? {value: 'edge', latest: false}
        : undefined;
    case 'ref':
      return produceRef(rule, facts);
    case 'raw':
      return {value: renderAt(rule.origin, rule.value, facts.globals, 'the value', warn), latest: false};
    case 'sha':
      if (!facts.sha) return undefined;
      return {value: rule.format === 'short' ? shortSha(facts.sha, facts.shortShaLength) : facts.sha, latest: false};
  }
}

function produceRef(rule: RuleOf<'ref'>, facts: VersionFacts): Produced | undefined {
  const {ref} = facts;
  switch (rule.event) {
    case 'branch':
      return isBranchRef(ref) ? {value: branchName(ref), latest: false} : undefined;
    case 'tag':
      return isTagRef(ref) ? {value: slashesToDashes(tagName(ref)), latest: true} : undefined;
    case 'pr':
      return isPullRequestRef(ref) ? {value: pullRequestNumber(ref), latest: false} : undefined;
  }
}

/**
 * What semver/pep440/match rules read: the rendered `value`, else the pushed tag name. The tag name is
 * tried as pushed first (so `p1/v(.*)` matches `p1/v1.2.3`, as metadata-action's README shows) and then
 * with `/` turned into `-` (so patterns written as `p1-v(.*)` keep working).
 */
function versionCandidates(
  rule: {value: Template | undefined; origin: InputOrigin},
  facts: VersionFacts,
  warn: Warn
): string[] | undefined {
  if (rule.value) return [renderAt(rule.origin, rule.value, facts.globals, 'the value', warn)];
  if (!isTagRef(facts.ref)) return undefined;
  const name = tagName(facts.ref);
  const dashed = slashesToDashes(name);
  return dashed === name ? [name] : [name, dashed];
}

function firstMatch(regex: RegExp, candidates: readonly string[]): RegExpMatchArray | undefined {
  for (const candidate of candidates) {
    const found = candidate.match(regex);
    if (found) return found;
  }
  return undefined;
}

/** The version text a semver/pep440 rule validates: its `match` group 1 if any, else the dashed source. */
function versionSource(rule: VersionRule, facts: VersionFacts, warn: Warn): string | undefined {
  const candidates = versionCandidates(rule, facts, warn);
  if (!candidates) return undefined;
  if (!rule.match) return slashesToDashes(candidates[candidates.length - 1] ?? '');
  const found = firstMatch(rule.match, candidates);
  if (found?.[1] === undefined) {
    warn(
      `${describeOrigin(rule.origin)}: match ${rule.match} does not capture a version in "${candidates[0]}"; no tag from this rule.`
    );
    return undefined;
  }
  return found[1];
}

function produceSemver(rule: VersionRule, facts: VersionFacts, warn: Warn): Produced | undefined {
  const source = versionSource(rule, facts, warn);
  if (source === undefined) return undefined;
  if (!semver.valid(source)) {
    warn(
      `${describeOrigin(rule.origin)}: "${source}" is not a valid semantic version (https://semver.org); no tag from this rule.`
    );
    return undefined;
  }
  const parsed = semver.parse(source, SEMVER_PARSE_OPTIONS);
  if (!parsed) return undefined;
  // Own fields of the SemVer object, as Handlebars sees them: raw, version, major, minor, patch, prerelease, build…
  const scope = Object.fromEntries(Object.entries(parsed)) as Record<string, TemplateValue>;
  const prerelease = semver.prerelease(source) !== null;
  const pattern = prerelease && !isSingleRawExpression(rule.pattern) ? FULL_VERSION : rule.pattern;
  return {value: renderAt(rule.origin, pattern, scope, 'the pattern', warn), latest: !prerelease};
}

function producePep440(rule: VersionRule, facts: VersionFacts, warn: Warn): Produced | undefined {
  const source = versionSource(rule, facts, warn);
  if (source === undefined) return undefined;
  const parsed = parsePep440(source);
  if (!parsed) {
    warn(
      `${describeOrigin(rule.origin)}: "${source}" is not a valid PEP 440 version (https://peps.python.org/pep-0440/); no tag from this rule.`
    );
    return undefined;
  }
  const normalized = formatPep440(parsed);
  if (!isPep440Final(parsed)) {
    return {value: isSingleRawExpression(rule.pattern) ? source : normalized, latest: false};
  }
  const scope: TemplateScope = {
    raw: () => source,
    version: () => normalized,
    major: () => pep440Part(parsed, 0),
    minor: () => pep440Part(parsed, 1),
    patch: () => pep440Part(parsed, 2)
  };
  return {value: renderAt(rule.origin, rule.pattern, scope, 'the pattern', warn), latest: true};
}

function produceMatch(rule: RuleOf<'match'>, facts: VersionFacts, warn: Warn): Produced | undefined {
  const candidates = versionCandidates(rule, facts, warn);
  if (!candidates) return undefined;
  const found = firstMatch(rule.pattern, candidates);
  if (!found) {
    warn(
      `${describeOrigin(rule.origin)}: pattern ${rule.pattern} does not match "${candidates[0]}"; no tag from this rule.`
    );
    return undefined;
  }
  const captured = found[rule.group];
  if (captured === undefined) {
    warn(
      `${describeOrigin(rule.origin)}: pattern ${rule.pattern} has no group ${rule.group} in "${candidates[0]}"; no tag from this rule.`
    );
    return undefined;
  }
  return {value: captured, latest: true};
}

function withAffixes(value: string, rule: TagRule, facts: VersionFacts, warn: Warn): string {
  const {flavor, globals} = facts;
  const prefix = rule.prefix
    ? renderAt(rule.origin, rule.prefix, globals, 'the prefix', warn)
    : renderAt(flavor.prefix.origin, flavor.prefix.template, globals, 'the prefix', warn);
  const suffix = rule.suffix
    ? renderAt(rule.origin, rule.suffix, globals, 'the suffix', warn)
    : renderAt(flavor.suffix.origin, flavor.suffix.template, globals, 'the suffix', warn);
  return `${prefix}${value}${suffix}`;
}

class VersionCollector {
  private main: VersionEntry | undefined;
  private readonly partial: VersionEntry[] = [];
  private latest: boolean | undefined;

  constructor(private readonly mode: LatestMode) {}

  add(value: string, origin: InputOrigin, latestUnderAuto: boolean): void {
    if (value === '') return;
    const entry = {value: sanitizeTag(value), origin};
    if (!this.main) this.main = entry;
    else if (entry.value !== this.main.value) this.partial.push(entry);
    this.latest ??= this.mode === 'auto' ? latestUnderAuto : this.mode === 'true';
  }

  finish(): ComputedVersion {
    const seen = new Set<string>();
    const partial = this.partial.filter(entry => !seen.has(entry.value) && seen.add(entry.value));
    return {main: this.main, partial, latest: this.latest ?? false};
  }
}

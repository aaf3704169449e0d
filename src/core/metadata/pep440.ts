/**
 * PEP 440 versions (https://peps.python.org/pep-0440/): validation, normalization and the parts that
 * `type=pep440` patterns use. Mirrors what pypa/packaging (and @renovatebot/pep440, which metadata-action
 * uses) accept and print.
 */

export interface Pep440Version {
  epoch: string;
  release: string[];
  pre?: {label: 'a' | 'b' | 'rc'; number: string};
  post?: string;
  dev?: string;
  local?: string;
}

const PEP440 = new RegExp(
  '^\\s*v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?:[-_.]?(?<preLabel>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?<preNumber>[0-9]+)?)?' +
    '(?:-(?<implicitPost>[0-9]+)|[-_.]?(?<postLabel>post|rev|r)[-_.]?(?<postNumber>[0-9]+)?)?' +
    '(?:[-_.]?(?<devLabel>dev)[-_.]?(?<devNumber>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?' +
    '\\s*$',
  'i'
);
const LEADING_ZEROS = /^0+(?=\d)/;
const LOCAL_SEPARATORS = /[-_.]/;
const NUMERIC = /^\d+$/;
const PRE_LABELS: Readonly<Record<string, 'a' | 'b' | 'rc'>> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc'
};

/** Integers are kept as digit strings so that huge release numbers survive untouched. */
function normalizeInteger(digits: string): string {
  return digits.replace(LEADING_ZEROS, '');
}

export function parsePep440(input: string): Pep440Version | undefined {
  const groups = PEP440.exec(input)?.groups;
  if (!groups) return undefined;
  const version: Pep440Version = {
    epoch: normalizeInteger(groups.epoch ?? '0'),
    release: (groups.release ?? '').split('.').map(normalizeInteger)
  };
  if (groups.preLabel) {
    version.pre = {
      label: PRE_LABELS[groups.preLabel.toLowerCase()] ?? 'rc',
      number: normalizeInteger(groups.preNumber ?? '0')
    };
  }
  if (groups.implicitPost !== undefined) version.post = normalizeInteger(groups.implicitPost);
  else if (groups.postLabel) version.post = normalizeInteger(groups.postNumber ?? '0');
  if (groups.devLabel) version.dev = normalizeInteger(groups.devNumber ?? '0');
  if (groups.local) {
    version.local = groups.local
      .toLowerCase()
      .split(LOCAL_SEPARATORS)
      .map(part => (NUMERIC.test(part) ? normalizeInteger(part) : part))
      .join('.');
  }
  return version;
}

/** The normalized form, e.g. `v1.2.3beta2` → `1.2.3b2`, `1.0dev4` → `1.0.dev4`. */
export function formatPep440(version: Pep440Version): string {
  let text = version.epoch === '0' ? '' : `${version.epoch}!`;
  text += version.release.join('.');
  if (version.pre) text += `${version.pre.label}${version.pre.number}`;
  if (version.post !== undefined) text += `.post${version.post}`;
  if (version.dev !== undefined) text += `.dev${version.dev}`;
  if (version.local !== undefined) text += `+${version.local}`;
  return text;
}

/** Pre, post and dev releases only get their full version as a tag, never `latest` or `major.minor`. */
export function isPep440Final(version: Pep440Version): boolean {
  return !version.pre && version.post === undefined && version.dev === undefined;
}

export function pep440Part(version: Pep440Version, index: 0 | 1 | 2): string {
  return version.release[index] ?? '0';
}

/** The whole docker/metadata-action pipeline: rules → version → tags, labels, annotations and json. */
import {InputError} from '../errors.js';
import {globalScope, dateScope} from './expressions.js';
import {parseFlavor, type Flavor} from './flavor.js';
import {assertOciTag, repositorySourceUrl} from './ghcr-defaults.js';
import {parseImages} from './images.js';
import {buildLabelEntries, joinEntries} from './labels.js';
import {renderAt, type InputOrigin, type Warn} from './origin.js';
import {sanitizeTag} from './sanitize.js';
import {effectiveSha} from './settings.js';
import {parseTagRules} from './tag-rules.js';
import type {TemplateScope} from './template.js';
import type {Metadata, MetadataRequest} from './types.js';
import {computeVersion, type ComputedVersion} from './version.js';

export function computeMetadata(request: MetadataRequest): Metadata {
  const warnings: string[] = [];
  const warn: Warn = message => {
    if (!warnings.includes(message)) warnings.push(message);
  };
  try {
    return {...computeWithWarnings(request, warn), warnings};
  } catch (error) {
    // A warning often explains the error that follows (an unquoted date format makes a tag with ':'), and a failed
    // step prints the error alone: the warnings go with it.
    if (!(error instanceof InputError) || warnings.length === 0) throw error;
    throw new InputError(
      error.input,
      error.value,
      error.problem,
      `${error.fix} Warning${warnings.length > 1 ? 's' : ''} before this error: ${warnings.join(' ')}`,
      error.line
    );
  }
}

function computeWithWarnings(request: MetadataRequest, warn: Warn): Omit<Metadata, 'warnings'> {
  const {inputs, context, repo, settings, now, commitDate} = request;

  const sha = effectiveSha(context, settings);
  const facts = {
    eventName: context.eventName,
    ref: context.ref,
    sha,
    shortShaLength: settings.shortShaLength,
    payload: context.payload,
    fallbackDefaultBranch: repo.default_branch,
    now,
    commitDate
  };
  const globals = globalScope(facts);

  const images = parseImages(inputs.images, context);
  const rules = parseTagRules(inputs.tags, warn);
  const flavor = parseFlavor(inputs.flavor, warn);
  const version = computeVersion(
    rules,
    {...facts, defaultBranch: repo.default_branch, flavor, globals, dates: dateScope(facts)},
    warn
  );

  const tagNames = tagNamesOf(version, flavor, globals, warn);
  const enabledImages = images.filter(image => image.enable);
  const tags = enabledImages.flatMap(image => tagNames.map(name => `${image.name}:${name}`));

  const ociFacts = {
    repo,
    sourceUrl: repositorySourceUrl(repo.html_url, context),
    version: version.main?.value ?? '',
    created: now,
    revision: sha
  };
  const labelEntries = buildLabelEntries(ociFacts, inputs.labels, {input: 'labels', noun: 'label'}, globals, warn);
  const annotationEntries = buildLabelEntries(
    ociFacts,
    inputs.annotations,
    {input: 'annotations', noun: 'annotation'},
    globals,
    warn
  );
  const labels = joinEntries(labelEntries);
  const annotations = settings.annotationLevels.flatMap(level => joinEntries(annotationEntries, level));

  if (!version.main) {
    warn(
      `No image version was generated for ${context.eventName || 'this event'} on ${context.ref || 'an empty ref'}: no tag rule produced a value. Check the tags input.`
    );
  }
  if (tags.length === 0) {
    warn(
      version.main && enabledImages.length === 0
        ? 'No tag was generated because every image in the images input is disabled (enable=false).'
        : 'No tag was generated. Check the tags input.'
    );
  }

  return {
    version: {main: version.main?.value, partial: version.partial.map(entry => entry.value), latest: version.latest},
    images,
    tags,
    tagNames,
    labels,
    annotations,
    json: {tags, 'tag-names': tagNames, labels: Object.fromEntries(labelEntries), annotations}
  };
}

/** main, partials, then latest; each checked against the OCI tag grammar and named by the rule that made it. */
function tagNamesOf(version: ComputedVersion, flavor: Flavor, globals: TemplateScope, warn: Warn): string[] {
  if (!version.main) return [];
  const produced: Array<{value: string; origin: InputOrigin}> = [version.main, ...version.partial];
  if (version.latest) produced.push(latestTag(flavor, globals, warn));
  const names: string[] = [];
  for (const {value, origin} of produced) {
    assertOciTag(value, origin);
    // A rule that yields "latest" plus latest=true would otherwise push the same tag twice.
    if (!names.includes(value)) names.push(value);
  }
  return names;
}

function latestTag(flavor: Flavor, globals: TemplateScope, warn: Warn): {value: string; origin: InputOrigin} {
  const {prefix, suffix} = flavor;
  const before = prefix.onLatest ? renderAt(prefix.origin, prefix.template, globals, 'the prefix', warn) : '';
  const after = suffix.onLatest ? renderAt(suffix.origin, suffix.template, globals, 'the suffix', warn) : '';
  return {value: sanitizeTag(`${before}latest${after}`), origin: prefix.onLatest ? prefix.origin : suffix.origin};
}

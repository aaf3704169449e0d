/**
 * The `images` input, in metadata-action's two forms: one line of comma-separated names
 * (`name/foo,name/bar`), or one image per line with attributes (`name=ghcr.io/o/app,enable=false`).
 * Names are lowercased and validated; with no input the image is the repository on ghcr.io.
 */
import type {GitHubContext} from '../github-context.js';
import type {ListItem} from '../input-lists.js';
import {csvFields, splitOnEveryEquals} from './fields.js';
import {assertImageName, defaultImageName} from './ghcr-defaults.js';
import {inputError, type InputOrigin} from './origin.js';
import type {ImageName} from './types.js';

const IMAGE_HELP = 'Write one image per line, as ghcr.io/owner/app or name=ghcr.io/owner/app,enable=true|false.';

export function parseImages(items: readonly ListItem[], context: Pick<GitHubContext, 'owner' | 'repo'>): ImageName[] {
  if (items.length === 0) {
    const name = defaultImageName(context);
    assertImageName(
      name,
      {input: 'images', value: `${context.owner}/${context.repo}`},
      `The repository name does not make a valid image name; set the images input, e.g. images: ghcr.io/${context.owner.toLowerCase()}/app.`
    );
    return [{name, enable: true}];
  }
  const single = items.length === 1 && items[0] ? legacyList(items[0]) : undefined;
  return single ?? items.map(parseImageLine);
}

/** `name/foo,name/bar` on a single line: every field is a bare name. */
function legacyList(item: ListItem): ImageName[] | undefined {
  const origin = originOf(item);
  const fields = csvFields(origin).filter(field => field !== '');
  if (fields.length < 2 || fields.some(field => field.includes('='))) return undefined;
  return fields.map(field => validated(field, origin, true));
}

function parseImageLine(item: ListItem): ImageName {
  const origin = originOf(item);
  let name: string | undefined;
  let enable = true;
  for (const field of csvFields(origin)) {
    const {key, value} = splitOnEveryEquals(field);
    const attribute = value === undefined ? 'name' : key.toLowerCase();
    const text = value ?? key;
    switch (attribute) {
      case 'name':
        if (name !== undefined) throw inputError(origin, 'names more than one image', IMAGE_HELP);
        name = text;
        break;
      case 'enable':
        if (text !== 'true' && text !== 'false')
          throw inputError(origin, `enable must be true or false, not "${text}"`, IMAGE_HELP);
        enable = text === 'true';
        break;
      default:
        throw inputError(origin, `unknown image attribute "${key}"`, IMAGE_HELP);
    }
  }
  if (!name) throw inputError(origin, 'has an empty image name', IMAGE_HELP);
  return validated(name, origin, enable);
}

function validated(name: string, origin: InputOrigin, enable: boolean): ImageName {
  const lowercased = name.toLowerCase();
  assertImageName(lowercased, origin);
  return {name: lowercased, enable};
}

function originOf(item: ListItem): InputOrigin {
  return {input: 'images', line: item.line, value: item.value};
}

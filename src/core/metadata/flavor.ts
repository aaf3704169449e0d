/** The `flavor` input: `latest=auto|true|false`, `prefix=…[,onlatest=…]`, `suffix=…[,onlatest=…]`. */
import type {ListItem} from '../input-lists.js';
import {csvFields, splitOnEveryEquals} from './fields.js';
import {compileAt, inputError, type InputOrigin, type Warn} from './origin.js';
import type {Template} from './template.js';

export type LatestMode = 'auto' | 'true' | 'false';

export interface FlavorAffix {
  template: Template;
  /** Also applied to the `latest` tag. */
  onLatest: boolean;
  /** The flavor line that set it, for errors about the tags it produces. */
  origin: InputOrigin;
}

export interface Flavor {
  latest: LatestMode;
  prefix: FlavorAffix;
  suffix: FlavorAffix;
}

const LATEST_MODES: readonly LatestMode[] = ['auto', 'true', 'false'];
const BOOLEANS = ['true', 'false'];
const FLAVOR_HELP = 'Use latest=auto|true|false, prefix=<text>[,onlatest=true] or suffix=<text>[,onlatest=true].';

export function parseFlavor(items: readonly ListItem[], warn: Warn): Flavor {
  const emptyOrigin: InputOrigin = {input: 'flavor', value: ''};
  const empty = compileAt(emptyOrigin, '', 'the default');
  const flavor: Flavor = {
    latest: 'auto',
    prefix: {template: empty, onLatest: false, origin: emptyOrigin},
    suffix: {template: empty, onLatest: false, origin: emptyOrigin}
  };
  for (const item of items) {
    const origin: InputOrigin = {input: 'flavor', line: item.line, value: item.value};
    // onlatest belongs to the prefix or suffix written before it on the same line.
    let lastAffix: 'prefix' | 'suffix' | undefined;
    for (const field of csvFields(origin)) {
      const {key, value, dropped} = splitOnEveryEquals(field);
      if (value === undefined) throw inputError(origin, `entry "${field}" is not key=value`, FLAVOR_HELP);
      if (dropped.length > 0) {
        warn(
          `Flavor line ${item.line}: "${field}" contains more than one "="; like docker/metadata-action only "${value}" is used.`
        );
      }
      switch (key) {
        case 'latest':
          if (!LATEST_MODES.includes(value as LatestMode))
            throw inputError(origin, `latest must be auto, true or false, not "${value}"`, FLAVOR_HELP);
          flavor.latest = value as LatestMode;
          break;
        case 'prefix':
        case 'suffix':
          flavor[key] = {template: compileAt(origin, value, `the ${key}`), onLatest: flavor[key].onLatest, origin};
          lastAffix = key;
          break;
        case 'onlatest':
          if (!BOOLEANS.includes(value))
            throw inputError(origin, `onlatest must be true or false, not "${value}"`, FLAVOR_HELP);
          if (lastAffix) flavor[lastAffix].onLatest = value === 'true';
          else
            warn(
              `Flavor line ${item.line}: onlatest=${value} has no prefix or suffix before it on the same line and is ignored.`
            );
          break;
        default:
          throw inputError(origin, `unknown flavor entry "${key}"`, FLAVOR_HELP);
      }
    }
  }
  return flavor;
}

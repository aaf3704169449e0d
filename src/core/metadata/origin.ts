/** Where a value came from (input, line, text), so every failure names what the user must edit. */
import {InputError} from '../errors.js';
import {compileTemplate, renderTemplate, TemplateError, type Template, type TemplateScope} from './template.js';

export interface InputOrigin {
  /** Input name (`tags`, `flavor`…) or environment variable. */
  readonly input: string;
  /** 1-based line of the list item; absent for built-in defaults. */
  readonly line?: number;
  /** The whole item as written, shown in the message. */
  readonly value: string;
}

export type Warn = (message: string) => void;

export function inputError(origin: InputOrigin, problem: string, fix: string): InputError {
  return new InputError(origin.input, origin.value, problem, fix, origin.line);
}

const EXPRESSION_HELP =
  'Expressions follow docker/metadata-action: {{branch}}, {{tag}}, {{sha}}, {{base_ref}}, {{is_default_branch}}, ' +
  "{{is_not_default_branch}}, {{date 'YYYYMMDD' tz='Europe/Paris'}} and {{commit_date 'YYYYMMDD'}}.";

export function compileAt(origin: InputOrigin, source: string, what: string): Template {
  try {
    return compileTemplate(source);
  } catch (error) {
    if (error instanceof TemplateError)
      throw inputError(origin, `${what} is not a valid expression (${error.message})`, EXPRESSION_HELP);
    throw error;
  }
}

export function renderAt(
  origin: InputOrigin,
  template: Template,
  scope: TemplateScope,
  what: string,
  warn: Warn
): string {
  try {
    return renderTemplate(template, scope, message => warn(`${describeOrigin(origin)}: ${message}`));
  } catch (error) {
    if (error instanceof TemplateError)
      throw inputError(origin, `${what} cannot be rendered (${error.message})`, EXPRESSION_HELP);
    throw error;
  }
}

/** Line-aware description of a rule for warnings: `rule "type=sha" (line 3)`. */
export function describeOrigin(origin: InputOrigin): string {
  const line = origin.line === undefined ? 'default' : `line ${origin.line}`;
  return `${origin.input} rule "${origin.value}" (${line})`;
}

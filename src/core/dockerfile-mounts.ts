/**
 * The `RUN --mount=type=cache` mounts a Dockerfile declares, read as BuildKit's Dockerfile frontend reads them:
 * parser directives (`# escape=`), line continuations, comment lines inside them, heredoc bodies skipped, and the
 * mount's CSV options. A cache mount is keyed in the builder by its `id`, which defaults to its target path cleaned,
 * so that is the identity kept here. Pure.
 */
import {posix} from 'node:path';

export interface DockerfileCacheMount {
  /** The id BuildKit keys the mount by: `id=`, else the target path cleaned. */
  id: string;
  target: string;
  /** Owner and mode BuildKit gives the mount's root when it creates it. */
  uid?: string;
  gid?: string;
  mode?: string;
  /** `from=`: the mount starts from a stage or image, and BuildKit keys it with that base as well. */
  from?: string;
  /** The id or target uses a build argument (`$VAR`), whose value only the build knows. */
  usesVariable: boolean;
  /** 1-based line of the RUN instruction. */
  line: number;
}

export function findCacheMounts(dockerfile: string): DockerfileCacheMount[] {
  const lines = dockerfile.split(/\r?\n/);
  const escape = escapeCharacter(lines);
  const mounts: DockerfileCacheMount[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = index + 1;
    let text = lines[index++] ?? '';
    if (/^\s*(#|$)/.test(text)) continue;
    let instruction = '';
    for (;;) {
      const trimmed = text.replace(/\s+$/, '');
      if (!trimmed.endsWith(escape) || index >= lines.length) {
        instruction += trimmed;
        break;
      }
      // The parser joins continued lines as they are: no space between them.
      instruction += trimmed.slice(0, -1);
      // Comment and empty lines inside a continued instruction are dropped by the parser, not ending it.
      while (index < lines.length && /^\s*(#|$)/.test(lines[index] ?? '')) index++;
      text = lines[index++] ?? '';
    }
    index = skipHeredocs(instruction, lines, index);
    const run = /^\s*run\s+(.*)$/is.exec(instruction);
    if (run) mounts.push(...cacheMountsOfRun(run[1] ?? '', line));
  }
  return mounts;
}

/** `# escape=`` ` among the parser directives at the top; the backslash otherwise. */
function escapeCharacter(lines: readonly string[]): string {
  for (const line of lines) {
    const directive = /^\s*#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
    if (!directive) break;
    if (directive[1]?.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) {
      return directive[2];
    }
  }
  return '\\';
}

/**
 * The index after the bodies of the instruction's heredocs, whose lines are not instructions. As the frontend:
 * only RUN, COPY and ADD have them, and only a whole word `<<EOF`, `<<-EOF`, `<<"EOF"` is one (not `<<<`, not
 * `$((1<<2))`, not inside a longer word).
 */
function skipHeredocs(instruction: string, lines: readonly string[], index: number): number {
  if (!/^\s*(run|copy|add)\s/i.test(instruction)) return index;
  let next = index;
  for (const word of instruction.split(/\s+/)) {
    const heredoc = /^\d*<<(-?)(["']?)([A-Za-z_][\w.-]*)\2$/.exec(word);
    if (!heredoc) continue;
    const stripTabs = heredoc[1] === '-';
    while (next < lines.length) {
      const body = lines[next++] ?? '';
      if ((stripTabs ? body.replace(/^\t+/, '') : body) === heredoc[3]) break;
    }
  }
  return next;
}

/**
 * The cache mounts among the flags that open a RUN instruction (`--mount=...`, `--network=...`, then the command).
 * The frontend splits the flags as a shell would (quotes removed, a backslash escapes) before it reads a mount's CSV.
 */
function cacheMountsOfRun(rest: string, line: number): DockerfileCacheMount[] {
  const mounts: DockerfileCacheMount[] = [];
  for (const flag of leadingFlags(rest)) {
    const mount = /^--mount=(.*)$/s.exec(flag);
    const parsed = mount ? cacheMount(mount[1] ?? '', line) : undefined;
    if (parsed) mounts.push(parsed);
  }
  return mounts;
}

/** The words at the start of `text` that begin with `--`, shell-unquoted. */
function leadingFlags(text: string): string[] {
  const flags: string[] = [];
  let position = 0;
  for (;;) {
    while (position < text.length && /\s/.test(text[position] ?? '')) position++;
    if (!text.startsWith('--', position)) return flags;
    let word = '';
    let quote = '';
    for (; position < text.length; position++) {
      const character = text[position] ?? '';
      if (quote === "'") {
        if (character === "'") quote = '';
        else word += character;
      } else if (character === '\\' && position + 1 < text.length) {
        word += text[++position];
      } else if (quote === '"') {
        if (character === '"') quote = '';
        else word += character;
      } else if (character === "'" || character === '"') {
        quote = character;
      } else if (/\s/.test(character)) {
        break;
      } else {
        word += character;
      }
    }
    flags.push(word);
  }
}

function cacheMount(value: string, line: number): DockerfileCacheMount | undefined {
  const options = new Map<string, string>();
  for (const raw of csvFields(value)) {
    const field = unquote(raw.trim());
    const equals = field.indexOf('=');
    const key = (equals < 0 ? field : field.slice(0, equals)).trim().toLowerCase();
    options.set(key, equals < 0 ? '' : unquote(field.slice(equals + 1).trim()));
  }
  if (options.get('type')?.toLowerCase() !== 'cache') return undefined;
  const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
  if (!target) return undefined;
  const id = options.get('id') || cleanPath(target);
  const mount: DockerfileCacheMount = {id, target, usesVariable: /\$/.test(`${id}${target}`), line};
  for (const key of ['uid', 'gid', 'mode', 'from'] as const) {
    const option = options.get(key);
    if (option) mount[key] = option;
  }
  return mount;
}

/** Go's path.Clean, as the frontend cleans a target into the default id. */
export function cleanPath(path: string): string {
  const cleaned = posix.normalize(path);
  return cleaned.length > 1 ? cleaned.replace(/\/+$/, '') : cleaned;
}

/** Comma-separated fields, a comma inside double quotes kept (the frontend reads the option as a CSV row). */
function csvFields(value: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (const character of value) {
    if (character === '"') quoted = !quoted;
    if (character === ',' && !quoted) {
      fields.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  fields.push(current);
  return fields.filter(field => field.trim() !== '');
}

function unquote(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

/**
 * moment/moment-timezone compatible date formatting over the Intl API, so that `{{date 'FORMAT' tz='Zone'}}` renders
 * the same string as in docker/metadata-action without bundling moment and its time zone database. Intl only supplies
 * the UTC offset (and the zone abbreviation); every token is computed here with moment's English locale rules.
 */
export class DateFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DateFormatError';
  }
}

interface Moment {
  epoch: number;
  /** Minutes east of UTC. */
  offset: number;
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  /** 0 = Sunday */
  weekday: number;
  dayOfYear: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Days since 1970-01-01 of the wall-clock date. */
  dayNumber: number;
  zone: Zone;
}

interface Zone {
  name: string;
  /** Absent for the zero-offset zones, which never need Intl. */
  offsets?: Intl.DateTimeFormat;
  /** Known without Intl for the zero-offset zones. */
  abbreviation?: string;
  names?: Intl.DateTimeFormat;
  /** metadata formats the same commit date for many tags, so the last result is worth keeping. */
  last?: Moment;
}

type Render = (m: Moment) => string;
type Piece = string | Render;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// moment's en locale; the lowercase forms are the uppercase ones with short names and unpadded numbers.
const LOCALIZED: Record<string, string> = {
  LTS: 'h:mm:ss A',
  LT: 'h:mm A',
  L: 'MM/DD/YYYY',
  LL: 'MMMM D, YYYY',
  LLL: 'MMMM D, YYYY h:mm A',
  LLLL: 'dddd, MMMM D, YYYY h:mm A',
  l: 'M/D/YYYY',
  ll: 'MMM D, YYYY',
  lll: 'MMM D, YYYY h:mm A',
  llll: 'ddd, MMM D, YYYY h:mm A'
};

const DAY_MS = 86_400_000;

function pad(value: number, width: number, forceSign = false): string {
  const digits = String(Math.abs(value)).padStart(width, '0');
  return (value < 0 ? '-' : forceSign ? '+' : '') + digits;
}

function ordinal(value: number): string {
  const tens = Math.trunc((value % 100) / 10);
  const units = value % 10;
  const suffix = tens === 1 ? 'th' : units === 1 ? 'st' : units === 2 ? 'nd' : units === 3 ? 'rd' : 'th';
  return `${value}${suffix}`;
}

function daysSinceEpoch(year: number, monthIndex: number, day: number): number {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return Math.floor(date.getTime() / DAY_MS);
}

const weekdayOf = (dayNumber: number): number => (((dayNumber + 4) % 7) + 7) % 7;

/**
 * Week numbering as moment defines it: weeks start on `firstDay`, and week 1 is the week holding January
 * `7 + firstDay - doy` (en: Sunday weeks, week 1 holds January 1st; ISO: Monday weeks, week 1 holds January 4th).
 */
function weekOf(m: Moment, firstDay: number, doy: number): {week: number; year: number} {
  const start = (year: number): number => {
    const anchor = daysSinceEpoch(year, 0, 7 + firstDay - doy);
    return anchor - ((weekdayOf(anchor) - firstDay + 7) % 7);
  };
  let year = m.year;
  let first = start(year);
  if (m.dayNumber < first) {
    year--;
    first = start(year);
  } else {
    const next = start(year + 1);
    if (m.dayNumber >= next) {
      year++;
      first = next;
    }
  }
  return {week: Math.floor((m.dayNumber - first) / 7) + 1, year};
}

const localeWeek = (m: Moment): {week: number; year: number} => weekOf(m, 0, 6);
const isoWeek = (m: Moment): {week: number; year: number} => weekOf(m, 1, 4);
const eraYear = (m: Moment): number => (m.year >= 1 ? m.year : 1 - m.year);
const era = (m: Moment, long: boolean): string =>
  m.year >= 1 ? (long ? 'Anno Domini' : 'AD') : long ? 'Before Christ' : 'BC';

function utcOffset(m: Moment, separator: string): string {
  const total = Math.abs(m.offset);
  const sign = m.offset < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(total / 60), 2)}${separator}${pad(Math.trunc(total) % 60, 2)}`;
}

function zoneAbbreviation(m: Moment): string {
  // moment-timezone prints the tz database abbreviation. Intl's en-US short names agree for UTC, GMT and the North
  // American zones (EST/EDT, CST, MST, PST, AKST, HST...), but elsewhere Intl answers with an offset such as
  // `GMT+1` (Europe/Paris, tzdb CET), `GMT+9` (Asia/Tokyo, JST) or `GMT+5:30` (Asia/Kolkata, IST), and zones whose
  // tzdb abbreviation is numeric (`+07`) come out as `GMT+7`. That difference is accepted: carrying the tz database
  // to fix it would cost more than the rarely used z token is worth.
  const zone = m.zone;
  if (zone.abbreviation !== undefined) return zone.abbreviation;
  zone.names ??= new Intl.DateTimeFormat('en-US', {timeZone: zone.name, timeZoneName: 'short'});
  return zone.names.formatToParts(m.epoch).find(part => part.type === 'timeZoneName')?.value ?? '';
}

const hour12 = (m: Moment): number => m.hour % 12 || 12;

const RENDERERS: Record<string, Render> = {
  M: m => String(m.month),
  Mo: m => ordinal(m.month),
  MM: m => pad(m.month, 2),
  MMM: m => MONTHS[m.month - 1]!.slice(0, 3),
  MMMM: m => MONTHS[m.month - 1]!,
  Q: m => String(Math.ceil(m.month / 3)),
  Qo: m => ordinal(Math.ceil(m.month / 3)),
  D: m => String(m.day),
  Do: m => ordinal(m.day),
  DD: m => pad(m.day, 2),
  DDD: m => String(m.dayOfYear),
  DDDo: m => ordinal(m.dayOfYear),
  DDDD: m => pad(m.dayOfYear, 3),
  d: m => String(m.weekday),
  do: m => ordinal(m.weekday),
  dd: m => WEEKDAYS[m.weekday]!.slice(0, 2),
  ddd: m => WEEKDAYS[m.weekday]!.slice(0, 3),
  dddd: m => WEEKDAYS[m.weekday]!,
  // en weeks start on Sunday, so the locale weekday is the plain weekday.
  e: m => String(m.weekday),
  E: m => String(m.weekday || 7),
  w: m => String(localeWeek(m).week),
  wo: m => ordinal(localeWeek(m).week),
  ww: m => pad(localeWeek(m).week, 2),
  W: m => String(isoWeek(m).week),
  Wo: m => ordinal(isoWeek(m).week),
  WW: m => pad(isoWeek(m).week, 2),
  gg: m => pad(localeWeek(m).year % 100, 2),
  gggg: m => pad(localeWeek(m).year, 4),
  ggggg: m => pad(localeWeek(m).year, 5),
  GG: m => pad(isoWeek(m).year % 100, 2),
  GGGG: m => pad(isoWeek(m).year, 4),
  GGGGG: m => pad(isoWeek(m).year, 5),
  Y: m => (m.year <= 9999 ? pad(m.year, 4) : `+${m.year}`),
  YY: m => pad(m.year % 100, 2),
  YYYY: m => pad(m.year, 4),
  YYYYY: m => pad(m.year, 5),
  YYYYYY: m => pad(m.year, 6, true),
  y: m => String(eraYear(m)),
  yo: m => ordinal(eraYear(m)),
  yy: m => pad(eraYear(m), 2),
  yyy: m => pad(eraYear(m), 3),
  yyyy: m => pad(eraYear(m), 4),
  N: m => era(m, false),
  NN: m => era(m, false),
  NNN: m => era(m, false),
  NNNN: m => era(m, true),
  NNNNN: m => era(m, false),
  a: m => (m.hour > 11 ? 'pm' : 'am'),
  A: m => (m.hour > 11 ? 'PM' : 'AM'),
  H: m => String(m.hour),
  HH: m => pad(m.hour, 2),
  h: m => String(hour12(m)),
  hh: m => pad(hour12(m), 2),
  k: m => String(m.hour || 24),
  kk: m => pad(m.hour || 24, 2),
  Hmm: m => `${m.hour}${pad(m.minute, 2)}`,
  Hmmss: m => `${m.hour}${pad(m.minute, 2)}${pad(m.second, 2)}`,
  hmm: m => `${hour12(m)}${pad(m.minute, 2)}`,
  hmmss: m => `${hour12(m)}${pad(m.minute, 2)}${pad(m.second, 2)}`,
  m: m => String(m.minute),
  mm: m => pad(m.minute, 2),
  s: m => String(m.second),
  ss: m => pad(m.second, 2),
  S: m => String(Math.trunc(m.ms / 100)),
  SS: m => pad(Math.trunc(m.ms / 10), 2),
  Z: m => utcOffset(m, ':'),
  ZZ: m => utcOffset(m, ''),
  z: zoneAbbreviation,
  zz: zoneAbbreviation,
  X: m => String(Math.floor(m.epoch / 1000)),
  x: m => String(m.epoch)
};
// Milliseconds are all moment keeps: SSS and longer show three significant digits followed by zeros.
for (let width = 3; width <= 9; width++) {
  RENDERERS['S'.repeat(width)] = m => pad(m.ms * 10 ** (width - 3), width);
}

function runLength(format: string, at: number, char: string, max: number): number {
  let length = 0;
  while (length < max && format[at + length] === char) length++;
  return length;
}

/**
 * The text of the token at `at`, following the order in which moment's formatter tries its alternatives (so `Do`
 * beats `DD`, `ggg` is `gg` followed by `g`, and a character that starts no token stands alone).
 */
function tokenAt(format: string, at: number): string {
  const c = format[at]!;
  const next = format[at + 1];
  const run = (max: number): string => c.repeat(runLength(format, at, c, max));
  switch (c) {
    case 'H':
    case 'h':
      if (format.startsWith('mm', at + 1)) return format.startsWith('ss', at + 3) ? `${c}mmss` : `${c}mm`;
      return run(2);
    case 'M':
      return next === 'o' ? 'Mo' : run(4);
    case 'D':
      if (next === 'o') return 'Do';
      if (format.startsWith('DDDo', at)) return 'DDDo';
      return run(4);
    case 'd': {
      const length = runLength(format, at, 'd', 4);
      if (length >= 2) return 'd'.repeat(length);
      return next === 'o' ? 'do' : 'd';
    }
    case 'w':
    case 'W':
      // moment's pattern is `w[o|w]?`, so even `w|` is one (unknown, hence literal) token.
      return next === 'o' || next === '|' || next === c ? c + next : c;
    case 'Q':
      return next === 'o' ? 'Qo' : 'Q';
    case 'N':
      return run(5);
    case 'Y': {
      const length = runLength(format, at, 'Y', 6);
      return 'Y'.repeat(length >= 4 ? length : length >= 2 ? 2 : 1);
    }
    case 'y': {
      const length = runLength(format, at, 'y', 4);
      if (length >= 2) return 'y'.repeat(length);
      return next === 'o' ? 'yo' : 'y';
    }
    case 'g':
    case 'G': {
      const length = runLength(format, at, c, 5);
      return c.repeat(length >= 4 ? length : length >= 2 ? 2 : 1);
    }
    case 'k':
    case 'm':
    case 's':
    case 'z':
    case 'Z':
      return run(2);
    case 'S':
      return run(9);
    default:
      return c;
  }
}

const isLineTerminator = (c: string): boolean => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

/** Index of the `]` closing the `[` at `at`, or -1 when another `[` or the end comes first (the `[` is then text). */
function closingBracket(format: string, at: number): number {
  for (let i = at + 1; i < format.length; i++) {
    if (format[i] === ']') return i;
    if (format[i] === '[') return -1;
  }
  return -1;
}

function localizedTokenAt(format: string, at: number): string | undefined {
  for (const token of ['LTS', 'LT', 'LLLL', 'LLL', 'LL', 'L', 'llll', 'lll', 'll', 'l']) {
    if (format.startsWith(token, at)) return token;
  }
  return undefined;
}

function expandLocalized(format: string): string {
  let out = '';
  for (let i = 0; i < format.length;) {
    const c = format[i]!;
    if (c === '[') {
      const close = closingBracket(format, i);
      if (close !== -1) {
        out += format.slice(i, close + 1);
        i = close + 1;
        continue;
      }
    } else if (c === '\\') {
      // An escaped `\L` stays escaped for the tokenizer to print as `L`.
      const escaped = localizedTokenAt(format, i + 1);
      if (escaped !== undefined) {
        out += c + escaped;
        i += 1 + escaped.length;
        continue;
      }
    } else {
      const token = localizedTokenAt(format, i);
      if (token !== undefined) {
        out += LOCALIZED[token]!;
        i += token.length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

function compile(format: string): Piece[] {
  const expanded = expandLocalized(format);
  const pieces: Piece[] = [];
  const literal = (text: string): void => {
    const last = pieces.length - 1;
    if (typeof pieces[last] === 'string') pieces[last] += text;
    else if (text !== '') pieces.push(text);
  };
  for (let i = 0; i < expanded.length;) {
    const c = expanded[i]!;
    if (c === '[') {
      const close = closingBracket(expanded, i);
      if (close !== -1) {
        literal(expanded.slice(i + 1, close));
        i = close + 1;
        continue;
      }
    }
    // moment's tokenizer cannot match a line break outside brackets, so it silently drops it.
    if (isLineTerminator(c)) {
      i++;
      continue;
    }
    if (c === '\\') {
      const next = expanded[i + 1];
      if (next === undefined || isLineTerminator(next)) {
        i++;
        continue;
      }
      // A backslash prints the following token literally; moment strips every backslash from such a token.
      const token = tokenAt(expanded, i + 1);
      literal(token.replaceAll('\\', ''));
      i += 1 + token.length;
      continue;
    }
    const token = tokenAt(expanded, i);
    const render = Object.hasOwn(RENDERERS, token) ? RENDERERS[token] : undefined;
    if (render) pieces.push(render);
    else literal(token);
    i += token.length;
  }
  return pieces;
}

const compiled = new Map<string, Piece[]>();
const zones = new Map<string, Zone>();

// The tz database's zero-offset zones and their abbreviations. Answering them without Intl keeps the default zone
// free of ICU's start-up cost (about 15 ms for the first DateTimeFormat) and gets `GMT` right where Intl says `UTC`.
const ZERO_OFFSET_ZONES = new Map<string, string>([
  ...['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu'].map(
    name => [name.toLowerCase(), 'UTC'] as const
  ),
  ...[
    'GMT',
    'Etc/GMT',
    'Etc/GMT0',
    'Etc/GMT+0',
    'Etc/GMT-0',
    'GMT0',
    'GMT+0',
    'GMT-0',
    'Etc/Greenwich',
    'Greenwich'
  ].map(name => [name.toLowerCase(), 'GMT'] as const)
]);

function zoneFor(timeZone: string): Zone {
  const cached = zones.get(timeZone);
  if (cached) return cached;
  const abbreviation = ZERO_OFFSET_ZONES.get(timeZone.toLowerCase());
  const zone = abbreviation === undefined ? intlZone(timeZone) : {name: timeZone, abbreviation};
  zones.set(timeZone, zone);
  return zone;
}

function intlZone(timeZone: string): Zone {
  const hint = 'use an IANA time zone name such as Europe/Paris, America/New_York or UTC';
  let offsets: Intl.DateTimeFormat;
  try {
    offsets = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    });
  } catch {
    throw new DateFormatError(`unknown time zone ${JSON.stringify(timeZone)}: ${hint}`);
  }
  const resolved = offsets.resolvedOptions().timeZone;
  // Intl accepts fixed offsets like `+02:00`; moment-timezone does not (it falls back to UTC), so refuse them.
  if (/^[+-]/.test(resolved)) {
    throw new DateFormatError(
      `time zone ${JSON.stringify(timeZone)} is an offset, not a zone: ${hint} (Etc/GMT-2 is a fixed UTC+02:00)`
    );
  }
  return {name: resolved, offsets};
}

/** Milliseconds to add to `epoch` to get the wall clock of `zone`, read back from Intl's rendering of the instant. */
function offsetAt(zone: Zone, epoch: number): number {
  if (!zone.offsets) return 0;
  const parts: Record<string, string> = {};
  for (const part of zone.offsets.formatToParts(epoch)) parts[part.type] = part.value;
  const eraYearValue = Number(parts['year']);
  const year = parts['era'] === 'BC' || parts['era'] === 'B' ? 1 - eraYearValue : eraYearValue;
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts['month']) - 1, Number(parts['day']));
  wall.setUTCHours(Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
  return wall.getTime() - Math.floor(epoch / 1000) * 1000;
}

function momentIn(date: Date, zone: Zone): Moment {
  const epoch = date.getTime();
  if (zone.last?.epoch === epoch) return zone.last;
  const offsetMs = offsetAt(zone, epoch);
  const wall = new Date(epoch + offsetMs);
  if (Number.isNaN(wall.getTime())) {
    // Only at the edge of the Date range, where the wall clock of a zone east of UTC no longer fits in a Date.
    throw new DateFormatError(`${date.toISOString()} is out of range in ${zone.name}`);
  }
  const year = wall.getUTCFullYear();
  const dayNumber = Math.floor(wall.getTime() / DAY_MS);
  const m: Moment = {
    epoch,
    offset: offsetMs / 60_000,
    year,
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    weekday: wall.getUTCDay(),
    dayOfYear: dayNumber - daysSinceEpoch(year, 0, 1) + 1,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    ms: wall.getUTCMilliseconds(),
    dayNumber,
    zone
  };
  zone.last = m;
  return m;
}

/** Formats `date` with a moment.js format string in the IANA `timeZone` (default UTC). */
export function formatDate(date: Date, format: string, timeZone = 'UTC'): string {
  if (Number.isNaN(date.getTime())) {
    // moment would print "Invalid date", which would then surface as a baffling tag.
    throw new DateFormatError('cannot format an invalid date');
  }
  const m = momentIn(date, zoneFor(timeZone));
  // moment's default format; a zero offset counts as UTC mode and prints a literal Z.
  const effective = format === '' ? (m.offset === 0 ? 'YYYY-MM-DDTHH:mm:ss[Z]' : 'YYYY-MM-DDTHH:mm:ssZ') : format;
  let pieces = compiled.get(effective);
  if (!pieces) {
    pieces = compile(effective);
    compiled.set(effective, pieces);
  }
  let out = '';
  for (const piece of pieces) out += typeof piece === 'string' ? piece : piece(m);
  return out;
}

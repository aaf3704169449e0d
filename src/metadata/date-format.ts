/** moment/moment-timezone compatible date formatting over the Intl API. STUB: being implemented. */
export class DateFormatError extends Error {}

/** Formats `date` with a moment.js format string in the IANA `timeZone` (default UTC). */
export function formatDate(_date: Date, _format: string, _timeZone = 'UTC'): string {
  throw new Error('not implemented');
}

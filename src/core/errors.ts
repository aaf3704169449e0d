/**
 * An error the user can act on: it names the input, the offending value and the fix.
 * main.ts prints its message alone (no stack trace) and fails the step.
 */
import {quoteForMessage} from './command-line.js';

export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    readonly problem: string,
    readonly fix: string,
    readonly line?: number
  ) {
    const where = line === undefined ? `input "${input}"` : `input "${input}", line ${line}`;
    super(`${where}: ${problem}: ${quoteForMessage(truncateForMessage(value))}. ${fix}`);
    this.name = 'InputError';
  }
}

/** A failure outside the user's inputs (docker, registry, API) with the action to take. */
export class ActionableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionableError';
  }
}

export function truncateForMessage(value: string, max = 200): string {
  return value.length > max ? `${value.slice(0, max)}… (${value.length} characters)` : value;
}

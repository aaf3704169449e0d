/**
 * Runs the bundled action locally exactly as a GitHub runner would (main, then post), by default as a dry
 * run against samples/event-push-tag.json, and prints the log, outputs and summary.
 *
 *   npm run local -- [--event FILE|FIXTURE] [--input NAME=VALUE]... [--no-dry-run] [--token TOKEN]
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {REPO_ROOT, runAction, type EventFixture} from '../__tests__/harness/runner.js';

function parseArguments(argv: string[]): {event: string | EventFixture; inputs: Record<string, string>; token: string} {
  const inputs: Record<string, string> = {'dry-run': 'true'};
  let event: string | EventFixture = 'samples/event-push-tag.json';
  // A stand-in for ${{ github.token }} so the plan shows the login; it is masked and never sent anywhere.
  let token = 'ghs_local_dry_run_token';
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    if (argument === '--event') event = value();
    else if (argument === '--token') token = value();
    else if (argument === '--no-dry-run') inputs['dry-run'] = 'false';
    else if (argument === '--input') {
      const assignment = value();
      const separator = assignment.indexOf('=');
      if (separator <= 0) throw new Error(`--input takes NAME=VALUE, got ${JSON.stringify(assignment)}`);
      inputs[assignment.slice(0, separator)] = assignment.slice(separator + 1);
    } else throw new Error(`unknown argument ${JSON.stringify(argument)}; see the header of scripts/local-run.ts`);
  }
  if (typeof event === 'string' && event.endsWith('.json')) {
    event = JSON.parse(readFileSync(path.resolve(REPO_ROOT, event), 'utf8')) as EventFixture;
  }
  return {event, inputs, token};
}

const {event, inputs, token} = parseArguments(process.argv.slice(2));
const run = await runAction({event, inputs, token});
for (const step of [run.main, run.post]) {
  if (!step) continue;
  console.log(`\n===== ${step.stage} step (exit ${step.exitCode}) =====`);
  for (const line of step.lines) {
    if (!line.text.startsWith('::add-mask::')) console.log(line.text);
  }
}
console.log('\n===== outputs =====');
for (const [name, value] of Object.entries(run.main.outputs)) console.log(`${name}: ${value.replace(/\n/g, '\n  ')}`);
console.log('\n===== job summary =====');
console.log(run.main.summary);
process.exitCode = run.main.exitCode ?? 1;

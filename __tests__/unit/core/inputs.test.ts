import {InputError} from '../../../src/core/errors.js';
import {readConfig, type InputReader} from '../../../src/core/inputs.js';
import {thrown} from '../../support/expectations.js';

/** Inputs as the runner passes them: unset ones are empty (the defaults are readConfig's). */
function reader(values: Record<string, string>): InputReader {
  return (name, options) => {
    const value = values[name] ?? '';
    return options?.trim === false ? value : value.trim();
  };
}

const refusal = (values: Record<string, string>): InputError => {
  const error = thrown(() => readConfig(reader(values)));
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
};

describe('readConfig', () => {
  it('gives the documented defaults for empty inputs', () => {
    const config = readConfig(reader({}));
    expect(config.build).toMatchObject({
      push: 'auto',
      load: false,
      platforms: [],
      ghaCache: true,
      noCache: false,
      qemuImage: expect.stringMatching(/^docker\.io\/tonistiigi\/binfmt:qemu-v[\d.]+@sha256:[0-9a-f]{64}$/),
      cacheImage: true,
      builderOptions: expect.objectContaining({
        buildkitImage: expect.stringMatching(/^docker\.io\/moby\/buildkit:v[\d.]+@sha256:[0-9a-f]{64}$/)
      })
    });
    expect(config.login.dockerHub).toEqual({username: '', password: ''});
    expect(config).toMatchObject({verify: true, distribute: '', dryRun: false, login: {logout: true}});
    expect(config.metadata.sepTags).toBe('\n');
  });

  it('reads lists with their lines, booleans in YAML spellings and choices in any case', () => {
    const config = readConfig(
      reader({
        'build-args': 'A=1\n# a comment\nB=2',
        platforms: 'linux/AMD64, linux/amd64',
        load: 'True',
        push: 'FALSE',
        'cache-to': 'type=gha,mode=max'
      })
    );
    expect(config.build.buildArgs).toEqual(['A=1', 'B=2']);
    expect(config.build.platforms).toEqual(['linux/amd64']);
    expect(config.build.load).toBe(true);
    expect(config.build.push).toBe('false');
    expect(config.build.cacheTo).toEqual(['type=gha,mode=max']);
  });

  it('wants both Docker Hub inputs or neither, naming the one missing', () => {
    expect(readConfig(reader({'dockerhub-username': 'hub', 'dockerhub-token': 'dckr_pat_x'})).login.dockerHub).toEqual({
      username: 'hub',
      password: 'dckr_pat_x'
    });
    expect(() => readConfig(reader({'dockerhub-username': 'hub'}))).toThrow(
      /input "dockerhub-token".*"dockerhub-username" is set but "dockerhub-token" is empty.*Set both/s
    );
    expect(() => readConfig(reader({'dockerhub-token': 'dckr_pat_x'}))).toThrow(/input "dockerhub-username"/);
  });

  it('keeps a secret value as written, blanks included', () => {
    const config = readConfig(reader({secrets: 'npm= s3cret \n'}));
    expect(config.build.secrets.map(item => item.value)).toEqual(['npm= s3cret ']);
  });

  it.each([
    [{context: 'git'}, 'context', /docker\/metadata-action's context setting/],
    [{load: 'yes'}, 'load', /not a boolean/],
    [{push: 'sometimes'}, 'push', /Use one of auto, true, false/],
    [{load: 'true', platforms: 'linux/amd64,linux/arm64'}, 'load', /holds one platform/],
    [{distribute: 'platform', platforms: 'linux/amd64,linux/arm64'}, 'platforms', /exactly one platform/],
    [{distribute: 'platform', platforms: 'linux/arm64', push: 'false'}, 'push', /must push/],
    [{distribute: 'merge', outputs: 'type=docker'}, 'outputs', /builds nothing/],
    [{'build-args': 'A=1\n=2'}, 'build-args', /line 2: the build argument has an empty name/],
    [{secrets: 'hunter2'}, 'secrets', /\(value hidden\)/]
  ])('refuses %p naming %s', (values, input, problem) => {
    const error = refusal(values as Record<string, string>);
    expect(error.input).toBe(input);
    expect(error.message).toMatch(problem);
    expect(error.message).not.toContain('hunter2');
  });
});

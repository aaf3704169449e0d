import {githubContextFrom} from '../../../src/core/github-context.js';
import {planLogins, registriesWithoutCredentials} from '../../../src/core/login-plan.js';

const NO_HUB = {username: '', password: ''};

const context = githubContextFrom({GITHUB_REPOSITORY: 'Octo-Org/Hello-World', GITHUB_ACTOR: 'octocat'}, {});

describe('planLogins', () => {
  const login = {username: '', password: '', logout: true, dockerHub: NO_HUB};

  it('logs in once per registry, to ghcr.io with the actor and the github-token', () => {
    const plan = planLogins(['ghcr.io/octo-org/a', 'ghcr.io/octo-org/b'], login, 'ghs_token', context);
    expect(plan.logins).toEqual([{registry: 'ghcr.io', username: 'octocat', password: 'ghs_token'}]);
    expect(plan.skipped).toEqual([]);
  });

  it('does not send the github-token to another registry', () => {
    const plan = planLogins(['ghcr.io/octo-org/a', 'docker.io/octo/a'], login, 'ghs_token', context);
    expect(plan.logins.map(entry => entry.registry)).toEqual(['ghcr.io']);
    expect(plan.skipped).toEqual([{registry: 'docker.io', reason: expect.stringMatching(/password/)}]);
  });

  it('keeps the github-token for ghcr.io when the password is for another registry', () => {
    const plan = planLogins(
      ['ghcr.io/octo-org/a', 'docker.io/octo/a'],
      {username: 'hubuser', password: 'hub-token', logout: true, dockerHub: NO_HUB},
      'ghs_token',
      context
    );
    expect(plan.logins).toEqual([
      {registry: 'ghcr.io', username: 'octocat', password: 'ghs_token'},
      {registry: 'docker.io', username: 'hubuser', password: 'hub-token'}
    ]);
  });

  it('uses the password and username inputs for every registry when given', () => {
    const plan = planLogins(
      ['localhost:5000/a'],
      {username: 'robot', password: 'pw', logout: true, dockerHub: NO_HUB},
      'tok',
      context
    );
    expect(plan.logins).toEqual([{registry: 'localhost:5000', username: 'robot', password: 'pw'}]);
  });

  it('logs in to Docker Hub for the pulls when its credentials are given, after the registries pushed to', () => {
    const hub = {username: 'hubuser', password: 'dckr_pat_x'};
    const plan = planLogins(['ghcr.io/octo-org/a'], {...login, dockerHub: hub}, 'ghs_token', context);
    expect(plan.logins).toEqual([
      {registry: 'ghcr.io', username: 'octocat', password: 'ghs_token'},
      {registry: 'docker.io', username: 'hubuser', password: 'dckr_pat_x'}
    ]);
  });

  it('lets the Docker Hub credentials stand in for a docker.io image without a password, and no second login', () => {
    const hub = {username: 'hubuser', password: 'dckr_pat_x'};
    const withoutPassword = planLogins(['docker.io/octo/a'], {...login, dockerHub: hub}, 'ghs_token', context);
    expect(withoutPassword).toEqual({logins: [{registry: 'docker.io', ...hub}], skipped: []});
    const withPassword = planLogins(
      ['docker.io/octo/a'],
      {username: 'robot', password: 'pw', logout: true, dockerHub: hub},
      'tok',
      context
    );
    expect(withPassword.logins).toEqual([{registry: 'docker.io', username: 'robot', password: 'pw'}]);
  });

  it('says how to fix a missing token for ghcr.io', () => {
    const plan = planLogins(['ghcr.io/octo-org/a'], login, '', context);
    expect(plan.skipped[0]?.reason).toMatch(/packages: write/);
  });
});

describe('registriesWithoutCredentials', () => {
  const login = {username: '', password: '', logout: true, dockerHub: NO_HUB};
  const skippedOf = (images: string[], token: string) => planLogins(images, login, token, context);

  it('lists a registry the push would reach with no login and nothing stored', () => {
    const plan = skippedOf(['ghcr.io/octo-org/a', 'registry.example.com/o/a'], '');
    expect(registriesWithoutCredentials(plan, () => false)).toEqual(['ghcr.io', 'registry.example.com']);
  });

  it('trusts a login an earlier step stored, and a registry on this machine', () => {
    const plan = skippedOf(['ghcr.io/octo-org/a', 'localhost:5000/a', '127.0.0.1:5001/a', '[::1]:5002/a'], '');
    expect(registriesWithoutCredentials(plan, registry => registry === 'ghcr.io')).toEqual([]);
  });

  it('is empty when the github-token logs in', () => {
    expect(registriesWithoutCredentials(skippedOf(['ghcr.io/octo-org/a'], 'ghs_token'), () => false)).toEqual([]);
  });
});

/** Whether this run pushes, and why: the rule users otherwise encode by hand in `push:` expressions. */
import {isForkPullRequest, type GitHubContext} from './github-context.js';
import type {PushMode} from './inputs.js';

export interface PushDecision {
  push: boolean;
  reason: string;
  /** Set when the user asked for a push that this run cannot make. */
  warning?: string;
}

/** Events whose GITHUB_TOKEN can write packages and whose builds are meant to be published. */
const PUBLISHING_EVENTS = new Set(['push', 'create', 'release', 'schedule', 'workflow_dispatch']);

/** Events of a release that publish it; edits and deletions must not re-push or move latest. */
const PUBLISHING_RELEASE_ACTIONS = new Set(['published', 'released', 'prereleased']);

/**
 * `ownCredentials`: the user gave a password, so the GITHUB_TOKEN's read-only limits do not decide.
 */
export function decidePush(mode: PushMode, context: GitHubContext, ownCredentials = false): PushDecision {
  const readOnlyReason = ownCredentials ? undefined : readOnlyTokenReason(context);
  if (readOnlyReason) {
    const decision = {push: false, reason: readOnlyReason};
    return mode === 'true' ? {...decision, warning: `push: true was ignored: ${readOnlyReason}`} : decision;
  }
  if (mode === 'true') return {push: true, reason: 'push: true'};
  if (mode === 'false') return {push: false, reason: 'push: false'};
  if (context.eventName === 'release' && !PUBLISHING_RELEASE_ACTIONS.has(String(context.payload.action))) {
    return {
      push: false,
      reason: `push: auto does not publish on release "${String(context.payload.action)}" events (only published, released, prereleased)`
    };
  }
  if (PUBLISHING_EVENTS.has(context.eventName)) {
    return {push: true, reason: `push: auto publishes on ${context.eventName} events`};
  }
  if (context.eventName.startsWith('pull_request')) {
    return {
      push: false,
      reason: `push: auto builds ${context.eventName} events without pushing (set push: true to publish same-repository pull requests)`
    };
  }
  return {
    push: false,
    reason: `push: auto does not publish on ${context.eventName || 'unknown'} events (set push: true to publish)`
  };
}

function readOnlyTokenReason(context: GitHubContext): string | undefined {
  // pull_request_target runs in the base repository with a token that can write.
  if (context.eventName !== 'pull_request_target' && isForkPullRequest(context)) {
    return 'this is a pull request from a fork, whose GITHUB_TOKEN is read-only: the image is built but not pushed';
  }
  if (context.actor === 'dependabot[bot]') {
    return 'this run was triggered by Dependabot, whose GITHUB_TOKEN is read-only: the image is built but not pushed';
  }
  return undefined;
}

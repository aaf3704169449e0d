// A GHCR-like token service for the token-authenticated test registry (scripts/services/token-registry.sh):
// the docker registry token protocol (https://distribution.github.io/distribution/spec/auth/token/).
//
//   node scripts/services/token-server.mjs CONFIG.json
//
// GET /token?service=S&scope=repository:<name>:pull,push (scope may repeat, or be absent as for `docker login`)
// with Basic auth answers {"token", "access_token", "expires_in", "issued_at"}: a JWT signed with the
// configured key (ES256 for an EC P-256 key, RS256 for RSA) whose `x5c` header carries the self-signed
// certificate that the registry trusts as its `rootcertbundle`. Like ghcr.io, a read-only credential asking
// for more than pull gets HTTP 403 with the OCI error body naming GHCR's denial; a wrong password gets 401.
//
// CONFIG.json: {"host", "port", "issuer", "service", "key", "certificate" (paths to PEM files), "ttlSeconds",
// "users": [{"name", "passwordSha256", "actions": ["pull", ...], "denial"?: "text of the 403"}]}.
// Plain Node (20 or later), no dependencies. Logs one line per request on stdout, never a password or token.
import {createHash, createPrivateKey, randomBytes, sign, timingSafeEqual, X509Certificate} from 'node:crypto';
import {readFileSync} from 'node:fs';
import http from 'node:http';

const configPath = process.argv[2];
if (!configPath) {
  console.error('usage: node token-server.mjs CONFIG.json');
  process.exit(2);
}
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const privateKey = createPrivateKey(readFileSync(config.key));
const certificate = new X509Certificate(readFileSync(config.certificate));
if (!certificate.checkPrivateKey(privateKey)) {
  console.error(`${config.certificate} does not certify the key ${config.key}`);
  process.exit(1);
}
const keyType = privateKey.asymmetricKeyType;
if (keyType !== 'ec' && keyType !== 'rsa') {
  console.error(`unsupported key type ${keyType}: use an EC P-256 or an RSA key`);
  process.exit(1);
}
const algorithm = keyType === 'ec' ? 'ES256' : 'RS256';
// Standard base64 of the DER certificate, as RFC 7515 §4.1.6 (and distribution's parser) wants it.
const x5c = [certificate.raw.toString('base64')];
const ttlSeconds = Number(config.ttlSeconds ?? 300);
const users = new Map(config.users.map(user => [user.name, user]));

const base64url = value => Buffer.from(value).toString('base64url');

function signToken(claims) {
  const header = base64url(JSON.stringify({typ: 'JWT', alg: algorithm, x5c}));
  const payload = base64url(JSON.stringify(claims));
  const input = Buffer.from(`${header}.${payload}`);
  // JWS wants ECDSA signatures as r || s (IEEE P1363), not DER.
  const signature =
    algorithm === 'ES256'
      ? sign('sha256', input, {key: privateKey, dsaEncoding: 'ieee-p1363'})
      : sign('sha256', input, privateKey);
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

/** The user whose Basic credentials the request carries, undefined when they are missing or wrong. */
function authenticate(request) {
  const match = /^Basic\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = users.get(decoded.slice(0, colon));
  if (!user) return undefined;
  const given = createHash('sha256')
    .update(decoded.slice(colon + 1))
    .digest();
  const expected = Buffer.from(user.passwordSha256, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? user : undefined;
}

/** `repository:octo/app:pull,push` → {type, name, actions}; the name may hold slashes, never the last colon. */
function parseScope(scope) {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last <= first) return undefined;
  const actions = scope
    .slice(last + 1)
    .split(',')
    .map(action => action.trim())
    .filter(Boolean);
  return {type: scope.slice(0, first), name: scope.slice(first + 1, last), actions};
}

function answer(response, status, body, headers = {}) {
  response.writeHead(status, {'content-type': 'application/json', 'cache-control': 'no-store', ...headers});
  response.end(JSON.stringify(body));
}

const ociError = (code, message) => ({errors: [{code, message}]});

function handleToken(request, url) {
  const service = url.searchParams.get('service');
  if (service !== null && service !== config.service) {
    return {status: 400, body: ociError('UNSUPPORTED', `unknown service ${service}`)};
  }
  // Docker repeats `scope`; some clients put several in one, separated by spaces.
  const scopes = url.searchParams
    .getAll('scope')
    .flatMap(value => value.split(' '))
    .filter(Boolean);
  const parsed = scopes.map(parseScope);
  if (parsed.some(scope => scope === undefined)) {
    return {status: 400, body: ociError('UNSUPPORTED', 'invalid scope')};
  }
  const user = authenticate(request);
  if (!user) return {status: 401, body: ociError('UNAUTHORIZED', 'authentication required')};
  const access = [];
  for (const scope of parsed) {
    const refused = scope.actions.filter(action => !user.actions.includes(action));
    // GHCR refuses the whole request, with its own text, when a read-only credential asks to write.
    if (refused.length > 0 && user.denial) return {status: 403, body: ociError('DENIED', user.denial), user};
    const granted = scope.actions.filter(action => user.actions.includes(action));
    const existing = access.find(entry => entry.type === scope.type && entry.name === scope.name);
    if (existing) existing.actions = [...new Set([...existing.actions, ...granted])];
    else access.push({type: scope.type, name: scope.name, actions: granted});
  }
  const now = Math.floor(Date.now() / 1000);
  const token = signToken({
    iss: config.issuer,
    sub: user.name,
    aud: config.service,
    exp: now + ttlSeconds,
    // Some leeway for clocks: the registry runs on this machine, but a second boundary is enough to fail.
    nbf: now - 10,
    iat: now,
    jti: randomBytes(16).toString('hex'),
    access
  });
  return {
    status: 200,
    body: {token, access_token: token, expires_in: ttlSeconds, issued_at: new Date(now * 1000).toISOString()},
    user,
    access
  };
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://token-server');
  let result;
  if (url.pathname !== '/token') {
    result = {status: 404, body: ociError('NOT_FOUND', `no such endpoint ${url.pathname}`)};
  } else if (request.method !== 'GET' && request.method !== 'HEAD') {
    result = {status: 405, body: ociError('UNSUPPORTED', 'only GET is supported'), headers: {allow: 'GET'}};
  } else {
    result = handleToken(request, url);
  }
  request.resume();
  answer(response, result.status, result.body, result.headers);
  const scopes = url.searchParams.getAll('scope').join(' ') || '-';
  const granted = result.access?.map(entry => `${entry.name}:${entry.actions.join(',')}`).join(' ') ?? '-';
  console.log(
    `${new Date().toISOString()} ${request.method} ${url.pathname} user=${result.user?.name ?? '-'} ` +
      `scope=${scopes} status=${result.status} granted=${granted}`
  );
});
server.keepAliveTimeout = 5_000;
server.on('error', error => {
  console.error(`token server: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  console.log(
    `${new Date().toISOString()} token server listening on http://${config.host}:${config.port}/token ` +
      `(issuer ${config.issuer}, service ${config.service}, ${algorithm}, ${users.size} users)`
  );
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

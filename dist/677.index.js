export const id = 677;
export const ids = [677];
export const modules = {

/***/ 9045:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hf: () => (/* binding */ hasStoredLogin),
/* harmony export */   VJ: () => (/* binding */ storeLogin),
/* harmony export */   _4: () => (/* binding */ storedDockerCredentials)
/* harmony export */ });
/* unused harmony exports credentialsFromDockerConfig, credentialHelperFor, credentialsFromHelperAnswer, dockerConfigFile, withStoredLogin, withoutStoredLogin */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/**
 * The credentials docker keeps for a registry, for the action's own registry calls to a registry that an earlier
 * step logged in to (docker/login-action, `gcloud auth configure-docker`, a cloud login), not this one: a plain
 * `auths` entry of config.json, else the credential helper it names (`credHelpers` for the registry, else
 * `credsStore`), asked as docker asks it (`docker-credential-<helper> get`, the registry on stdin). Identity
 * tokens are not used.
 */




/** Pure: the `auths` entry for the registry in a config.json text (keys may carry a scheme or path). */
function credentialsFromDockerConfig(configText, registry) {
    const auths = (parseConfig(configText).auths ?? {});
    const wanted = registry === 'docker.io' ? ['docker.io', 'index.docker.io', 'registry-1.docker.io'] : [registry];
    const entry = Object.entries(auths).find(([key]) => wanted.includes(hostOfConfigKey(key)));
    const auth = entry?.[1]?.auth;
    if (typeof auth !== 'string' || auth === '')
        return undefined;
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator <= 0)
        return undefined;
    return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}
/** Pure: the credential helper config.json names for the registry (`credHelpers` first, then `credsStore`). */
function credentialHelperFor(configText, registry) {
    const config = parseConfig(configText);
    const named = Object.entries(config.credHelpers ?? {}).find(([key]) => hostOfConfigKey(key) === registry)?.[1];
    const helper = typeof named === 'string' && named !== '' ? named : config.credsStore;
    return typeof helper === 'string' && /^[A-Za-z0-9_.-]+$/.test(helper) ? helper : undefined;
}
/** Pure: a credential helper's `get` answer; an identity token (Username `<token>`) is not a password. */
function credentialsFromHelperAnswer(stdout) {
    try {
        const { Username, Secret } = JSON.parse(stdout);
        if (typeof Username !== 'string' || typeof Secret !== 'string' || Username === '' || Username === '<token>') {
            return undefined;
        }
        return { username: Username, password: Secret };
    }
    catch {
        return undefined;
    }
}
/** A helper that hangs (a desktop keychain waiting for a prompt) must not hold the step. */
const HELPER_TIMEOUT_MS = 10_000;
/** docker's config.json as text, or undefined when there is none to read. */
function readDockerConfig(env) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(dockerConfigFile(env), 'utf8');
    }
    catch {
        return undefined;
    }
}
/**
 * Whether config.json holds a login for the registry or names a credential helper that may: the helper is not
 * asked, so that no process starts before the step has checked its inputs.
 */
function hasStoredLogin(registry, env) {
    const configText = readDockerConfig(env);
    if (configText === undefined)
        return false;
    return (credentialsFromDockerConfig(configText, registry) !== undefined ||
        credentialHelperFor(configText, registry) !== undefined);
}
function storedDockerCredentials(registry, env = process.env) {
    const configText = readDockerConfig(env);
    if (configText === undefined)
        return undefined;
    const stored = credentialsFromDockerConfig(configText, registry);
    if (stored)
        return stored;
    const helper = credentialHelperFor(configText, registry);
    if (!helper)
        return undefined;
    try {
        const answer = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)(`docker-credential-${helper}`, ['get'], {
            input: registry,
            encoding: 'utf8',
            timeout: HELPER_TIMEOUT_MS,
            stdio: ['pipe', 'pipe', 'ignore']
        });
        return credentialsFromHelperAnswer(answer);
    }
    catch {
        return undefined;
    }
}
/** docker's config.json, as the docker CLI finds it (DOCKER_CONFIG, else ~/.docker). */
function dockerConfigFile(env = process.env) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(env.DOCKER_CONFIG || (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.homedir)(), '.docker'), 'config.json');
}
/** Pure: config.json with an `auths` entry for the registry, as `docker login` writes it without a helper. */
function withStoredLogin(configText, registry, username, password) {
    const config = parseConfig(configText);
    const auths = (config.auths ?? {});
    auths[registry] = { auth: Buffer.from(`${username}:${password}`).toString('base64') };
    return JSON.stringify({ ...config, auths }, null, '\t') + '\n';
}
/** Pure: config.json without the registry's `auths` entry, as `docker logout` leaves it. */
function withoutStoredLogin(configText, registry) {
    const config = parseConfig(configText);
    const auths = { ...(config.auths ?? {}) };
    for (const key of Object.keys(auths)) {
        if (hostOfConfigKey(key) === registry)
            delete auths[key];
    }
    return JSON.stringify({ ...config, auths }, null, '\t') + '\n';
}
/** config.json keys may carry a scheme and a path (https://index.docker.io/v1/): the registry host alone. */
function hostOfConfigKey(key) {
    return key.replace(/^https?:\/\//, '').split('/')[0];
}
/** config.json as an object; an unreadable one as empty, as docker treats a missing file. */
function parseConfig(configText) {
    try {
        const parsed = JSON.parse(configText);
        return parsed !== null && typeof parsed === 'object' ? parsed : {};
    }
    catch {
        return {};
    }
}
/** Stores or removes a login in docker's config.json without the docker CLI (a runner or container job without it). */
function storeLogin(registry, login) {
    const file = dockerConfigFile();
    let text = '{}';
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file, 'utf8');
    }
    catch {
        if (!login)
            return;
    }
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(file), { recursive: true });
    const next = login
        ? withStoredLogin(text, registry, login.username, login.password)
        : withoutStoredLogin(text, registry);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(file, next, { mode: 0o600 });
}


/***/ }),

/***/ 8226:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ docker),
/* harmony export */   n: () => (/* binding */ dockerCliOnPath)
/* harmony export */ });
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7187);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4296);
/* harmony import */ var _core_command_line_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4925);
/** Runs the docker CLI: argument arrays through @actions/exec, never a shell; secrets on stdin or in env. */






async function docker(args, options = {}) {
    const env = {};
    for (const [name, value] of Object.entries(process.env))
        if (value !== undefined)
            env[name] = value;
    // The docker actions disable content trust too: a runner-wide DOCKER_CONTENT_TRUST would block pushes.
    Object.assign(env, options.env ?? {}, { DOCKER_CONTENT_TRUST: 'false' });
    // exec's own command echo prints arguments raw: a label with a newline would put a line of the user's
    // choosing (such as ::add-mask::) at the start of a log line. Echo the command escaped instead.
    if (options.quiet !== true)
        process.stdout.write(`[command]docker ${args.map(_core_command_line_js__WEBPACK_IMPORTED_MODULE_5__/* .quote */ .hD).join(' ')}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
    try {
        const result = await _actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .getExecOutput */ .H('docker', [...args], {
            ignoreReturnCode: true,
            silent: true,
            listeners: options.quiet === true
                ? undefined
                : { stdout: data => process.stdout.write(data), stderr: data => process.stderr.write(data) },
            input: options.stdin === undefined ? undefined : Buffer.from(options.stdin),
            env
        });
        return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    }
    catch (error) {
        if (error instanceof Error && /Unable to locate executable file/.test(error.message)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionableError */ .fU("The docker CLI is not on this runner's PATH. GitHub-hosted Ubuntu runners have it; on a self-hosted " +
                'runner install Docker Engine with the buildx plugin.');
        }
        throw error;
    }
}
/** Whether a docker CLI is on PATH: a runner or container job that only merges may have none. */
function dockerCliOnPath(env = process.env) {
    return (env.PATH ?? '').split(node_path__WEBPACK_IMPORTED_MODULE_3__.delimiter).some(directory => {
        if (directory === '')
            return false;
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.accessSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(directory, 'docker'), node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.X_OK);
            return true;
        }
        catch {
            return false;
        }
    });
}


/***/ }),

/***/ 8095:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ readCleanupState),
/* harmony export */   X: () => (/* binding */ CleanupRecorder)
/* harmony export */ });
/* harmony import */ var _adapters_runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5512);
/**
 * What the post step must undo, saved by main as soon as each thing exists, so that a main step that
 * fails or is cancelled half-way is still cleaned up.
 */

const STATE_NAME = 'cleanup';
class CleanupRecorder {
    state;
    constructor(logout) {
        this.state = { registries: [], logout };
        if (process.env.GITHUB_STATE)
            this.state.mainEnvironment = `GITHUB_STATE=${process.env.GITHUB_STATE}`;
        this.save();
    }
    workDir(path) {
        this.state.workDir = path;
        this.save();
    }
    loggedIn(registry) {
        if (!this.state.registries.includes(registry))
            this.state.registries.push(registry);
        this.save();
    }
    builderCreated(name) {
        this.state.builder = name;
        this.save();
    }
    save() {
        (0,_adapters_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ)(STATE_NAME, this.state);
    }
}
function readCleanupState() {
    return (0,_adapters_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .readState */ .un)(STATE_NAME, { registries: [], logout: false });
}


/***/ }),

/***/ 2677:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* unused harmony export stopLeftovers */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _cleanup_state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8095);
/* harmony import */ var _adapters_docker_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8226);
/* harmony import */ var _adapters_docker_credentials_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9045);
/* harmony import */ var _adapters_runner_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5512);
/** The post step: undo what main recorded (logins, the builder, temporary files). It never fails the job. */






async function post() {
    await (0,_adapters_runner_js__WEBPACK_IMPORTED_MODULE_5__/* .phase */ .Oi)('Cleanup', cleanUp);
}
async function cleanUp() {
    const state = (0,_cleanup_state_js__WEBPACK_IMPORTED_MODULE_2__/* .readCleanupState */ .M)();
    // First, or a login still running could write credentials after the logout, a create the builder after its rm.
    if (!process.env.STATE_mainFinished) {
        await attempt('Stopping what the main step left running', () => stopLeftovers(state.mainEnvironment));
    }
    const registries = state.logout ? state.registries : [];
    const builder = state.builder;
    // Logouts rewrite the one config.json, so they go one after another; the builder goes meanwhile.
    const logouts = async () => {
        for (const registry of registries) {
            await attempt(`Logout from ${registry}`, async () => 
            // A merge job on a runner without the docker CLI stored its login itself: it removes it the same way.
            (0,_adapters_docker_js__WEBPACK_IMPORTED_MODULE_3__/* .dockerCliOnPath */ .n)() ? expectSuccess(await (0,_adapters_docker_js__WEBPACK_IMPORTED_MODULE_3__/* .docker */ .T)(['logout', registry])) : (0,_adapters_docker_credentials_js__WEBPACK_IMPORTED_MODULE_4__/* .storeLogin */ .VJ)(registry, undefined));
        }
    };
    await Promise.all([
        logouts(),
        builder
            ? attempt(`Removing builder ${builder}`, async () => expectSuccess(await (0,_adapters_docker_js__WEBPACK_IMPORTED_MODULE_3__/* .docker */ .T)(['buildx', 'rm', builder])))
            : undefined
    ]);
    if (state.workDir) {
        const workDir = state.workDir;
        await attempt('Removing temporary files', async () => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(workDir, { recursive: true, force: true }));
    }
}
/** How long the processes main left running get to stop after SIGINT before they are killed. */
const LEFTOVER_GRACE_MS = 5_000;
const LEFTOVER_POLL_MS = 50;
/**
 * The runner cancels a step by signalling its node process alone, so the docker commands a cancelled main had
 * started keep running into post (a build would go on pushing). They are the processes whose environment holds
 * main's `environment` entry (CleanupState.mainEnvironment): each gets SIGINT, as the runner would have sent it,
 * and those still there after `graceMs` SIGKILL. Returns the process IDs found. Needs /proc (Linux), else a no-op.
 */
async function stopLeftovers(environment, graceMs = LEFTOVER_GRACE_MS) {
    if (!environment)
        return [];
    const interrupted = new Set();
    const deadline = Date.now() + graceMs;
    let killed = false;
    for (let alive = processesWith(environment); alive.length > 0; alive = processesWith(environment)) {
        const found = alive.filter(pid => !interrupted.has(pid));
        if (found.length > 0)
            _adapters_runner_js__WEBPACK_IMPORTED_MODULE_5__/* .log */ .Rm.info(`Interrupting what the cancelled main step left running: ${listProcesses(found)}`);
        for (const pid of found) {
            signal(pid, 'SIGINT');
            interrupted.add(pid);
        }
        if (Date.now() >= deadline) {
            // Killed once; a process that survives SIGKILL (uninterruptible sleep) is left to the runner.
            if (killed)
                break;
            _adapters_runner_js__WEBPACK_IMPORTED_MODULE_5__/* .log */ .Rm.warning(`Killing what did not stop within ${graceMs} ms: ${listProcesses(alive)}`);
            alive.forEach(pid => signal(pid, 'SIGKILL'));
            killed = true;
        }
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(LEFTOVER_POLL_MS);
    }
    return [...interrupted];
}
/** Live processes whose environment has the entry (zombies have none; others' processes cannot be read). */
function processesWith(entry) {
    let pids;
    try {
        pids = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)('/proc').filter(name => /^\d+$/.test(name) && Number(name) !== process.pid);
    }
    catch {
        return [];
    }
    const needle = `\0${entry}\0`;
    return pids.map(Number).filter(pid => {
        try {
            return `\0${(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/environ`, 'utf8')}`.includes(needle);
        }
        catch {
            return false;
        }
    });
}
/** `docker buildx build (1234), docker login (1235)`: the command words only, never the arguments. */
function listProcesses(pids) {
    return pids
        .map(pid => {
        let words = [];
        try {
            words = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        }
        catch {
            // Gone meanwhile.
        }
        const name = words[0]?.split('/').pop() || 'process';
        const end = words.findIndex((word, index) => index > 0 && !/^[a-z][a-z-]*$/.test(word));
        return `${[name, ...words.slice(1, end < 0 ? words.length : end).slice(0, 2)].join(' ')} (${pid})`;
    })
        .join(', ');
}
function signal(pid, name) {
    try {
        process.kill(pid, name);
    }
    catch {
        // Already gone.
    }
}
function expectSuccess(result) {
    if (result.exitCode !== 0)
        throw new Error(result.stderr.trim() || `exit code ${result.exitCode}`);
}
/** Each cleanup runs even when an earlier one failed; failures are warnings, never a failed job. */
async function attempt(what, action) {
    try {
        await action();
    }
    catch (error) {
        _adapters_runner_js__WEBPACK_IMPORTED_MODULE_5__/* .log */ .Rm.warning(`${what} failed: ${error.message}`);
    }
}


/***/ })

};

//# sourceMappingURL=677.index.js.map
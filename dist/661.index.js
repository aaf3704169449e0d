export const id = 661;
export const ids = [661];
export const modules = {

/***/ 6943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ readCleanupState),
/* harmony export */   X: () => (/* binding */ CleanupRecorder)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
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
        (0,_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ)(STATE_NAME, this.state);
    }
}
function readCleanupState() {
    return (0,_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .readState */ .un)(STATE_NAME, { registries: [], logout: false });
}


/***/ }),

/***/ 3871:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ docker)
/* harmony export */ });
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1260);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _plan_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3170);
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
        process.stdout.write(`[command]docker ${args.map(_plan_text_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .h).join(' ')}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionableError */ .fU("The docker CLI is not on this runner's PATH. GitHub-hosted Ubuntu runners have it; on a self-hosted " +
                'runner install Docker Engine with the buildx plugin.');
        }
        throw error;
    }
}


/***/ }),

/***/ 3170:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ renderPlan),
/* harmony export */   h: () => (/* binding */ quote)
/* harmony export */ });
function renderPlan(plan, metadata) {
    const lines = ['ghcr-publish dry run: nothing was built, pushed or logged in.', ''];
    const section = (title, entries) => {
        lines.push(`${title}:`);
        lines.push(...(entries.length > 0 ? entries.map(entry => `  ${oneLine(entry)}`) : ['  (none)']));
        lines.push('');
    };
    section('Images', plan.images);
    section('Version', metadata.version.main ? [metadata.version.main] : []);
    section('Tags', metadata.tags);
    section('Labels', metadata.labels);
    section('Annotations', metadata.annotations);
    section('Push', [`${plan.push.push ? 'yes' : 'no'}: ${plan.push.reason}`]);
    section('Cache', [
        plan.build.cache.defaulted
            ? 'GitHub Actions cache (default)'
            : plan.build.cache.from.length + plan.build.cache.to.length > 0
                ? 'as given in cache-from / cache-to'
                : 'none'
    ]);
    const commands = [
        ...plan.login.logins.map(login => `docker login --username ${quote(login.username)} --password-stdin ${login.registry}   # password: ***`),
        ...plan.login.skipped.map(skipped => `# no login to ${skipped.registry}: ${skipped.reason}`),
        ...distributedSteps(plan, metadata),
        ...(plan.logout ? plan.login.logins.map(login => `docker logout ${login.registry}   # post step`) : [])
    ];
    section('Commands', commands);
    return lines.join('\n').trimEnd();
}
/** A value shown on one log line: control characters escaped, so it cannot start a line of its own. */
function oneLine(value) {
    return value.replace(/[\x00-\x1f\x7f]/g, character => CONTROL_ESCAPES[character] ?? hexEscape(character));
}
/** What runs between login and logout: the build, or for a merge job the registry calls instead. */
function distributedSteps(plan, metadata) {
    const build = ['docker', ...plan.build.args].map(quote).join(' ') + secretNote(plan);
    if (plan.distribute === 'platform') {
        return [build, `# hand off ${plan.platforms.join(',')} and the pushed digest to the merge job (run artifact)`];
    }
    if (plan.distribute !== 'merge')
        return [build];
    const platforms = plan.platforms.length > 0 ? plan.platforms.join(', ') : 'every handed-off platform';
    return [
        `# collect this run's handed-off digests for ${platforms} (run artifacts)`,
        `# PUT an OCI image index of them, with ${metadata.annotations.length} annotations, as: ${metadata.tags.join(' ') || '(no tags)'}`
    ];
}
function secretNote(plan) {
    const variables = Object.keys(plan.build.secretEnv);
    return variables.length > 0 ? `   # secret environment: ${variables.map(name => `${name}=***`).join(' ')}` : '';
}
/**
 * Quotes an argument for display the way a POSIX shell would need it; the action itself never uses a shell.
 * Control characters are shown escaped ($'…'), so a multi-line value can never start a log line of its own
 * (where the runner would take `::error::` or `::add-mask::` from a label as a command).
 */
function quote(argument) {
    if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument))
        return argument;
    if (!/[\x00-\x1f\x7f]/.test(argument))
        return `'${argument.replace(/'/g, `'\\''`)}'`;
    const escaped = argument.replace(/[\\'\x00-\x1f\x7f]/g, character => CONTROL_ESCAPES[character] ?? hexEscape(character));
    return `$'${escaped}'`;
}
const CONTROL_ESCAPES = {
    '\\': '\\\\',
    "'": "\\'",
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t'
};
function hexEscape(character) {
    return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
}


/***/ }),

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* unused harmony export stopLeftovers */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _cleanup_state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6943);
/* harmony import */ var _docker_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3871);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4813);
/** The post step: undo what main recorded (logins, the builder, temporary files). It never fails the job. */





async function post() {
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
            await attempt(`Logout from ${registry}`, async () => expectSuccess(await (0,_docker_js__WEBPACK_IMPORTED_MODULE_3__/* .docker */ .T)(['logout', registry])));
        }
    };
    await Promise.all([
        logouts(),
        builder
            ? attempt(`Removing builder ${builder}`, async () => expectSuccess(await (0,_docker_js__WEBPACK_IMPORTED_MODULE_3__/* .docker */ .T)(['buildx', 'rm', builder])))
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
            _runner_js__WEBPACK_IMPORTED_MODULE_4__/* .log */ .Rm.info(`Interrupting what the cancelled main step left running: ${listProcesses(found)}`);
        for (const pid of found) {
            signal(pid, 'SIGINT');
            interrupted.add(pid);
        }
        if (Date.now() >= deadline) {
            // Killed once; a process that survives SIGKILL (uninterruptible sleep) is left to the runner.
            if (killed)
                break;
            _runner_js__WEBPACK_IMPORTED_MODULE_4__/* .log */ .Rm.warning(`Killing what did not stop within ${graceMs} ms: ${listProcesses(alive)}`);
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
        _runner_js__WEBPACK_IMPORTED_MODULE_4__/* .log */ .Rm.warning(`${what} failed: ${error.message}`);
    }
}


/***/ })

};

//# sourceMappingURL=661.index.js.map
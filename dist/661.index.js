export const id = 661;
export const ids = [661];
export const modules = {

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
/* harmony import */ var _docker_credentials_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1276);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4813);
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
            await attempt(`Logout from ${registry}`, async () => 
            // A merge job on a runner without the docker CLI stored its login itself: it removes it the same way.
            (0,_docker_js__WEBPACK_IMPORTED_MODULE_3__/* .dockerCliOnPath */ .n)() ? expectSuccess(await (0,_docker_js__WEBPACK_IMPORTED_MODULE_3__/* .docker */ .T)(['logout', registry])) : (0,_docker_credentials_js__WEBPACK_IMPORTED_MODULE_4__/* .storeLogin */ .VJ)(registry, undefined));
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
            _runner_js__WEBPACK_IMPORTED_MODULE_5__/* .log */ .Rm.info(`Interrupting what the cancelled main step left running: ${listProcesses(found)}`);
        for (const pid of found) {
            signal(pid, 'SIGINT');
            interrupted.add(pid);
        }
        if (Date.now() >= deadline) {
            // Killed once; a process that survives SIGKILL (uninterruptible sleep) is left to the runner.
            if (killed)
                break;
            _runner_js__WEBPACK_IMPORTED_MODULE_5__/* .log */ .Rm.warning(`Killing what did not stop within ${graceMs} ms: ${listProcesses(alive)}`);
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
        _runner_js__WEBPACK_IMPORTED_MODULE_5__/* .log */ .Rm.warning(`${what} failed: ${error.message}`);
    }
}


/***/ })

};

//# sourceMappingURL=661.index.js.map
import './sourcemap-register.cjs';import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 5512:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   R5: () => (/* binding */ readInput),
/* harmony export */   Rm: () => (/* binding */ log),
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   dK: () => (/* binding */ mask),
/* harmony export */   n0: () => (/* binding */ setOutputs),
/* harmony export */   qY: () => (/* binding */ exportVariables),
/* harmony export */   un: () => (/* binding */ readState)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/**
 * The GitHub runner's interface: inputs, outputs, state, environment, masks, summary and log, written with
 * the runner's documented file and workflow commands.
 *
 * Why not @actions/core: its index statically imports its OIDC client, which bundles undici (900 KB of
 * the 1.27 MB bundle) for getIDToken, a call this action never makes; loading it cost about 70 ms at each
 * start, and the action starts twice per job (main and post). Everything used here is the few lines below.
 */



/** INPUT_<NAME>: the runner uppercases the name and turns spaces into underscores (dashes are kept). */
const readInput = (name, options) => {
    const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
    return options?.trim === false ? value : value.trim();
};
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs))
        appendFileCommand('GITHUB_OUTPUT', name, value);
}
/**
 * Linux refuses to start a process whose single environment string exceeds 128 KiB (E2BIG): one huge
 * variable would stop every later step of the job, the post step and its logout too. Such a value is
 * left out with a warning.
 */
const ENVIRONMENT_VALUE_LIMIT = 64 * 1024;
function exportVariables(variables) {
    for (const [name, value] of Object.entries(variables)) {
        const bytes = Buffer.byteLength(value);
        if (bytes > ENVIRONMENT_VALUE_LIMIT) {
            log.warning(`${name} is not exported: its ${bytes} bytes would stop later steps from starting. Use the step output instead.`);
            continue;
        }
        process.env[name] = value;
        appendFileCommand('GITHUB_ENV', name, value);
    }
}
function saveState(name, value) {
    appendFileCommand('GITHUB_STATE', name, typeof value === 'string' ? value : JSON.stringify(value));
}
/** What the main step saved, which the runner hands to the post step as STATE_<name>. */
function readState(name, fallback) {
    const raw = process.env[`STATE_${name}`] ?? '';
    if (raw === '')
        return fallback;
    try {
        return JSON.parse(raw);
    }
    catch {
        return fallback;
    }
}
/**
 * Registers a value with the runner so that it is replaced by *** in every later log line. The runner
 * matches masks line by line, so each line of a multi-line secret is registered as well.
 */
function mask(value) {
    if (value === '')
        return;
    command('add-mask', value);
    const lines = value.split(/\r?\n/).filter(line => line.trim().length > 3);
    if (lines.length > 1)
        lines.forEach(line => command('add-mask', line));
}
async function writeSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (file)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, markdown + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
}
const log = {
    info: (message) => process.stdout.write(message + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL),
    debug: (message) => command('debug', message),
    warning: (message, properties) => command('warning', message, properties),
    /** Marks the step failed: an error annotation and exit code 1. */
    fail: (message) => {
        process.exitCode = 1;
        command('error', message);
    }
};
/** The runner's names of the annotation properties. */
const PROPERTY_NAMES = {
    title: 'title',
    file: 'file',
    startLine: 'line',
    endLine: 'endLine'
};
/** A workflow command on stdout, with the runner's escaping so a message stays on one line. */
function command(name, message, properties = {}) {
    const given = Object.keys(PROPERTY_NAMES)
        .filter(key => properties[key] !== undefined && properties[key] !== '')
        .map(key => `${PROPERTY_NAMES[key]}=${escapeData(String(properties[key])).replace(/:/g, '%3A').replace(/,/g, '%2C')}`);
    process.stdout.write(`::${name}${given.length > 0 ? ` ${given.join(',')}` : ''}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
}
/** The runner's escaping of a command's data; property values also escape `:` and `,`. */
function escapeData(value) {
    return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/** A `name<<DELIMITER` heredoc entry in a runner file (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE). */
function appendFileCommand(fileVariable, name, value) {
    const file = process.env[fileVariable];
    if (!file)
        throw new Error(`${fileVariable} is not set: ghcr-publish must run as a step of a GitHub Actions job`);
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    // A value containing the delimiter would end the entry early and inject others; a random one never occurs.
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`unexpected delimiter in ${name}`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
}


/***/ }),

/***/ 4925:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hx: () => (/* binding */ quoteForMessage),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   gW: () => (/* binding */ CONTROL_CHARACTER),
/* harmony export */   hD: () => (/* binding */ quote)
/* harmony export */ });
/** How a docker command, a value or an input is shown in the log, the dry-run plan and error messages. Pure. */
/** C0 controls, DEL and the C1 controls (U+0080-U+009F, among them CSI): none may reach a log raw. */
const CONTROL_CHARACTER = /[\x00-\x1f\x7f-\x9f]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');
/**
 * Quotes an argument for display the way a POSIX shell would need it; the action itself never uses a shell.
 * Control characters are shown escaped ($'…'), so a multi-line value can never start a log line of its own
 * (where the runner would take `::error::` or `::add-mask::` from a label as a command).
 */
function quote(argument) {
    if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument))
        return argument;
    if (!CONTROL_CHARACTER.test(argument))
        return `'${argument.replace(/'/g, `'\\''`)}'`;
    const escaped = argument.replace(/[\\'\x00-\x1f\x7f-\x9f]/g, character => CONTROL_ESCAPES[character] ?? codeEscape(character));
    return `$'${escaped}'`;
}
const CONTROL_ESCAPES = {
    '\\': '\\\\',
    "'": "\\'",
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t'
};
/** \xNN for a byte-sized control, \uNNNN for a C1 control (bash's $'…' reads \x9b as a byte, not U+009B). */
function codeEscape(character) {
    const code = character.charCodeAt(0);
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : unicodeEscape(character);
}
function unicodeEscape(character) {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
/** A value shown on one log line: control characters escaped, so it cannot start a line of its own. */
function oneLine(value) {
    return value.replace(CONTROL_CHARACTERS, character => CONTROL_ESCAPES[character] ?? codeEscape(character));
}
/** A value quoted in an error message: JSON's quoting, with DEL and the C1 controls (which JSON leaves raw) too. */
function quoteForMessage(value) {
    return JSON.stringify(value).replace(/[\x7f-\x9f]/g, unicodeEscape);
}


/***/ }),

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $P: () => (/* binding */ truncateForMessage),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   fU: () => (/* binding */ ActionableError)
/* harmony export */ });
/* harmony import */ var _command_line_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4925);
/**
 * An error the user can act on: it names the input, the offending value and the fix.
 * main.ts prints its message alone (no stack trace) and fails the step.
 */

class InputError extends Error {
    input;
    value;
    problem;
    fix;
    line;
    constructor(input, value, problem, fix, line) {
        const where = line === undefined ? `input "${input}"` : `input "${input}", line ${line}`;
        super(`${where}: ${problem}: ${(0,_command_line_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteForMessage */ .Hx)(truncateForMessage(value))}. ${fix}`);
        this.input = input;
        this.value = value;
        this.problem = problem;
        this.fix = fix;
        this.line = line;
        this.name = 'InputError';
    }
}
/** A failure outside the user's inputs (docker, registry, API) with the action to take. */
class ActionableError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ActionableError';
    }
}
function truncateForMessage(value, max = 200) {
    return value.length > max ? `${value.slice(0, max)}… (${value.length} characters)` : value;
}


/***/ }),

/***/ 5338:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B7: () => (/* binding */ isForkPullRequest),
/* harmony export */   af: () => (/* binding */ ContextError),
/* harmony export */   hW: () => (/* binding */ githubContextFrom)
/* harmony export */ });
class ContextError extends Error {
}
function githubContextFrom(env, payload) {
    const repository = env.GITHUB_REPOSITORY ?? '';
    const [owner, repo, ...rest] = repository.split('/');
    if (!owner || !repo || rest.length > 0) {
        throw new ContextError(`GITHUB_REPOSITORY is ${JSON.stringify(repository)}; expected "owner/repo". ` +
            'It is set by the runner; when running locally, export GITHUB_REPOSITORY=owner/repo.');
    }
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    let ref = env.GITHUB_REF ?? '';
    // pull_request_target runs on the base branch; metadata-action rewrites the ref so PR tag rules still fire.
    if (eventName === 'pull_request_target' && typeof payload.number === 'number') {
        ref = `refs/pull/${payload.number}/merge`;
    }
    return {
        eventName,
        ref,
        sha: env.GITHUB_SHA ?? '',
        owner,
        repo,
        actor: env.GITHUB_ACTOR ?? '',
        serverUrl: stripTrailingSlash(env.GITHUB_SERVER_URL || 'https://github.com'),
        apiUrl: stripTrailingSlash(env.GITHUB_API_URL || 'https://api.github.com'),
        runId: env.GITHUB_RUN_ID ?? '',
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
        workflow: env.GITHUB_WORKFLOW ?? '',
        job: env.GITHUB_JOB ?? '',
        payload
    };
}
function stripTrailingSlash(url) {
    return url.replace(/\/+$/, '');
}
/** True when the pull request's head lives in another repository: its GITHUB_TOKEN is read-only. */
function isForkPullRequest(context) {
    const pr = context.payload.pull_request;
    if (!pr || !context.eventName.startsWith('pull_request'))
        return false;
    const headRepo = pr.head?.repo?.full_name;
    const baseRepo = pr.base?.repo?.full_name ?? `${context.owner}/${context.repo}`;
    return typeof headRepo === 'string' && headRepo.toLowerCase() !== String(baseRepo).toLowerCase();
}


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4296);
/* harmony import */ var _core_github_context_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(5338);
/* harmony import */ var _adapters_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5512);
/**
 * Entry point for both the main and the post step (action.yml runs this bundle twice). The post step is
 * recognised by the state the main step saved, as the runner passes it back as STATE_isPost.
 */



const isPost = Boolean(process.env.STATE_isPost);
async function run() {
    if (isPost) {
        try {
            // Loaded on demand: post needs a fraction of the code, and each step is a fresh Node process.
            const { post } = await Promise.all(/* import() */[__nccwpck_require__.e(260), __nccwpck_require__.e(677)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2677));
            await post();
        }
        catch (error) {
            _adapters_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm.warning(`ghcr-publish cleanup: ${error.message}`);
        }
        return;
    }
    (0,_adapters_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .saveState */ .LZ)('isPost', 'true');
    try {
        const { main } = await Promise.all(/* import() */[__nccwpck_require__.e(260), __nccwpck_require__.e(88), __nccwpck_require__.e(592)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4592));
        await main();
    }
    catch (error) {
        _adapters_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm.fail(failureMessage(error));
    }
    // Main ran to its end: whatever its docker commands left running (a credential helper's agent) is not a
    // cancelled command for post to stop.
    (0,_adapters_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .saveState */ .LZ)('mainFinished', 'true');
}
/** Expected failures print their message alone; anything else is a bug, whose stack goes to the debug log. */
function failureMessage(error) {
    if (error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz || error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionableError */ .fU || error instanceof _core_github_context_js__WEBPACK_IMPORTED_MODULE_2__/* .ContextError */ .af) {
        return error.message;
    }
    if (!(error instanceof Error))
        return String(error);
    _adapters_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm.debug(error.stack ?? '');
    return `${error.message} (unexpected: please report it to ghcr-publish with the debug log, ACTIONS_STEP_DEBUG=true)`;
}
await run();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

//# sourceMappingURL=index.js.map
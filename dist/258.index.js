export const id = 258;
export const ids = [258];
export const modules = {

/***/ 4683:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y5: () => (/* binding */ forBuildKitVersion),
/* harmony export */   lP: () => (/* binding */ planBuildCommand),
/* harmony export */   uN: () => (/* binding */ isRemoteContext)
/* harmony export */ });
/* unused harmony exports pushByDigestOutput, defaultGitContext, cacheScope */
/* harmony import */ var _buildx_option_checks_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6231);
/* harmony import */ var _metadata_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1918);
/**
 * The `docker buildx build` command line, as docker/build-push-action would assemble it from the same
 * inputs, plus ghcr-publish's defaults (GitHub Actions cache, index annotations, Git context token).
 * Pure: argument arrays only, never a shell string; secret values never appear in the arguments: `secrets` go
 * through files the step writes (0600, in its work directory) and the Git context token through the environment.
 */


/**
 * A build command for a BuildKit older than 0.11, which knows neither attestations nor annotations: without the
 * default provenance (the user's own attestations stay, and fail as buildx says) and without annotations (the
 * labels carry the same metadata). Unknown versions (Debian's BuildKit reports v0.0.0+unknown) are taken as new.
 */
function forBuildKitVersion(args, defaultProvenance, buildkitVersion) {
    const [major, minor] = (/^v?(\d+)\.(\d+)\./.exec(buildkitVersion ?? '') ?? []).slice(1).map(Number);
    // 0.0.x is a build without a version (Debian's v0.0.0+unknown), not an old one.
    if (!(major === 0 && minor !== undefined && minor > 0 && minor < 11))
        return { args: [...args], dropped: [] };
    const kept = [];
    const dropped = new Set();
    for (let index = 0; index < args.length; index++) {
        const [arg, next] = [args[index], args[index + 1]];
        if (arg === '--annotation' || (arg === '--attest' && next === defaultProvenance)) {
            dropped.add(arg === '--annotation' ? 'annotations' : 'the default provenance attestation');
            index++; // and its value
            continue;
        }
        kept.push(arg);
    }
    return { args: kept, dropped: [...dropped] };
}
const GIT_AUTH_TOKEN_VARIABLE = 'GHCR_PUBLISH_GIT_AUTH_TOKEN';
/** Annotation keys GHCR reads from the image index of a multi-platform image (package page). */
const INDEX_ANNOTATION_KEYS = [
    'org.opencontainers.image.description',
    'org.opencontainers.image.licenses',
    'org.opencontainers.image.source'
];
function planBuildCommand(input) {
    const { build, metadata, context } = input;
    const args = ['buildx', 'build'];
    const secretEnv = {};
    const secretsToWrite = [];
    const option = (flag, value) => {
        if (value !== '')
            args.push(flag, value);
    };
    const options = (flag, values) => values.forEach(value => option(flag, value));
    option('--builder', build.builder);
    option('--file', build.file);
    option('--target', build.target);
    if (build.platforms.length > 0)
        option('--platform', build.platforms.join(','));
    options('--build-arg', build.buildArgs);
    options('--build-context', build.buildContexts.map(entry => withDefaultContext(entry, context)));
    options('--label', metadata.labels);
    const { attests: attestations, defaultProvenance } = planAttestations(input);
    // Several platforms, or attestation manifests next to one, make the pushed image an index.
    const pushesIndex = build.platforms.length > 1 || attestations.some(entry => attachedToResult(entry, build, input.push));
    options('--annotation', withIndexAnnotations(metadata.annotations, pushesIndex));
    // Tags belong to the merged index: a platform job's image is only reachable by its digest.
    if (!input.pushByDigestTo)
        options('--tag', metadata.tags);
    const cache = planCache(input);
    options('--cache-from', cache.from);
    options('--cache-to', cache.to);
    if (build.noCache)
        args.push('--no-cache');
    options('--no-cache-filter', build.noCacheFilters);
    if (build.pull)
        args.push('--pull');
    build.secrets.forEach((item, index) => {
        const [id, value] = splitKeyValue(item.value);
        const path = `${input.workDir}/secret-${index}`;
        secretsToWrite.push({ path, value });
        option('--secret', `id=${id.trim()},src=${path}`);
    });
    build.secretEnvs.forEach(item => {
        const [id, variable] = splitKeyValue(item.value);
        option('--secret', `id=${id.trim()},env=${variable.trim()}`);
    });
    build.secretFiles.forEach(item => {
        const [id, path] = splitKeyValue(item.value);
        option('--secret', `id=${id.trim()},src=${path.trim()}`);
    });
    const buildContext = build.context === '' ? defaultGitContext(context) : withDefaultContext(build.context, context);
    const gitContext = buildContext.startsWith(defaultGitContext(context));
    if (gitContext && input.githubToken && !hasGitAuthTokenSecret(build)) {
        secretEnv[GIT_AUTH_TOKEN_VARIABLE] = input.githubToken;
        option('--secret', `id=GIT_AUTH_TOKEN.${new URL(context.serverUrl).host},env=${GIT_AUTH_TOKEN_VARIABLE}`);
    }
    options('--ssh', build.ssh);
    option('--network', build.network);
    options('--add-host', build.addHosts);
    options('--allow', build.allow);
    option('--shm-size', build.shmSize);
    options('--ulimit', build.ulimit);
    option('--cgroup-parent', build.cgroupParent);
    options('--attest', attestations);
    options('--output', build.outputs);
    if (input.pushByDigestTo && input.push)
        option('--output', pushByDigestOutput(input.pushByDigestTo));
    else if (input.push)
        args.push('--push');
    if (build.load)
        args.push('--load');
    const metadataFile = `${input.workDir}/build-metadata.json`;
    const iidFile = `${input.workDir}/build-iidfile.txt`;
    args.push('--metadata-file', metadataFile);
    // buildx refuses an image ID file with the local and tar exporters, which produce no image.
    if (!build.outputs.some(output => /(^|,)type=(local|tar)(,|$)/.test(output)))
        args.push('--iidfile', iidFile);
    args.push(buildContext);
    return { args, secretEnv, secretsToWrite, metadataFile, iidFile, cache, gitContext, defaultProvenance };
}
/** docker's documented output for a platform job of a matrix; names with commas are quoted as CSV. */
function pushByDigestOutput(images) {
    const names = images.join(',');
    return `type=image,${names.includes(',') ? `"name=${names}"` : `name=${names}`},push-by-digest=true,name-canonical=true,push=true`;
}
/**
 * A context buildx fetches itself (the default Git context, a Git or HTTP URL, `{{defaultContext}}:dir`); any other
 * value is a directory on the runner.
 */
function isRemoteContext(context) {
    return (context === '' ||
        context.includes('{{defaultContext}}') ||
        /^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\//.test(context));
}
/** The Git context docker/build-push-action builds by default: the repository at this commit. */
function defaultGitContext(context) {
    const ref = context.sha || context.ref;
    return `${context.serverUrl}/${context.owner}/${context.repo}.git${ref ? `#${ref}` : ''}`;
}
/** build-push-action's `{{defaultContext}}` placeholder, e.g. `{{defaultContext}}:docker` for a subdirectory. */
function withDefaultContext(value, context) {
    return value.split('{{defaultContext}}').join(defaultGitContext(context));
}
function splitKeyValue(entry) {
    const separator = entry.indexOf('=');
    return [entry.slice(0, separator), entry.slice(separator + 1)];
}
/** A user's own GIT_AUTH_TOKEN (or GIT_AUTH_TOKEN.<host>) secret wins over the github-token. */
function hasGitAuthTokenSecret(build) {
    return [...build.secrets, ...build.secretEnvs, ...build.secretFiles].some(item => {
        const id = splitKeyValue(item.value)[0].trim();
        return id === 'GIT_AUTH_TOKEN' || id.startsWith('GIT_AUTH_TOKEN.');
    });
}
/**
 * For several platforms GHCR shows description, licenses and source from the index, which BuildKit
 * only writes when asked with an `index:` annotation.
 */
function withIndexAnnotations(annotations, multiPlatform) {
    if (!multiPlatform)
        return [...annotations];
    const result = [...annotations];
    for (const annotation of annotations) {
        const parts = (0,_metadata_index_js__WEBPACK_IMPORTED_MODULE_1__/* .splitAnnotation */ .M4)(annotation);
        if (!parts || !INDEX_ANNOTATION_KEYS.includes(parts.key))
            continue;
        const indexed = `index:${parts.key}=${parts.value}`;
        if (!result.includes(indexed))
            result.push(indexed);
    }
    return result;
}
/** A cache scope per image, target and platform set, so matrix jobs and several images keep their own cache. */
function cacheScope(image, target, platforms) {
    const parts = [image.replace(/^[^/]*\//, ''), target, platforms.join('+')].filter(part => part !== '');
    return parts.join('-').replace(/[^a-z0-9._+-]+/gi, '-');
}
function planCache(input) {
    const { build, metadata } = input;
    const defaultCache = build.ghaCache && input.actionsCacheAvailable && !build.noCache;
    if (build.cacheFrom.length > 0 || build.cacheTo.length > 0 || !defaultCache) {
        return { from: build.cacheFrom, to: build.cacheTo, defaulted: false };
    }
    const image = metadata.images.find(candidate => candidate.enable)?.name ?? `${input.context.owner}/${input.context.repo}`;
    const scope = cacheScope(image.toLowerCase(), build.target, build.platforms);
    return {
        from: [`type=gha,scope=${scope}`],
        // ignore-error: a throttled or full cache service must never fail a good build.
        to: [`type=gha,scope=${scope},mode=max,ignore-error=true`],
        defaulted: true
    };
}
/** provenance, sbom and attests as docker/build-push-action combines them, with its default provenance. */
function planAttestations(input) {
    const { build, context } = input;
    const builderId = `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}/attempts/${context.runAttempt}`;
    const attests = build.attests
        .filter(entry => {
        const type = /(?:^|,)type=([^,]+)/.exec(entry)?.[1];
        return !(type === 'provenance' && build.provenance !== '') && !(type === 'sbom' && build.sbom !== '');
    })
        // build-push-action gives an attests provenance entry the run's builder-id too.
        .map(entry => /(?:^|,)type=provenance(?:,|$)/.test(entry) && !/(?:^|,)(?:builder-id|disabled)=/.test(entry)
        ? `${entry},builder-id=${builderId}`
        : entry);
    const provenanceGiven = build.provenance !== '' || attests.some(entry => /(?:^|,)type=provenance/.test(entry));
    if (build.provenance !== '') {
        attests.push(attestation('provenance', build.provenance, builderId));
    }
    const defaultProvenance = provenanceGiven || input.noDefaultAttestations || hasDockerExporter(build)
        ? undefined
        : input.privateRepository
            ? `type=provenance,mode=min,inline-only=true,builder-id=${builderId}`
            : `type=provenance,mode=max,builder-id=${builderId}`;
    if (defaultProvenance)
        attests.push(defaultProvenance);
    if (build.sbom !== '')
        attests.push(attestation('sbom', build.sbom, ''));
    return { attests, defaultProvenance };
}
/**
 * Whether an attestation ends up in the result next to the image (making it an index). Inline-only attestations
 * (the private-repository default) are kept by the image exporter alone (a push, `type=image` or `type=registry`);
 * the oci and docker exporters and `load` drop them, and the result is a single manifest, on which BuildKit refuses
 * index annotations ("index annotations not supported for single platform export").
 */
function attachedToResult(entry, build, push) {
    if (/(?:^|,)disabled=true(?:,|$)/.test(entry))
        return false;
    if (!/(?:^|,)inline-only=true(?:,|$)/.test(entry))
        return true;
    const imageExporter = build.outputs.some(output => /(?:^|,)type=(?:image|registry)(?:,|$)/.test(output));
    const otherExporter = build.outputs.some(output => /(?:^|,)type=(?:oci|docker|local|tar)(?:,|$)/.test(output));
    return (push || imageExporter) && !build.load && !otherExporter;
}
/** The docker exporter (load, or type=docker) cannot take the attestation manifests of an index. */
function hasDockerExporter(build) {
    return build.load || build.outputs.some(output => /(^|,)type=docker(,|$)/.test(output));
}
function attestation(type, value, builderId) {
    // build-push-action parses these as Go booleans (1, t, T, TRUE, true, True and their false twins).
    if ((0,_buildx_option_checks_js__WEBPACK_IMPORTED_MODULE_0__/* .isGoFalse */ .MS)(value))
        return `type=${type},disabled=true`;
    const attributes = (0,_buildx_option_checks_js__WEBPACK_IMPORTED_MODULE_0__/* .isGoTrue */ .NL)(value) ? '' : value;
    const withBuilder = builderId && !/(?:^|,)builder-id=/.test(attributes) ? `builder-id=${builderId}` : '';
    return [`type=${type}`, attributes, withBuilder].filter(part => part !== '').join(',');
}


/***/ }),

/***/ 6666:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Be: () => (/* binding */ describeBuilderRule),
/* harmony export */   Wu: () => (/* binding */ needsImageStore),
/* harmony export */   Z7: () => (/* binding */ chooseBuilder),
/* harmony export */   iQ: () => (/* binding */ describeBuilderChoice)
/* harmony export */ });
/* unused harmony exports dockerDriverLacks, DEFAULT_BUILDKITD_FLAGS */
/* harmony import */ var _registries_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4316);

/** The features of this build that a docker driver lacks on the given image store, in words for the log. */
function dockerDriverLacks({ platforms, cache, args }, imageStore) {
    const lacking = [];
    if (args.some(arg => /(^|,)push-by-digest=true(,|$)/.test(arg)))
        lacking.push('push by digest');
    if (imageStore === 'containerd')
        return lacking;
    const store = imageStore === 'classic' ? ' on the classic image store' : '';
    if (platforms.length > 1)
        lacking.push(`${platforms.length} platforms${store}`);
    if ([...cache.from, ...cache.to].some(spec => /(^|,)type=gha(,|$)/.test(spec)) || exportsCache(cache.to)) {
        lacking.push(`cache export${store}`);
    }
    if (args.some((arg, index) => arg === '--attest' && !(args[index + 1] ?? '').includes('disabled=true'))) {
        lacking.push(`attestations${store}`);
    }
    if (args.includes('--annotation'))
        lacking.push(`annotations${store}`);
    return lacking;
}
/** Inline cache travels inside the image: every driver writes it. */
function exportsCache(cacheTo) {
    return cacheTo.some(spec => !/(^|,)type=inline(,|$)/.test(spec));
}
/** Whether the image store must be asked of `docker info` before choosing: only when the answer matters. */
function needsImageStore(current, needs) {
    return (current.driver === 'docker' &&
        current.imageStore === 'unknown' &&
        dockerDriverLacks(needs, 'classic').length > dockerDriverLacks(needs, 'containerd').length);
}
/** For a run without the builder input: keep the current builder, or create a container builder. */
function chooseBuilder(current, needs, uniqueName) {
    if (current.driver !== 'docker') {
        return { kind: 'current', reason: `the current builder uses the ${current.driver || 'unknown'} driver` };
    }
    const lacking = dockerDriverLacks(needs, current.imageStore);
    if (lacking.length === 0) {
        return {
            kind: 'current',
            reason: current.imageStore === 'containerd'
                ? 'the docker driver on the containerd image store does everything this build needs'
                : 'the docker driver supports everything this build needs'
        };
    }
    const options = needs.builderOptions ?? {
        driverOpts: [],
        buildkitdFlags: DEFAULT_BUILDKITD_FLAGS,
        buildkitdConfig: ''
    };
    const hostNetwork = (needs.registries ?? []).some(_registries_js__WEBPACK_IMPORTED_MODULE_0__/* .isLoopbackRegistry */ .jW) && !options.driverOpts.some(opt => /^network=/.test(opt));
    const driverOpts = [...options.driverOpts, ...(hostNetwork ? ['network=host'] : [])];
    return {
        kind: 'create',
        name: uniqueName,
        // Created without --bootstrap: create saves the builder before booting it, so a boot that failed (a Docker
        // Hub hiccup pulling moby/buildkit) could not be retried by creating again ("existing instance ... but no
        // append mode"); the boot is a separate command, retried alone.
        createArgs: [
            'buildx',
            'create',
            '--name',
            uniqueName,
            '--driver',
            'docker-container',
            ...driverOpts.flatMap(opt => ['--driver-opt', opt]),
            ...(options.buildkitdFlags ? ['--buildkitd-flags', options.buildkitdFlags] : []),
            ...(options.buildkitdConfig ? ['--buildkitd-config', options.buildkitdConfig] : [])
        ],
        bootArgs: ['buildx', 'inspect', '--bootstrap', '--builder', uniqueName],
        reason: `the docker driver cannot do ${lacking.join(', ')}` +
            (hostNetwork ? ' (on the host network: a registry is on loopback)' : '')
    };
}
/** setup-buildx-action's default: `allow: security.insecure` and `--network host` steps work as with it. */
const DEFAULT_BUILDKITD_FLAGS = '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host';
/** Which builder ran and why, for the job summary. */
function describeBuilderChoice(choice, builderInput) {
    if (!choice)
        return `${builderInput} (the builder input, used as it is)`;
    return choice.kind === 'create'
        ? `a docker-container builder for this run: ${choice.reason}`
        : `the current builder: ${choice.reason}`;
}
/** What the dry run can say before any builder is asked: the rule the step will apply. */
function describeBuilderRule(needs, builderInput) {
    if (builderInput)
        return describeBuilderChoice(undefined, builderInput);
    const onContainerd = dockerDriverLacks(needs, 'containerd');
    const onClassic = dockerDriverLacks(needs, 'classic');
    if (onContainerd.length > 0)
        return `a docker-container builder for this run (the docker driver cannot do ${onContainerd.join(', ')})`;
    if (onClassic.length === 0)
        return "the runner's current builder";
    return ("the runner's current builder when it is a docker driver on the containerd image store or another driver; " +
        `a docker-container builder on the classic image store (it cannot do ${dockerDriverLacks(needs, 'unknown').join(', ')})`);
}


/***/ }),

/***/ 6231:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $6: () => (/* binding */ checkBuildContextItem),
/* harmony export */   EU: () => (/* binding */ checkUlimitItem),
/* harmony export */   It: () => (/* binding */ checkCacheItem),
/* harmony export */   M7: () => (/* binding */ checkBuildArgItem),
/* harmony export */   MS: () => (/* binding */ isGoFalse),
/* harmony export */   NL: () => (/* binding */ isGoTrue),
/* harmony export */   Py: () => (/* binding */ checkAddHostItem),
/* harmony export */   dq: () => (/* binding */ checkAttestationInput),
/* harmony export */   sM: () => (/* binding */ checkShmSize),
/* harmony export */   wH: () => (/* binding */ checkAttestsItem)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _input_lists_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(739);
/**
 * The grammars buildx (and BuildKit behind it) applies to the option inputs, checked while the inputs are read so
 * that a malformed value fails the step before any docker process starts, with the input's name and line instead
 * of a flag name from deep inside a build. Pure.
 */



const GO_TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];
/** Go's strconv.ParseBool true spellings, which buildx, BuildKit and the docker actions read switches with. */
function isGoTrue(value) {
    return value !== undefined && GO_TRUE.includes(value);
}
function isGoFalse(value) {
    return value !== undefined && GO_FALSE.includes(value);
}
function isGoBoolean(value) {
    return isGoTrue(value) || isGoFalse(value);
}
/** `key=value,key=value` as buildx's csv reader splits it; a field without `=` is refused as buildx refuses it. */
function attributesOf(input, item, shape) {
    return (0,_input_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCsvFields */ .nH)(item.value).map(field => {
        const equals = field.indexOf('=');
        if (equals <= 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, item.value, `"${field}" is not a key=value attribute`, `Write ${shape}.`, item.line || undefined);
        }
        return { key: field.slice(0, equals).trim().toLowerCase(), value: field.slice(equals + 1).trim() };
    });
}
const ATTESTATION_GRAMMARS = {
    // BuildKit's provenance processor and buildx's `disabled`; an unknown key is silently ignored by BuildKit, so a
    // misspelt `mode` would quietly produce the default.
    provenance: {
        attributes: {
            mode: value => value === 'min' || value === 'max',
            'builder-id': undefined,
            reproducible: isGoBoolean,
            'inline-only': isGoBoolean,
            filename: value => value !== '',
            version: value => value === 'v0.2' || value === 'v1',
            disabled: isGoBoolean
        },
        example: 'mode=max, mode=min,inline-only=true, or true/false'
    },
    sbom: {
        attributes: { generator: value => value !== '', disabled: isGoBoolean },
        example: 'generator=docker/buildkit-syft-scanner, or true/false'
    }
};
/** The `provenance` and `sbom` inputs: a Go boolean, or the attributes of that attestation type. */
function checkAttestationInput(type, value) {
    if (value === '' || isGoBoolean(value))
        return;
    const item = { value, line: 0 };
    checkAttestationAttributes(type, type, item, attributesOf(type, item, ATTESTATION_GRAMMARS[type].example));
}
/** `attests` entries: `type=provenance|sbom` with that type's attributes. */
function checkAttestsItem(item) {
    const attributes = attributesOf('attests', item, 'type=provenance,mode=max or type=sbom');
    const type = attributes.find(attribute => attribute.key === 'type')?.value;
    if (type !== 'provenance' && type !== 'sbom') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('attests', item.value, type === undefined ? 'the attestation has no type' : `"${type}" is not an attestation type BuildKit knows`, 'Start each line with type=provenance or type=sbom.', item.line);
    }
    checkAttestationAttributes('attests', type, item, attributes.filter(attribute => attribute.key !== 'type'));
}
function checkAttestationAttributes(input, type, item, attributes) {
    const grammar = ATTESTATION_GRAMMARS[type];
    const line = item.line || undefined;
    for (const { key, value } of attributes) {
        if (!Object.prototype.hasOwnProperty.call(grammar.attributes, key)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, item.value, `"${key}" is not a ${type} attestation attribute (known: ${Object.keys(grammar.attributes).join(', ')})`, `Write ${grammar.example}.`, line);
        }
        const valid = grammar.attributes[key];
        if (valid && !valid(value)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, item.value, `"${value}" is not a valid ${key} for a ${type} attestation`, `Write ${grammar.example}.`, line);
        }
    }
}
// BuildKit's cache exporters and importers.
const CACHE_TYPES = ['registry', 'local', 'inline', 'gha', 's3', 'azblob'];
/** `cache-from` / `cache-to`: a bare reference (buildx reads it as type=registry,ref=…) or typed attributes. */
function checkCacheItem(input, item) {
    if (!item.value.includes('='))
        return;
    const shape = 'type=gha or type=registry,ref=ghcr.io/owner/app:cache,mode=max';
    const attributes = attributesOf(input, item, shape);
    const type = attributes.find(attribute => attribute.key === 'type')?.value;
    const fail = (problem, fix) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, item.value, problem, fix, item.line);
    };
    if (type === undefined)
        fail('the cache has no type', `Write ${shape}.`);
    if (!CACHE_TYPES.includes(type ?? '')) {
        fail(`"${type}" is not a cache type BuildKit knows`, `Use one of type=${CACHE_TYPES.join(', type=')}.`);
    }
    for (const { key, value } of attributes) {
        if (key === 'mode' && value !== 'min' && value !== 'max') {
            fail(`mode "${value}" is not min or max`, 'Write mode=max (every layer) or mode=min (the final image only).');
        }
        if (key === 'ignore-error' && !isGoBoolean(value)) {
            fail(`ignore-error "${value}" is not a boolean`, 'Write ignore-error=true or ignore-error=false.');
        }
    }
}
// A Dockerfile ARG name is a word: no blanks, no control characters, no `=`.
const BUILD_ARG_NAME = /^[^\s=\p{Cc}]+$/u;
/** `build-args`: NAME=value, or a bare NAME whose value buildx takes from the environment. */
function checkBuildArgItem(item) {
    const equals = item.value.indexOf('=');
    const name = equals < 0 ? item.value : item.value.slice(0, equals);
    const fix = 'Write NAME=value, with the name as the Dockerfile declares it (ARG NAME).';
    if (name === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('build-args', item.value, 'the build argument has an empty name', fix, item.line);
    if (!BUILD_ARG_NAME.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('build-args', item.value, `the name "${name}" has blanks or control characters, which a Dockerfile ARG cannot declare`, fix, item.line);
    }
}
/** `build-contexts`: name=source, as buildx's --build-context. */
function checkBuildContextItem(item) {
    const equals = item.value.indexOf('=');
    if (equals <= 0 || equals === item.value.length - 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('build-contexts', item.value, 'expected name=source', 'Write one name=source per line, e.g. alpine=docker-image://alpine:3.20 or assets=./assets.', item.line);
    }
}
/** `add-hosts`: host:ip or host=ip, where ip is an address or host-gateway (buildx's rule). */
function checkAddHostItem(item) {
    const separator = item.value.includes('=') ? '=' : ':';
    const at = item.value.indexOf(separator);
    const host = at < 0 ? '' : item.value.slice(0, at);
    const ip = at < 0 ? '' : item.value.slice(at + 1);
    if (host === '' || (ip !== 'host-gateway' && (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(ip) === 0)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('add-hosts', item.value, at < 0 ? 'the host has no IP address' : `"${ip}" is not an IP address`, 'Write host:ip or host=ip, e.g. registry.local:10.0.0.5 or docker-host=host-gateway.', item.line);
    }
}
// docker's go-units RAMInBytes.
const SIZE = /^\d+(\.\d+)* ?[kmgtp]?i?b?$/i;
/** `shm-size`: a size as docker reads it (bytes, or with k, m, g… units). */
function checkShmSize(value) {
    if (value === '' || SIZE.test(value))
        return;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('shm-size', value, 'not a size', 'Write a size such as 2g, 512m or 67108864 (bytes).');
}
// go-units' ulimit names.
const ULIMIT_NAMES = [
    'core',
    'cpu',
    'data',
    'fsize',
    'locks',
    'memlock',
    'msgqueue',
    'nice',
    'nofile',
    'nproc',
    'rss',
    'rtprio',
    'rttime',
    'sigpending',
    'stack'
];
/** `ulimit`: name=soft[:hard], as docker's --ulimit. */
function checkUlimitItem(item) {
    const match = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(item.value);
    const fail = (problem) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('ulimit', item.value, problem, 'Write name=soft or name=soft:hard, e.g. nofile=1024:1024.', item.line);
    };
    if (!match)
        return fail(item.value.includes('=') ? 'the limits are not numbers' : 'the ulimit has no limits');
    const [, name = '', soft = '', hard] = match;
    if (!ULIMIT_NAMES.includes(name))
        fail(`"${name}" is not a ulimit (known: ${ULIMIT_NAMES.join(', ')})`);
    if (hard !== undefined && Number(hard) !== -1 && Number(soft) > Number(hard)) {
        fail('the soft limit is above the hard limit');
    }
}


/***/ }),

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

/***/ 1276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N3: () => (/* binding */ credentialsFromDockerConfig),
/* harmony export */   VJ: () => (/* binding */ storeLogin),
/* harmony export */   _4: () => (/* binding */ storedDockerCredentials),
/* harmony export */   dO: () => (/* binding */ dockerConfigFile),
/* harmony export */   jQ: () => (/* binding */ credentialHelperFor)
/* harmony export */ });
/* unused harmony exports credentialsFromHelperAnswer, withStoredLogin, withoutStoredLogin */
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
function storedDockerCredentials(registry, env = process.env) {
    let configText;
    try {
        configText = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(dockerConfigFile(env), 'utf8');
    }
    catch {
        return undefined;
    }
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

/***/ 3871:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ docker),
/* harmony export */   n: () => (/* binding */ dockerCliOnPath)
/* harmony export */ });
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1260);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _plan_text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3170);
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
        process.stdout.write(`[command]docker ${args.map(_plan_text_js__WEBPACK_IMPORTED_MODULE_5__/* .quote */ .h).join(' ')}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionableError */ .fU("The docker CLI is not on this runner's PATH. GitHub-hosted Ubuntu runners have it; on a self-hosted " +
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

/***/ 739:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ij: () => (/* binding */ ListSyntaxError),
/* harmony export */   SQ: () => (/* binding */ parseListItems),
/* harmony export */   nH: () => (/* binding */ parseCsvFields)
/* harmony export */ });
/* unused harmony export parseList */
/** A quoted value that never closes; csv-parse rejects it too ("Quote Not Closed"), so the docker actions fail on it. */
class ListSyntaxError extends Error {
    line;
    constructor(message, line) {
        super(message);
        this.name = 'ListSyntaxError';
        this.line = line;
    }
}
const isBlank = (c) => c === ' ' || c === '\t';
function skipBlanks(src, i) {
    while (isBlank(src[i]))
        i++;
    return i;
}
function scanRecords(src, opts) {
    const { comment, commentNoInfix, quote, trim, lineBreaks } = opts;
    const n = src.length;
    const isBreak = (i) => lineBreaks && src.charCodeAt(i) === 10;
    const isComment = (i) => comment !== '' && src.startsWith(comment, i);
    // With commentNoInfix a '#' inside a value (`value=#1`) is data; only a whole-line comment counts.
    const endsField = (i) => i >= n || src.charCodeAt(i) === 44 || isBreak(i) || (!commentNoInfix && isComment(i));
    const endOfLine = (i) => {
        const k = lineBreaks ? src.indexOf('\n', i) : -1;
        return k === -1 ? n : k;
    };
    const records = [];
    let pos = 0;
    let line = 1;
    while (pos < n) {
        // Indentation before a comment still makes a comment line; csv-parse would read ` # x` as the value `# x`, which
        // is never what a workflow author meant.
        const first = skipBlanks(src, pos);
        if (isComment(first)) {
            pos = endOfLine(first) + 1;
            line++;
            continue;
        }
        const record = [];
        records.push(record);
        for (;;) {
            const fieldLine = line;
            const start = trim ? skipBlanks(src, pos) : pos;
            let text = '';
            let i = start;
            let wholeFieldQuoted = false;
            if (quote !== '' && src.startsWith(quote, start)) {
                let k = start + quote.length;
                let content = '';
                for (;;) {
                    const close = src.indexOf(quote, k);
                    if (close === -1) {
                        throw new ListSyntaxError(`line ${fieldLine}: the value opens with ${quote} but never closes it; add the closing ${quote} ` +
                            `(write ${quote}${quote} for a literal ${quote} inside a quoted value)`, fieldLine);
                    }
                    content += src.slice(k, close);
                    if (src.startsWith(quote, close + quote.length)) {
                        content += quote;
                        k = close + 2 * quote.length;
                        continue;
                    }
                    k = close + quote.length;
                    break;
                }
                line += countBreaks(src, start, k, lineBreaks);
                i = trim ? skipBlanks(src, k) : k;
                if (endsField(i)) {
                    text = content;
                    wholeFieldQuoted = true;
                }
                else {
                    // relax_quotes: text after the closing quote means the quotes were data, so they are given back and the
                    // field goes on unquoted (csv-parse with trim would reject `"a" b` instead; being lenient costs nothing).
                    text = src.slice(pos, start) + quote + content + quote + src.slice(k, i);
                }
            }
            else {
                text = src.slice(pos, start);
            }
            if (!wholeFieldQuoted) {
                let end = i;
                while (!endsField(end))
                    end++;
                text += src.slice(i, end);
                i = end;
            }
            record.push({ text, line: fieldLine });
            if (i >= n) {
                pos = n;
                break;
            }
            if (src.charCodeAt(i) === 44) {
                pos = i + 1;
                continue;
            }
            // A line break, or a comment running to the end of the line.
            pos = (isBreak(i) ? i : endOfLine(i)) + 1;
            line++;
            break;
        }
    }
    return records;
}
function countBreaks(src, from, to, lineBreaks) {
    if (!lineBreaks)
        return 0;
    let count = 0;
    for (let i = src.indexOf('\n', from); i !== -1 && i < to; i = src.indexOf('\n', i + 1))
        count++;
    return count;
}
function parseListItems(raw, options = {}) {
    const trim = options.trimWhitespace !== false;
    // Old Mac and Windows line endings count as one line break each, as csv-parse's record delimiter discovery does.
    const src = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
    const records = scanRecords(src, {
        comment: options.comment ?? '',
        commentNoInfix: options.commentNoInfix === true,
        quote: options.quote === false ? '' : (options.quote ?? '"'),
        trim,
        lineBreaks: true
    });
    const items = [];
    const add = (text, line) => {
        const value = trim ? text.trim() : text;
        // A blank entry is never a meaningful tag, label or platform; the docker actions keep it as '' by accident.
        if (value.trim() !== '')
            items.push({ value, line });
    };
    for (const record of records) {
        const head = record[0];
        if (head === undefined)
            continue;
        if (options.ignoreComma) {
            add(record.map(field => field.text).join(','), head.line);
        }
        else {
            // actions-toolkit also splits a lone quoted field on its commas (`"a,b"` gives a and b); that defeats the quotes,
            // so it is not reproduced.
            for (const field of record)
                add(field.text, field.line);
        }
    }
    return items;
}
function parseList(raw, options = {}) {
    return parseListItems(raw, options).map(item => item.value);
}
/** The CSV fields of one rule line such as `type=semver,pattern={{version}}` (csv-parse relaxQuotes rules). */
function parseCsvFields(line) {
    const [record = []] = scanRecords(line, {
        comment: '',
        commentNoInfix: false,
        quote: '"',
        trim: true,
        lineBreaks: false
    });
    return record.map(field => field.text.trim()).filter(field => field !== '');
}


/***/ }),

/***/ 1918:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  km: () => (/* reexport */ commitDateFromPayload),
  FT: () => (/* reexport */ computeMetadata),
  i8: () => (/* reexport */ effectiveSha),
  oV: () => (/* reexport */ metadataNow),
  Ue: () => (/* reexport */ metadataOutputEnvironment),
  _V: () => (/* reexport */ metadataOutputs),
  nV: () => (/* reexport */ metadataSettingsFrom),
  L$: () => (/* reexport */ repositoryFromPayload),
  M4: () => (/* reexport */ splitAnnotation)
});

// UNUSED EXPORTS: ANNOTATION_LEVELS, DEFAULT_TAG_RULES

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/metadata/date-format.ts
/**
 * moment/moment-timezone compatible date formatting over the Intl API, so that `{{date 'FORMAT' tz='Zone'}}` renders
 * the same string as in docker/metadata-action without bundling moment and its time zone database. Intl only supplies
 * the UTC offset (and the zone abbreviation); every token is computed here with moment's English locale rules.
 */
class DateFormatError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DateFormatError';
    }
}
const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December'
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
// moment's en locale; the lowercase forms are the uppercase ones with short names and unpadded numbers.
const LOCALIZED = {
    LTS: 'h:mm:ss A',
    LT: 'h:mm A',
    L: 'MM/DD/YYYY',
    LL: 'MMMM D, YYYY',
    LLL: 'MMMM D, YYYY h:mm A',
    LLLL: 'dddd, MMMM D, YYYY h:mm A',
    l: 'M/D/YYYY',
    ll: 'MMM D, YYYY',
    lll: 'MMM D, YYYY h:mm A',
    llll: 'ddd, MMM D, YYYY h:mm A'
};
const DAY_MS = 86_400_000;
function pad(value, width, forceSign = false) {
    const digits = String(Math.abs(value)).padStart(width, '0');
    return (value < 0 ? '-' : forceSign ? '+' : '') + digits;
}
function ordinal(value) {
    const tens = Math.trunc((value % 100) / 10);
    const units = value % 10;
    const suffix = tens === 1 ? 'th' : units === 1 ? 'st' : units === 2 ? 'nd' : units === 3 ? 'rd' : 'th';
    return `${value}${suffix}`;
}
function daysSinceEpoch(year, monthIndex, day) {
    // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
    const date = new Date(0);
    date.setUTCFullYear(year, monthIndex, day);
    return Math.floor(date.getTime() / DAY_MS);
}
const weekdayOf = (dayNumber) => (((dayNumber + 4) % 7) + 7) % 7;
/**
 * Week numbering as moment defines it: weeks start on `firstDay`, and week 1 is the week holding January
 * `7 + firstDay - doy` (en: Sunday weeks, week 1 holds January 1st; ISO: Monday weeks, week 1 holds January 4th).
 */
function weekOf(m, firstDay, doy) {
    const start = (year) => {
        const anchor = daysSinceEpoch(year, 0, 7 + firstDay - doy);
        return anchor - ((weekdayOf(anchor) - firstDay + 7) % 7);
    };
    let year = m.year;
    let first = start(year);
    if (m.dayNumber < first) {
        year--;
        first = start(year);
    }
    else {
        const next = start(year + 1);
        if (m.dayNumber >= next) {
            year++;
            first = next;
        }
    }
    return { week: Math.floor((m.dayNumber - first) / 7) + 1, year };
}
const localeWeek = (m) => weekOf(m, 0, 6);
const isoWeek = (m) => weekOf(m, 1, 4);
const eraYear = (m) => (m.year >= 1 ? m.year : 1 - m.year);
const era = (m, long) => m.year >= 1 ? (long ? 'Anno Domini' : 'AD') : long ? 'Before Christ' : 'BC';
function utcOffset(m, separator) {
    const total = Math.abs(m.offset);
    const sign = m.offset < 0 ? '-' : '+';
    return `${sign}${pad(Math.trunc(total / 60), 2)}${separator}${pad(Math.trunc(total) % 60, 2)}`;
}
function zoneAbbreviation(m) {
    // moment-timezone prints the tz database abbreviation. Intl's en-US short names agree for UTC, GMT and the North
    // American zones (EST/EDT, CST, MST, PST, AKST, HST...), but elsewhere Intl answers with an offset such as
    // `GMT+1` (Europe/Paris, tzdb CET), `GMT+9` (Asia/Tokyo, JST) or `GMT+5:30` (Asia/Kolkata, IST), and zones whose
    // tzdb abbreviation is numeric (`+07`) come out as `GMT+7`. That difference is accepted: carrying the tz database
    // to fix it would cost more than the rarely used z token is worth.
    const zone = m.zone;
    if (zone.abbreviation !== undefined)
        return zone.abbreviation;
    zone.names ??= new Intl.DateTimeFormat('en-US', { timeZone: zone.name, timeZoneName: 'short' });
    return zone.names.formatToParts(m.epoch).find(part => part.type === 'timeZoneName')?.value ?? '';
}
const hour12 = (m) => m.hour % 12 || 12;
const RENDERERS = {
    M: m => String(m.month),
    Mo: m => ordinal(m.month),
    MM: m => pad(m.month, 2),
    MMM: m => MONTHS[m.month - 1].slice(0, 3),
    MMMM: m => MONTHS[m.month - 1],
    Q: m => String(Math.ceil(m.month / 3)),
    Qo: m => ordinal(Math.ceil(m.month / 3)),
    D: m => String(m.day),
    Do: m => ordinal(m.day),
    DD: m => pad(m.day, 2),
    DDD: m => String(m.dayOfYear),
    DDDo: m => ordinal(m.dayOfYear),
    DDDD: m => pad(m.dayOfYear, 3),
    d: m => String(m.weekday),
    do: m => ordinal(m.weekday),
    dd: m => WEEKDAYS[m.weekday].slice(0, 2),
    ddd: m => WEEKDAYS[m.weekday].slice(0, 3),
    dddd: m => WEEKDAYS[m.weekday],
    // en weeks start on Sunday, so the locale weekday is the plain weekday.
    e: m => String(m.weekday),
    E: m => String(m.weekday || 7),
    w: m => String(localeWeek(m).week),
    wo: m => ordinal(localeWeek(m).week),
    ww: m => pad(localeWeek(m).week, 2),
    W: m => String(isoWeek(m).week),
    Wo: m => ordinal(isoWeek(m).week),
    WW: m => pad(isoWeek(m).week, 2),
    gg: m => pad(localeWeek(m).year % 100, 2),
    gggg: m => pad(localeWeek(m).year, 4),
    ggggg: m => pad(localeWeek(m).year, 5),
    GG: m => pad(isoWeek(m).year % 100, 2),
    GGGG: m => pad(isoWeek(m).year, 4),
    GGGGG: m => pad(isoWeek(m).year, 5),
    Y: m => (m.year <= 9999 ? pad(m.year, 4) : `+${m.year}`),
    YY: m => pad(m.year % 100, 2),
    YYYY: m => pad(m.year, 4),
    YYYYY: m => pad(m.year, 5),
    YYYYYY: m => pad(m.year, 6, true),
    y: m => String(eraYear(m)),
    yo: m => ordinal(eraYear(m)),
    yy: m => pad(eraYear(m), 2),
    yyy: m => pad(eraYear(m), 3),
    yyyy: m => pad(eraYear(m), 4),
    N: m => era(m, false),
    NN: m => era(m, false),
    NNN: m => era(m, false),
    NNNN: m => era(m, true),
    NNNNN: m => era(m, false),
    a: m => (m.hour > 11 ? 'pm' : 'am'),
    A: m => (m.hour > 11 ? 'PM' : 'AM'),
    H: m => String(m.hour),
    HH: m => pad(m.hour, 2),
    h: m => String(hour12(m)),
    hh: m => pad(hour12(m), 2),
    k: m => String(m.hour || 24),
    kk: m => pad(m.hour || 24, 2),
    Hmm: m => `${m.hour}${pad(m.minute, 2)}`,
    Hmmss: m => `${m.hour}${pad(m.minute, 2)}${pad(m.second, 2)}`,
    hmm: m => `${hour12(m)}${pad(m.minute, 2)}`,
    hmmss: m => `${hour12(m)}${pad(m.minute, 2)}${pad(m.second, 2)}`,
    m: m => String(m.minute),
    mm: m => pad(m.minute, 2),
    s: m => String(m.second),
    ss: m => pad(m.second, 2),
    S: m => String(Math.trunc(m.ms / 100)),
    SS: m => pad(Math.trunc(m.ms / 10), 2),
    Z: m => utcOffset(m, ':'),
    ZZ: m => utcOffset(m, ''),
    z: zoneAbbreviation,
    zz: zoneAbbreviation,
    X: m => String(Math.floor(m.epoch / 1000)),
    x: m => String(m.epoch)
};
// Milliseconds are all moment keeps: SSS and longer show three significant digits followed by zeros.
for (let width = 3; width <= 9; width++) {
    RENDERERS['S'.repeat(width)] = m => pad(m.ms * 10 ** (width - 3), width);
}
function runLength(format, at, char, max) {
    let length = 0;
    while (length < max && format[at + length] === char)
        length++;
    return length;
}
/**
 * The text of the token at `at`, following the order in which moment's formatter tries its alternatives (so `Do`
 * beats `DD`, `ggg` is `gg` followed by `g`, and a character that starts no token stands alone).
 */
function tokenAt(format, at) {
    const c = format[at];
    const next = format[at + 1];
    const run = (max) => c.repeat(runLength(format, at, c, max));
    switch (c) {
        case 'H':
        case 'h':
            if (format.startsWith('mm', at + 1))
                return format.startsWith('ss', at + 3) ? `${c}mmss` : `${c}mm`;
            return run(2);
        case 'M':
            return next === 'o' ? 'Mo' : run(4);
        case 'D':
            if (next === 'o')
                return 'Do';
            if (format.startsWith('DDDo', at))
                return 'DDDo';
            return run(4);
        case 'd': {
            const length = runLength(format, at, 'd', 4);
            if (length >= 2)
                return 'd'.repeat(length);
            return next === 'o' ? 'do' : 'd';
        }
        case 'w':
        case 'W':
            // moment's pattern is `w[o|w]?`, so even `w|` is one (unknown, hence literal) token.
            return next === 'o' || next === '|' || next === c ? c + next : c;
        case 'Q':
            return next === 'o' ? 'Qo' : 'Q';
        case 'N':
            return run(5);
        case 'Y': {
            const length = runLength(format, at, 'Y', 6);
            return 'Y'.repeat(length >= 4 ? length : length >= 2 ? 2 : 1);
        }
        case 'y': {
            const length = runLength(format, at, 'y', 4);
            if (length >= 2)
                return 'y'.repeat(length);
            return next === 'o' ? 'yo' : 'y';
        }
        case 'g':
        case 'G': {
            const length = runLength(format, at, c, 5);
            return c.repeat(length >= 4 ? length : length >= 2 ? 2 : 1);
        }
        case 'k':
        case 'm':
        case 's':
        case 'z':
        case 'Z':
            return run(2);
        case 'S':
            return run(9);
        default:
            return c;
    }
}
const isLineTerminator = (c) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
/** Index of the `]` closing the `[` at `at`, or -1 when another `[` or the end comes first (the `[` is then text). */
function closingBracket(format, at) {
    for (let i = at + 1; i < format.length; i++) {
        if (format[i] === ']')
            return i;
        if (format[i] === '[')
            return -1;
    }
    return -1;
}
function localizedTokenAt(format, at) {
    for (const token of ['LTS', 'LT', 'LLLL', 'LLL', 'LL', 'L', 'llll', 'lll', 'll', 'l']) {
        if (format.startsWith(token, at))
            return token;
    }
    return undefined;
}
function expandLocalized(format) {
    let out = '';
    for (let i = 0; i < format.length;) {
        const c = format[i];
        if (c === '[') {
            const close = closingBracket(format, i);
            if (close !== -1) {
                out += format.slice(i, close + 1);
                i = close + 1;
                continue;
            }
        }
        else if (c === '\\') {
            // An escaped `\L` stays escaped for the tokenizer to print as `L`.
            const escaped = localizedTokenAt(format, i + 1);
            if (escaped !== undefined) {
                out += c + escaped;
                i += 1 + escaped.length;
                continue;
            }
        }
        else {
            const token = localizedTokenAt(format, i);
            if (token !== undefined) {
                out += LOCALIZED[token];
                i += token.length;
                continue;
            }
        }
        out += c;
        i++;
    }
    return out;
}
function compile(format) {
    const expanded = expandLocalized(format);
    const pieces = [];
    const literal = (text) => {
        const last = pieces.length - 1;
        if (typeof pieces[last] === 'string')
            pieces[last] += text;
        else if (text !== '')
            pieces.push(text);
    };
    for (let i = 0; i < expanded.length;) {
        const c = expanded[i];
        if (c === '[') {
            const close = closingBracket(expanded, i);
            if (close !== -1) {
                literal(expanded.slice(i + 1, close));
                i = close + 1;
                continue;
            }
        }
        // moment's tokenizer cannot match a line break outside brackets, so it silently drops it.
        if (isLineTerminator(c)) {
            i++;
            continue;
        }
        if (c === '\\') {
            const next = expanded[i + 1];
            if (next === undefined || isLineTerminator(next)) {
                i++;
                continue;
            }
            // A backslash prints the following token literally; moment strips every backslash from such a token.
            const token = tokenAt(expanded, i + 1);
            literal(token.replaceAll('\\', ''));
            i += 1 + token.length;
            continue;
        }
        const token = tokenAt(expanded, i);
        const render = Object.hasOwn(RENDERERS, token) ? RENDERERS[token] : undefined;
        if (render)
            pieces.push(render);
        else
            literal(token);
        i += token.length;
    }
    return pieces;
}
const compiled = new Map();
const zones = new Map();
// The tz database's zero-offset zones and their abbreviations. Answering them without Intl keeps the default zone
// free of ICU's start-up cost (about 15 ms for the first DateTimeFormat) and gets `GMT` right where Intl says `UTC`.
const ZERO_OFFSET_ZONES = new Map([
    ...['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu'].map(name => [name.toLowerCase(), 'UTC']),
    ...[
        'GMT',
        'Etc/GMT',
        'Etc/GMT0',
        'Etc/GMT+0',
        'Etc/GMT-0',
        'GMT0',
        'GMT+0',
        'GMT-0',
        'Etc/Greenwich',
        'Greenwich'
    ].map(name => [name.toLowerCase(), 'GMT'])
]);
function zoneFor(timeZone) {
    const cached = zones.get(timeZone);
    if (cached)
        return cached;
    const abbreviation = ZERO_OFFSET_ZONES.get(timeZone.toLowerCase());
    const zone = abbreviation === undefined ? intlZone(timeZone) : { name: timeZone, abbreviation };
    zones.set(timeZone, zone);
    return zone;
}
function intlZone(timeZone) {
    const hint = 'use an IANA time zone name such as Europe/Paris, America/New_York or UTC';
    let offsets;
    try {
        offsets = new Intl.DateTimeFormat('en-US', {
            timeZone,
            calendar: 'gregory',
            numberingSystem: 'latn',
            hourCycle: 'h23',
            era: 'short',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric'
        });
    }
    catch {
        throw new DateFormatError(`unknown time zone ${JSON.stringify(timeZone)}: ${hint}`);
    }
    const resolved = offsets.resolvedOptions().timeZone;
    // Intl accepts fixed offsets like `+02:00`; moment-timezone does not (it falls back to UTC), so refuse them.
    if (/^[+-]/.test(resolved)) {
        throw new DateFormatError(`time zone ${JSON.stringify(timeZone)} is an offset, not a zone: ${hint} (Etc/GMT-2 is a fixed UTC+02:00)`);
    }
    return { name: resolved, offsets };
}
/** Milliseconds to add to `epoch` to get the wall clock of `zone`, read back from Intl's rendering of the instant. */
function offsetAt(zone, epoch) {
    if (!zone.offsets)
        return 0;
    const parts = {};
    for (const part of zone.offsets.formatToParts(epoch))
        parts[part.type] = part.value;
    const eraYearValue = Number(parts['year']);
    const year = parts['era'] === 'BC' || parts['era'] === 'B' ? 1 - eraYearValue : eraYearValue;
    const wall = new Date(0);
    wall.setUTCFullYear(year, Number(parts['month']) - 1, Number(parts['day']));
    wall.setUTCHours(Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
    return wall.getTime() - Math.floor(epoch / 1000) * 1000;
}
function momentIn(date, zone) {
    const epoch = date.getTime();
    if (zone.last?.epoch === epoch)
        return zone.last;
    const offsetMs = offsetAt(zone, epoch);
    const wall = new Date(epoch + offsetMs);
    if (Number.isNaN(wall.getTime())) {
        // Only at the edge of the Date range, where the wall clock of a zone east of UTC no longer fits in a Date.
        throw new DateFormatError(`${date.toISOString()} is out of range in ${zone.name}`);
    }
    const year = wall.getUTCFullYear();
    const dayNumber = Math.floor(wall.getTime() / DAY_MS);
    const m = {
        epoch,
        offset: offsetMs / 60_000,
        year,
        month: wall.getUTCMonth() + 1,
        day: wall.getUTCDate(),
        weekday: wall.getUTCDay(),
        dayOfYear: dayNumber - daysSinceEpoch(year, 0, 1) + 1,
        hour: wall.getUTCHours(),
        minute: wall.getUTCMinutes(),
        second: wall.getUTCSeconds(),
        ms: wall.getUTCMilliseconds(),
        dayNumber,
        zone
    };
    zone.last = m;
    return m;
}
/** Formats `date` with a moment.js format string in the IANA `timeZone` (default UTC). */
function formatDate(date, format, timeZone = 'UTC') {
    if (Number.isNaN(date.getTime())) {
        // moment would print "Invalid date", which would then surface as a baffling tag.
        throw new DateFormatError('cannot format an invalid date');
    }
    const m = momentIn(date, zoneFor(timeZone));
    // moment's default format; a zero offset counts as UTC mode and prints a literal Z.
    const effective = format === '' ? (m.offset === 0 ? 'YYYY-MM-DDTHH:mm:ss[Z]' : 'YYYY-MM-DDTHH:mm:ssZ') : format;
    let pieces = compiled.get(effective);
    if (!pieces) {
        pieces = compile(effective);
        compiled.set(effective, pieces);
    }
    let out = '';
    for (const piece of pieces)
        out += typeof piece === 'string' ? piece : piece(m);
    return out;
}

;// CONCATENATED MODULE: ./src/metadata/template.ts
/**
 * The subset of Handlebars that docker/metadata-action users write in tag rules, flavor, labels and
 * annotations: `{{path}}`, `{{{path}}}`/`{{&path}}` (unescaped), helper calls with string, number and
 * boolean arguments and `key=value` hash arguments, `{{! comments }}`, `\{{` escapes and `~` whitespace
 * control. Output is HTML-escaped exactly like Handlebars, because metadata-action renders through it and
 * tags must come out identical. Blocks, partials and sub-expressions are rejected with a clear error
 * instead of being half-supported.
 */
class TemplateError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TemplateError';
    }
}
const OPEN = '{{';
// Handlebars' ID token: anything but whitespace and its punctuation set.
const ID_CHARACTER_CLASS = '[^\\s!"#%&\'()*+,./;<=>@[\\\\\\]^`{|}~]';
const ID_CHAR = new RegExp(ID_CHARACTER_CLASS);
const ID_RUN = new RegExp(`${ID_CHARACTER_CLASS}+`, 'y');
const HASH_KEY = new RegExp(`(${ID_CHARACTER_CLASS}+)\\s*=`, 'y');
const NUMBER = /-?\d+(?:\.\d+)?(?=[~}\s)])/y;
const KEYWORD = /(true|false|null|undefined)(?=[~}\s)])/y;
const WHITESPACE = /\s*/y;
const LEADING_WHITESPACE = /^\s+/;
const TRAILING_WHITESPACE = /\s+$/;
const HTML_UNSAFE = /[&<>"'`=]/g;
const HTML_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#x27;',
    '`': '&#x60;',
    '=': '&#x3D;'
};
function compileTemplate(source) {
    return { source, nodes: new TemplateParser(source).parse() };
}
/** True when the whole template is one `{{raw…}}` expression (metadata-action's test for honouring `raw` on prereleases). */
function isSingleRawExpression(template) {
    const [only, ...rest] = template.nodes;
    return rest.length === 0 && only?.kind === 'mustache' && only.path[0] === 'raw';
}
function renderTemplate(template, scope, notice = () => undefined) {
    let output = '';
    for (const node of template.nodes) {
        if (node.kind === 'text')
            output += node.text;
        else if (node.kind === 'mustache') {
            const text = valueToText(evaluateMustache(node, scope, notice));
            output += node.escaped ? escapeHtml(text) : text;
        }
    }
    return output;
}
function evaluateMustache(node, scope, notice) {
    const value = lookup(scope, node.path);
    if (typeof value === 'function') {
        const params = node.params.map(argument => evaluateArgument(argument, scope));
        const hash = new Map(node.hash.map(([key, argument]) => [key, evaluateArgument(argument, scope)]));
        return value({ params, hash, paramSources: node.params.map(argument => argument.source), notice });
    }
    if (node.params.length > 0 || node.hash.length > 0) {
        throw new TemplateError(`${node.source} calls "${node.path.join('.')}", which is not a helper here`);
    }
    return value;
}
function evaluateArgument(argument, scope) {
    return argument.kind === 'literal' ? argument.value : lookup(scope, argument.path);
}
function lookup(scope, path) {
    let current = scope;
    for (const segment of path) {
        // Like Handlebars, only own properties resolve: `{{constructor}}` must not reach the prototype.
        if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment)) {
            return undefined;
        }
        current = current[segment];
    }
    return current;
}
function valueToText(value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value === 'string')
        return value;
    if (Array.isArray(value))
        return value.map(valueToText).join(',');
    if (typeof value === 'function')
        return '';
    return String(value);
}
function escapeHtml(text) {
    return text.replace(HTML_UNSAFE, char => HTML_ENTITIES[char] ?? char);
}
class TemplateParser {
    source;
    nodes = [];
    position = 0;
    stripLeadingWhitespace = false;
    constructor(source) {
        this.source = source;
    }
    parse() {
        const { source } = this;
        while (this.position < source.length) {
            const open = source.indexOf(OPEN, this.position);
            if (open < 0) {
                this.addText(source.slice(this.position));
                break;
            }
            const before = source.slice(this.position, open);
            if (before.endsWith('\\\\')) {
                // `\\{{x}}`: an escaped backslash, then a real expression.
                this.addText(before.slice(0, -1));
                this.parseMustache(open);
            }
            else if (before.endsWith('\\')) {
                this.addText(before.slice(0, -1));
                this.parseEscapedMustache(open);
            }
            else {
                this.addText(before);
                this.parseMustache(open);
            }
        }
        return this.nodes;
    }
    /** `\{{x}}` is literal text up to the next expression, as in Handlebars. */
    parseEscapedMustache(open) {
        const { source } = this;
        let end = source.indexOf(OPEN, open + OPEN.length);
        if (end < 0)
            end = source.length;
        else if (source.slice(end - 2, end) === '\\\\' && end - 2 >= open + OPEN.length)
            end -= 2;
        else if (source[end - 1] === '\\' && end - 1 >= open + OPEN.length)
            end -= 1;
        this.addText(source.slice(open, end));
        this.position = end;
    }
    parseMustache(open) {
        const { source } = this;
        let cursor = open + OPEN.length;
        const stripBefore = source[cursor] === '~';
        if (stripBefore) {
            cursor++;
            this.trimTrailingWhitespace();
        }
        const marker = source[cursor] ?? '';
        if (marker === '!') {
            this.parseComment(open, cursor + 1);
            return;
        }
        if ('#/^>*'.includes(marker) && marker !== '') {
            throw new TemplateError(`${this.excerpt(open)} uses Handlebars blocks or partials, which are not supported here`);
        }
        let escaped = true;
        let close = '}}';
        if (marker === '{') {
            escaped = false;
            close = '}}}';
            cursor++;
        }
        else if (marker === '&') {
            escaped = false;
            cursor++;
        }
        const body = this.parseExpression(open, cursor, close);
        this.nodes.push({ kind: 'mustache', escaped, ...body.expression, source: source.slice(open, body.end) });
        this.position = body.end;
    }
    parseComment(open, cursor) {
        const { source } = this;
        const long = source.startsWith('--', cursor);
        const terminator = long ? '--' : '';
        const closeAt = this.findClose(cursor, `${terminator}}}`, `${terminator}~}}`);
        if (!closeAt)
            throw new TemplateError(`${this.excerpt(open)} opens a comment that is never closed`);
        this.nodes.push({ kind: 'comment' });
        this.finishClose(closeAt);
    }
    findClose(from, plain, stripping) {
        const plainAt = this.source.indexOf(plain, from);
        const strippingAt = this.source.indexOf(stripping, from);
        if (strippingAt >= 0 && (plainAt < 0 || strippingAt < plainAt)) {
            return { index: strippingAt, end: strippingAt + stripping.length, strip: true };
        }
        if (plainAt >= 0)
            return { index: plainAt, end: plainAt + plain.length, strip: false };
        return undefined;
    }
    finishClose(close) {
        this.position = close.end;
        this.stripLeadingWhitespace = close.strip;
    }
    parseExpression(open, start, close) {
        const { source } = this;
        const strippingClose = close === '}}}' ? '}~}}' : '~}}';
        const argumentsFound = [];
        const hash = [];
        let cursor = start;
        for (;;) {
            WHITESPACE.lastIndex = cursor;
            WHITESPACE.exec(source);
            cursor = WHITESPACE.lastIndex;
            if (cursor >= source.length) {
                throw new TemplateError(`${this.excerpt(open)} is missing its closing ${close}`);
            }
            if (source.startsWith(strippingClose, cursor) || source.startsWith(close, cursor)) {
                const strip = source.startsWith(strippingClose, cursor);
                const end = cursor + (strip ? strippingClose : close).length;
                const [head, ...params] = argumentsFound;
                if (!head)
                    throw new TemplateError(`${source.slice(open, end)} is an empty expression`);
                this.stripLeadingWhitespace = strip;
                return { expression: { path: head.kind === 'path' ? head.path : [String(head.value)], params, hash }, end };
            }
            if (source[cursor] === '(') {
                throw new TemplateError(`${this.excerpt(open)} uses a sub-expression, which is not supported here`);
            }
            HASH_KEY.lastIndex = cursor;
            const hashKey = HASH_KEY.exec(source);
            if (hashKey) {
                const parsed = this.parseArgument(open, HASH_KEY.lastIndex);
                hash.push([hashKey[1] ?? '', parsed.argument]);
                cursor = parsed.end;
                continue;
            }
            if (hash.length > 0) {
                throw new TemplateError(`${this.excerpt(open)} has a positional argument after a key=value argument`);
            }
            const parsed = this.parseArgument(open, cursor);
            argumentsFound.push(parsed.argument);
            cursor = parsed.end;
        }
    }
    parseArgument(open, start) {
        const { source } = this;
        WHITESPACE.lastIndex = start;
        WHITESPACE.exec(source);
        const cursor = WHITESPACE.lastIndex;
        const quote = source[cursor];
        if (quote === '"' || quote === "'")
            return this.parseString(open, cursor, quote);
        NUMBER.lastIndex = cursor;
        const number = NUMBER.exec(source);
        if (number)
            return { argument: { kind: 'literal', value: Number(number[0]), source: number[0] }, end: NUMBER.lastIndex };
        KEYWORD.lastIndex = cursor;
        const keyword = KEYWORD.exec(source);
        if (keyword) {
            const values = { true: true, false: false, null: null, undefined: undefined };
            return { argument: { kind: 'literal', value: values[keyword[1] ?? ''], source: keyword[0] }, end: KEYWORD.lastIndex };
        }
        return this.parsePath(open, cursor);
    }
    parseString(open, start, quote) {
        const { source } = this;
        let cursor = start + 1;
        let value = '';
        while (cursor < source.length && source[cursor] !== quote) {
            if (source[cursor] === '\\' && source[cursor + 1] === quote) {
                value += quote;
                cursor += 2;
            }
            else {
                value += source[cursor];
                cursor++;
            }
        }
        if (cursor >= source.length)
            throw new TemplateError(`${this.excerpt(open)} has an unterminated string`);
        return { argument: { kind: 'literal', value, source: source.slice(start, cursor + 1) }, end: cursor + 1 };
    }
    parsePath(open, start) {
        const { source } = this;
        const segments = [];
        let cursor = start;
        // Data variables (@index, @root…) never resolve in these scopes; keep them as an unknown name.
        const dataPrefix = source[cursor] === '@' ? '@' : '';
        if (dataPrefix)
            cursor++;
        for (;;) {
            if (source[cursor] === '[') {
                const end = source.indexOf(']', cursor);
                if (end < 0)
                    throw new TemplateError(`${this.excerpt(open)} has an unterminated [segment]`);
                segments.push(source.slice(cursor + 1, end));
                cursor = end + 1;
            }
            else {
                ID_RUN.lastIndex = cursor;
                const id = ID_RUN.exec(source);
                if (!id) {
                    const found = source[cursor] ?? 'the end';
                    throw new TemplateError(`${this.excerpt(open)} has an unexpected "${found}"`);
                }
                segments.push(id[0]);
                cursor = ID_RUN.lastIndex;
            }
            const separator = source[cursor];
            if ((separator === '.' || separator === '/') &&
                (ID_CHAR.test(source[cursor + 1] ?? '') || source[cursor + 1] === '[')) {
                cursor++;
                continue;
            }
            break;
        }
        if (segments[0] === 'this' && segments.length > 1)
            segments.shift();
        if (dataPrefix)
            segments[0] = `@${segments[0]}`;
        return { argument: { kind: 'path', path: segments, source: source.slice(start, cursor) }, end: cursor };
    }
    addText(text) {
        const kept = this.stripLeadingWhitespace ? text.replace(LEADING_WHITESPACE, '') : text;
        this.stripLeadingWhitespace = false;
        if (kept === '')
            return;
        const last = this.nodes[this.nodes.length - 1];
        if (last?.kind === 'text')
            last.text += kept;
        else
            this.nodes.push({ kind: 'text', text: kept });
    }
    trimTrailingWhitespace() {
        const last = this.nodes[this.nodes.length - 1];
        if (last?.kind !== 'text')
            return;
        last.text = last.text.replace(TRAILING_WHITESPACE, '');
        if (last.text === '')
            this.nodes.pop();
    }
    excerpt(open) {
        const close = this.source.indexOf('}}', open);
        return close < 0 ? this.source.slice(open) : this.source.slice(open, close + 2);
    }
}

;// CONCATENATED MODULE: ./src/metadata/expressions.ts
/**
 * The global expressions of docker/metadata-action ({{branch}}, {{tag}}, {{sha}}, {{base_ref}},
 * {{is_default_branch}}, {{is_not_default_branch}}, {{date}}, {{commit_date}}) as template scopes.
 */


const HEADS = 'refs/heads/';
const TAGS = 'refs/tags/';
const PULLS = 'refs/pull/';
// These events always run on the last commit of the default branch.
const DEFAULT_BRANCH_EVENTS = ['create', 'discussion', 'issues', 'schedule'];
function shortSha(sha, length) {
    return length >= sha.length ? sha : sha.slice(0, length);
}
function branchName(ref) {
    return ref.startsWith(HEADS) ? ref.slice(HEADS.length) : '';
}
function tagName(ref) {
    return ref.startsWith(TAGS) ? ref.slice(TAGS.length) : '';
}
function isTagRef(ref) {
    return ref.startsWith(TAGS);
}
function isBranchRef(ref) {
    return ref.startsWith(HEADS);
}
function isPullRequestRef(ref) {
    return ref.startsWith(PULLS);
}
/** `refs/pull/12/merge` → `12` (other suffixes such as `/head` are kept, then sanitized). */
function pullRequestNumber(ref) {
    const rest = ref.slice(PULLS.length);
    return rest.endsWith('/merge') ? rest.slice(0, -'/merge'.length) : rest;
}
function baseRef(facts) {
    const { payload, ref } = facts;
    // Kept for compatibility although push payloads do not reliably carry base_ref (metadata-action #192).
    if (isTagRef(ref) && typeof payload.base_ref === 'string') {
        return payload.base_ref.startsWith(HEADS) ? payload.base_ref.slice(HEADS.length) : payload.base_ref;
    }
    const pullRequestBase = payload.pull_request?.base?.ref;
    if (isPullRequestRef(ref) && typeof pullRequestBase === 'string')
        return pullRequestBase;
    return '';
}
function isDefaultBranch(facts) {
    // Like metadata-action, only a `refs/heads/` prefix is removed, so tag and PR refs never equal the branch.
    const branch = facts.ref.startsWith(HEADS) ? facts.ref.slice(HEADS.length) : facts.ref;
    if (branch === '')
        return false;
    const payloadDefault = facts.payload.repository?.default_branch;
    const defaultBranch = typeof payloadDefault === 'string' ? payloadDefault : facts.fallbackDefaultBranch;
    if (defaultBranch !== '' && branch === defaultBranch)
        return true;
    return DEFAULT_BRANCH_EVENTS.some(event => facts.eventName.includes(event));
}
function dateHelper(name, date) {
    return ({ params, hash, paramSources, notice }) => {
        const [format] = params;
        if (params.length !== 1 || (typeof format !== 'string' && format !== undefined)) {
            throw new TemplateError(`{{${name}}} takes exactly one quoted format, e.g. {{${name} 'YYYYMMDD'}}`);
        }
        if (format === undefined) {
            // Handlebars reads an unquoted word as a value that is not there, and moment then uses its default format:
            // metadata-action renders that, so a workflow written for it keeps its result here.
            const written = paramSources[0] ?? '';
            notice(`{{${name} ${written}}} reads ${written} as a missing value, not as a format, so the date is rendered in ` +
                `moment's default format (YYYY-MM-DDTHH:mm:ssZ), as docker/metadata-action does; write {{${name} '${written}'}} ` +
                'for that format');
        }
        let timeZone = 'UTC';
        for (const [key, value] of hash) {
            if (key !== 'tz')
                throw new TemplateError(`{{${name}}} has an unknown attribute "${key}"; only tz='Area/City' is allowed`);
            if (typeof value !== 'string')
                throw new TemplateError(`{{${name}}} needs a quoted time zone, e.g. tz='Asia/Tokyo'`);
            timeZone = value;
        }
        try {
            return formatDate(date, format ?? '', timeZone);
        }
        catch (error) {
            if (error instanceof DateFormatError)
                throw new TemplateError(`{{${name}}}: ${error.message}`);
            throw error;
        }
    };
}
/** The helpers available in `type=schedule` patterns. */
function dateScope(facts) {
    return { date: dateHelper('date', facts.now), commit_date: dateHelper('commit_date', facts.commitDate) };
}
/**
 * Helpers are functions (not precomputed strings) because Handlebars calls them even when given
 * arguments, e.g. `{{branch 'x'}}` still renders the branch.
 */
function globalScope(facts) {
    const defaultBranch = isDefaultBranch(facts);
    return {
        branch: () => branchName(facts.ref),
        tag: () => tagName(facts.ref),
        sha: () => shortSha(facts.sha, facts.shortShaLength),
        base_ref: () => baseRef(facts),
        is_default_branch: () => String(defaultBranch),
        is_not_default_branch: () => String(!defaultBranch),
        ...dateScope(facts)
    };
}

// EXTERNAL MODULE: ./src/input-lists.ts
var input_lists = __webpack_require__(739);
;// CONCATENATED MODULE: ./src/metadata/origin.ts
/** Where a value came from (input, line, text), so every failure names what the user must edit. */


function inputError(origin, problem, fix) {
    return new errors/* InputError */.dz(origin.input, origin.value, problem, fix, origin.line);
}
const EXPRESSION_HELP = 'Expressions follow docker/metadata-action: {{branch}}, {{tag}}, {{sha}}, {{base_ref}}, {{is_default_branch}}, ' +
    "{{is_not_default_branch}}, {{date 'YYYYMMDD' tz='Europe/Paris'}} and {{commit_date 'YYYYMMDD'}}.";
function compileAt(origin, source, what) {
    try {
        return compileTemplate(source);
    }
    catch (error) {
        if (error instanceof TemplateError)
            throw inputError(origin, `${what} is not a valid expression (${error.message})`, EXPRESSION_HELP);
        throw error;
    }
}
function renderAt(origin, template, scope, what, warn) {
    try {
        return renderTemplate(template, scope, message => warn(`${describeOrigin(origin)}: ${message}`));
    }
    catch (error) {
        if (error instanceof TemplateError)
            throw inputError(origin, `${what} cannot be rendered (${error.message})`, EXPRESSION_HELP);
        throw error;
    }
}
/** Line-aware description of a rule for warnings: `rule "type=sha" (line 3)`. */
function describeOrigin(origin) {
    const line = origin.line === undefined ? 'default' : `line ${origin.line}`;
    return `${origin.input} rule "${origin.value}" (${line})`;
}

;// CONCATENATED MODULE: ./src/metadata/fields.ts
/** Splitting one list item into its CSV fields and key=value pairs, with errors that point at the item. */


function csvFields(origin) {
    try {
        return (0,input_lists/* parseCsvFields */.nH)(origin.value);
    }
    catch (error) {
        throw inputError(origin, `cannot be split into comma-separated fields (${error.message})`, 'Close every double quote, or quote the whole field: "value=a,b".');
    }
}
/**
 * Tag rule fields split on the first `=` only, keys lowercased; a field without a key (no `=`, or
 * starting with `=`) is the `value` attribute, so `type=raw,foo` and a bare `foo` both mean value=foo.
 */
function splitRuleFields(origin) {
    return csvFields(origin).map(field => {
        const equals = field.indexOf('=');
        if (equals <= 0)
            return ['value', field.trim()];
        return [field.slice(0, equals).trim().toLowerCase(), field.slice(equals + 1).trim()];
    });
}
/**
 * Flavor and image fields as metadata-action splits them: on every `=`, keeping only the first two
 * parts (so `prefix=a=b` means prefix `a`). Returns the extra parts so callers can warn about them.
 */
function splitOnEveryEquals(field) {
    const [key = '', value, ...dropped] = field.split('=').map(part => part.trim());
    return { key, value, dropped };
}

;// CONCATENATED MODULE: ./src/metadata/flavor.ts


const LATEST_MODES = ['auto', 'true', 'false'];
const BOOLEANS = ['true', 'false'];
const FLAVOR_HELP = 'Use latest=auto|true|false, prefix=<text>[,onlatest=true] or suffix=<text>[,onlatest=true].';
function parseFlavor(items, warn) {
    const emptyOrigin = { input: 'flavor', value: '' };
    const empty = compileAt(emptyOrigin, '', 'the default');
    const flavor = {
        latest: 'auto',
        prefix: { template: empty, onLatest: false, origin: emptyOrigin },
        suffix: { template: empty, onLatest: false, origin: emptyOrigin }
    };
    for (const item of items) {
        const origin = { input: 'flavor', line: item.line, value: item.value };
        // onlatest belongs to the prefix or suffix written before it on the same line.
        let lastAffix;
        for (const field of csvFields(origin)) {
            const { key, value, dropped } = splitOnEveryEquals(field);
            if (value === undefined)
                throw inputError(origin, `entry "${field}" is not key=value`, FLAVOR_HELP);
            if (dropped.length > 0) {
                warn(`Flavor line ${item.line}: "${field}" contains more than one "="; like docker/metadata-action only "${value}" is used.`);
            }
            switch (key) {
                case 'latest':
                    if (!LATEST_MODES.includes(value))
                        throw inputError(origin, `latest must be auto, true or false, not "${value}"`, FLAVOR_HELP);
                    flavor.latest = value;
                    break;
                case 'prefix':
                case 'suffix':
                    flavor[key] = { template: compileAt(origin, value, `the ${key}`), onLatest: flavor[key].onLatest, origin };
                    lastAffix = key;
                    break;
                case 'onlatest':
                    if (!BOOLEANS.includes(value))
                        throw inputError(origin, `onlatest must be true or false, not "${value}"`, FLAVOR_HELP);
                    if (lastAffix)
                        flavor[lastAffix].onLatest = value === 'true';
                    else
                        warn(`Flavor line ${item.line}: onlatest=${value} has no prefix or suffix before it on the same line and is ignored.`);
                    break;
                default:
                    throw inputError(origin, `unknown flavor entry "${key}"`, FLAVOR_HELP);
            }
        }
    }
    return flavor;
}

// EXTERNAL MODULE: ./src/registries.ts
var registries = __webpack_require__(4316);
;// CONCATENATED MODULE: ./src/metadata/ghcr-defaults.ts


const GHCR_REGISTRY = 'ghcr.io';
const SOURCE_KEY = 'org.opencontainers.image.source';
const DESCRIPTION_KEY = 'org.opencontainers.image.description';
const LICENSES_KEY = 'org.opencontainers.image.licenses';
/** GitHub documents these limits for the package page ("Labelling container images"). */
const GHCR_TEXT_LIMITS = new Map([
    [DESCRIPTION_KEY, 512],
    [LICENSES_KEY, 256]
]);
/** With no `images` input the image is the workflow's repository on ghcr.io (metadata-action would emit bare tags). */
function defaultImageName(context) {
    return `${GHCR_REGISTRY}/${context.owner}/${context.repo}`.toLowerCase();
}
/** The repository URL that links the package; kept even if the repository lookup returned none. */
function repositorySourceUrl(htmlUrl, context) {
    return htmlUrl || `${context.serverUrl}/${context.owner}/${context.repo}`;
}
// OCI distribution grammar: `[host[:port]/]component(/component)*`, lowercase.
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 255;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const IMAGE_FIX = 'Write an image name without tag or digest, e.g. ghcr.io/owner/app: path components use lowercase letters, ' +
    'digits and single separators (".", "_", "__" or dashes) between them.';
/** Validates an already lowercased image name and throws an error naming the input line otherwise. */
function assertImageName(name, origin, fix = IMAGE_FIX) {
    const problem = imageNameProblem(name);
    if (problem)
        throw inputError(origin, `image "${name}" ${problem}`, fix);
}
function imageNameProblem(name) {
    if (name.length > MAX_NAME_LENGTH)
        return `is longer than ${MAX_NAME_LENGTH} characters`;
    if (name.includes('@'))
        return 'has a digest; tags and digests come from the build, not from images';
    const components = name.split('/');
    const hasDomain = components.length > 1 && (0,registries/* isRegistryHost */.EV)(components[0] ?? '');
    const domain = hasDomain ? components.shift() : undefined;
    if (domain !== undefined) {
        const problem = registryHostProblem(domain);
        if (problem)
            return `has an invalid registry host "${domain}" (${problem})`;
    }
    const last = components[components.length - 1] ?? '';
    if (last.includes(':'))
        return 'has a tag; tags come from the tags input';
    const bad = components.find(component => !PATH_COMPONENT.test(component));
    if (bad !== undefined)
        return bad === '' ? 'has an empty path component' : `has an invalid path component "${bad}"`;
    return undefined;
}
/** Why `host[:port]` cannot be a registry address, if it cannot. */
function registryHostProblem(domain) {
    if (!DOMAIN.test(domain)) {
        return /\s/.test(domain)
            ? 'it has a blank'
            : /(^|\.)(\.|:|$)/.test(domain)
                ? 'it has an empty label between dots'
                : 'write host or host:port with letters, digits, dots and dashes';
    }
    const port = /:(\d+)$/.exec(domain)?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
        return `port ${port} is not 1-65535`;
    const host = domain.replace(/:\d+$/, '');
    if (!host.startsWith('[') && host.split('.').some(label => label.length > 63))
        return 'a label is over 63 characters';
    return undefined;
}
/** metadata-action emits tags the registry then rejects (leading `-`/`.`, over 128 characters); fail early instead. */
function assertOciTag(tag, origin) {
    if (TAG.test(tag))
        return;
    const reason = tag.length > 128
        ? `${tag.length} characters, at most 128 are allowed`
        : 'it must start with a letter, digit or "_"';
    throw inputError(origin, `tag "${tag}" is not a valid OCI tag (${reason}); it was produced by`, 'Change the value, prefix or suffix so every tag matches [A-Za-z0-9_][A-Za-z0-9._-]{0,127}.');
}
/**
 * Applies the GHCR rules to a finished key→value map of labels or annotations: the source stays a link
 * to the repository, and texts GHCR would refuse or cut are shortened here with a warning.
 */
function applyGhcrLabelRules(entries, sourceUrl, kind, warn) {
    if (!entries.get(SOURCE_KEY)) {
        if (entries.has(SOURCE_KEY)) {
            warn(`The ${kind.input} input sets ${SOURCE_KEY} to an empty value; ghcr-publish keeps ${sourceUrl} so the package stays linked to its repository.`);
        }
        entries.set(SOURCE_KEY, sourceUrl);
    }
    for (const [key, limit] of GHCR_TEXT_LIMITS) {
        const value = entries.get(key);
        if (value === undefined)
            continue;
        const characters = Array.from(value);
        if (characters.length <= limit)
            continue;
        entries.set(key, characters.slice(0, limit).join(''));
        warn(`The ${kind.noun} ${key} is ${characters.length} characters long; GHCR allows ${limit}, so it was cut to the first ${limit}.`);
    }
}

;// CONCATENATED MODULE: ./src/metadata/images.ts



const IMAGE_HELP = 'Write one image per line, as ghcr.io/owner/app or name=ghcr.io/owner/app,enable=true|false.';
function parseImages(items, context) {
    if (items.length === 0) {
        const name = defaultImageName(context);
        assertImageName(name, { input: 'images', value: `${context.owner}/${context.repo}` }, `The repository name does not make a valid image name; set the images input, e.g. images: ghcr.io/${context.owner.toLowerCase()}/app.`);
        return [{ name, enable: true }];
    }
    const single = items.length === 1 && items[0] ? legacyList(items[0]) : undefined;
    return single ?? items.map(parseImageLine);
}
/** `name/foo,name/bar` on a single line: every field is a bare name. */
function legacyList(item) {
    const origin = originOf(item);
    const fields = csvFields(origin).filter(field => field !== '');
    if (fields.length < 2 || fields.some(field => field.includes('=')))
        return undefined;
    return fields.map(field => validated(field, origin, true));
}
function parseImageLine(item) {
    const origin = originOf(item);
    let name;
    let enable = true;
    for (const field of csvFields(origin)) {
        const { key, value } = splitOnEveryEquals(field);
        const attribute = value === undefined ? 'name' : key.toLowerCase();
        const text = value ?? key;
        switch (attribute) {
            case 'name':
                if (name !== undefined)
                    throw inputError(origin, 'names more than one image', IMAGE_HELP);
                name = text;
                break;
            case 'enable':
                if (text !== 'true' && text !== 'false')
                    throw inputError(origin, `enable must be true or false, not "${text}"`, IMAGE_HELP);
                enable = text === 'true';
                break;
            default:
                throw inputError(origin, `unknown image attribute "${key}"`, IMAGE_HELP);
        }
    }
    if (!name)
        throw inputError(origin, 'has an empty image name', IMAGE_HELP);
    return validated(name, origin, enable);
}
function validated(name, origin, enable) {
    const lowercased = name.toLowerCase();
    assertImageName(lowercased, origin);
    return { name: lowercased, enable };
}
function originOf(item) {
    return { input: 'images', line: item.line, value: item.value };
}

;// CONCATENATED MODULE: ./src/metadata/labels.ts


// C0 and C1 controls (ESC sequences, NUL...) except the tab and the line break a quoted value may hold.
const CONTROL_CHARACTER = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
// localeCompare without arguments is this collator; building it once keeps sorting cheap.
const KEY_ORDER = new Intl.Collator();
function ociEntries(facts) {
    return [
        ['org.opencontainers.image.title', facts.repo.name || ''],
        [DESCRIPTION_KEY, facts.repo.description || ''],
        ['org.opencontainers.image.url', facts.repo.html_url || ''],
        [SOURCE_KEY, facts.sourceUrl],
        ['org.opencontainers.image.version', facts.version],
        ['org.opencontainers.image.created', facts.created.toISOString()],
        ['org.opencontainers.image.revision', facts.revision],
        [LICENSES_KEY, facts.repo.license?.spdx_id || '']
    ];
}
/** Sorted `[key, value]` pairs: OCI defaults, then the user's items (later keys win), then GHCR rules. */
function buildLabelEntries(facts, items, kind, globals, warn) {
    const entries = new Map(ociEntries(facts));
    for (const item of items) {
        const origin = { input: kind.input, line: item.line, value: item.value };
        const rendered = renderAt(origin, compileAt(origin, item.value, `the ${kind.noun}`), globals, `the ${kind.noun}`, warn);
        const equals = rendered.indexOf('=');
        if (equals < 0) {
            warn(`${kind.input} line ${item.line}: "${rendered}" has no "=" and is ignored (write key=value).`);
            continue;
        }
        if (equals === 0)
            throw inputError(origin, `the ${kind.noun} has an empty key`, 'Write key=value, e.g. org.opencontainers.image.vendor=Octo.');
        const control = CONTROL_CHARACTER.exec(rendered);
        if (control) {
            throw inputError(origin, `the ${kind.noun} holds the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, ` +
                'which terminals and registry tools would act on', 'Remove it (a line break inside a quoted value is kept).');
        }
        entries.set(rendered.slice(0, equals), rendered.slice(equals + 1));
    }
    applyGhcrLabelRules(entries, facts.sourceUrl, kind, warn);
    return [...entries].sort(([a], [b]) => KEY_ORDER.compare(a, b));
}
function joinEntries(entries, level) {
    const prefix = level === undefined ? '' : `${level}:`;
    return entries.map(([key, value]) => `${prefix}${key}=${value}`);
}
/** An annotation as joinEntries writes it, `level:key=value` (level optional, maybe with `[platform]`). */
function splitAnnotation(annotation) {
    const match = /^(?:([a-z-]+(?:\[[^\]]*\])?):(?=[^=]*=))?([^=]+)=(.*)$/s.exec(annotation);
    if (!match)
        return undefined;
    return { level: match[1] ?? '', key: match[2], value: match[3] };
}

;// CONCATENATED MODULE: ./src/metadata/sanitize.ts
/** Tag sanitization exactly as docker/metadata-action does it: every run of invalid characters becomes one `-`. */
const INVALID_TAG_CHARACTERS = /[^a-zA-Z0-9._-]+/g;
const PATH_SEPARATORS = /\//g;
function sanitizeTag(value) {
    return value.replace(INVALID_TAG_CHARACTERS, '-');
}
/** semver and pep440 sources: `/` becomes `-` before the version is validated. */
function slashesToDashes(value) {
    return value.replace(PATH_SEPARATORS, '-');
}

;// CONCATENATED MODULE: ./src/metadata/settings.ts

const ANNOTATION_LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'];
const DEFAULT_SHORT_SHA_LENGTH = 7;
const TRUE_PATTERN = /true/i;
const DIGITS = /^\d+$/;
const PULL_REQUEST_EVENT = /pull_request/;
function metadataSettingsFrom(env) {
    return {
        // metadata-action tests the variable with /true/i, so "TRUE" and "True" count as well.
        prHeadSha: TRUE_PATTERN.test(env.DOCKER_METADATA_PR_HEAD_SHA ?? ''),
        shortShaLength: shortShaLengthFrom(env.DOCKER_METADATA_SHORT_SHA_LENGTH),
        annotationLevels: annotationLevelsFrom(env.DOCKER_METADATA_ANNOTATIONS_LEVELS)
    };
}
function shortShaLengthFrom(raw) {
    const text = raw?.trim() ?? '';
    if (text === '')
        return DEFAULT_SHORT_SHA_LENGTH;
    const length = Number(text);
    if (!DIGITS.test(text) || length < 1) {
        throw new errors/* InputError */.dz('DOCKER_METADATA_SHORT_SHA_LENGTH', raw ?? '', 'is not a positive whole number', 'Set it to the number of sha characters to keep, e.g. DOCKER_METADATA_SHORT_SHA_LENGTH: 12 (default 7).');
    }
    return length;
}
function annotationLevelsFrom(raw) {
    const levels = (raw ?? '')
        .split(',')
        .map(level => level.trim())
        .filter(level => level !== '');
    if (levels.length === 0)
        return ['manifest'];
    const unknown = levels.find(level => !ANNOTATION_LEVELS.includes(level));
    if (unknown !== undefined) {
        throw new errors/* InputError */.dz('DOCKER_METADATA_ANNOTATIONS_LEVELS', raw ?? '', `has the unknown level "${unknown}"`, `Use a comma-separated list of ${ANNOTATION_LEVELS.join(', ')}; GHCR reads multi-platform descriptions from index.`);
    }
    return levels;
}
/**
 * The timestamp used for the created label and {{date}}: SOURCE_DATE_EPOCH when set (reproducible
 * builds, and what BuildKit uses for the image itself), else the clock.
 */
function metadataNow(env, clock) {
    const raw = env.SOURCE_DATE_EPOCH;
    const text = raw?.trim() ?? '';
    if (text === '')
        return clock;
    const date = DIGITS.test(text) ? new Date(Number(text) * 1000) : undefined;
    if (!date || Number.isNaN(date.getTime())) {
        throw new errors/* InputError */.dz('SOURCE_DATE_EPOCH', raw ?? '', 'is not a Unix timestamp in whole seconds', 'Set it to an integer number of seconds since 1970-01-01 UTC, e.g. $(git log -1 --format=%ct), or unset it.');
    }
    return date;
}
/** The commit the image describes: the PR head instead of the merge commit when DOCKER_METADATA_PR_HEAD_SHA is set. */
function effectiveSha(context, settings) {
    const headSha = context.payload.pull_request?.head?.sha;
    if (settings.prHeadSha && PULL_REQUEST_EVENT.test(context.eventName) && typeof headSha === 'string' && headSha !== '')
        return headSha;
    return context.sha;
}

;// CONCATENATED MODULE: ./src/metadata/tag-rules.ts


const DEFAULT_PRIORITIES = {
    schedule: 1000,
    semver: 900,
    pep440: 900,
    match: 800,
    edge: 700,
    ref: 600,
    raw: 200,
    sha: 100
};
const TAG_TYPES = Object.keys(DEFAULT_PRIORITIES);
const REF_EVENTS = ['branch', 'tag', 'pr'];
const SHA_FORMATS = ['short', 'long'];
const COMMON_ATTRIBUTES = ['type', 'enable', 'priority', 'prefix', 'suffix'];
const TYPE_ATTRIBUTES = {
    schedule: ['pattern'],
    semver: ['pattern', 'value', 'match'],
    pep440: ['pattern', 'value', 'match'],
    match: ['pattern', 'group', 'value'],
    edge: ['branch'],
    ref: ['event'],
    raw: ['value'],
    sha: ['format']
};
/** Used when `tags` is empty, as in metadata-action. */
const DEFAULT_TAG_RULES = [
    'type=schedule',
    'type=ref,event=branch',
    'type=ref,event=tag',
    'type=ref,event=pr'
];
const REGEX_LITERAL = /^\/(.+)\/(.*)$/;
const INTEGER = /^\d+$/;
function parseTagRules(items, warn) {
    const origins = items.length > 0
        ? items.map(item => ({ input: 'tags', line: item.line, value: item.value }))
        : DEFAULT_TAG_RULES.map(value => ({ input: 'tags', value }));
    const rules = origins.map(origin => parseTagRule(origin, warn));
    // Array.prototype.sort is stable, so equal priorities keep their input order.
    return rules.sort((a, b) => b.priority - a.priority);
}
function parseTagRule(origin, warn) {
    const attributes = new Map();
    let type = 'raw';
    for (const [key, value] of splitRuleFields(origin)) {
        if (key !== 'type') {
            attributes.set(key, value);
            continue;
        }
        if (!TAG_TYPES.includes(value)) {
            throw inputError(origin, `unknown tag type "${value}"`, `Use one of ${TAG_TYPES.map(name => `type=${name}`).join(', ')}.`);
        }
        type = value;
    }
    warnUnusedAttributes(origin, type, attributes, warn);
    const template = (name) => {
        const source = attributes.get(name);
        return source === undefined ? undefined : compileAt(origin, source, `the ${name} attribute`);
    };
    const common = {
        origin,
        priority: parsePriority(origin, attributes.get('priority'), DEFAULT_PRIORITIES[type]),
        enable: compileAt(origin, attributes.get('enable') ?? 'true', 'the enable attribute'),
        prefix: template('prefix'),
        suffix: template('suffix')
    };
    const required = (name, example) => {
        const value = attributes.get(name);
        if (value === undefined)
            throw inputError(origin, `type=${type} needs a ${name} attribute`, `Add one, e.g. ${example}.`);
        return value;
    };
    const optionalValue = () => (attributes.get('value') ? template('value') : undefined);
    switch (type) {
        case 'schedule':
            return {
                ...common,
                type,
                pattern: compileAt(origin, attributes.get('pattern') ?? 'nightly', 'the pattern attribute')
            };
        case 'semver':
        case 'pep440': {
            const pattern = compileAt(origin, required('pattern', `type=${type},pattern={{version}}`), 'the pattern attribute');
            const match = attributes.get('match') ? compileVersionMatch(origin, attributes.get('match') ?? '') : undefined;
            return { ...common, type, pattern, value: optionalValue(), match };
        }
        case 'match': {
            const pattern = compileRegex(origin, required('pattern', 'type=match,pattern=v(.*),group=1'));
            return {
                ...common,
                type,
                pattern,
                group: parseGroup(origin, attributes.get('group') ?? '0'),
                value: optionalValue()
            };
        }
        case 'edge':
            return { ...common, type, branch: attributes.get('branch') ?? '' };
        case 'ref':
            return {
                ...common,
                type,
                event: parseRefEvent(origin, attributes.get('event')),
                prefix: refPrefix(common, attributes)
            };
        case 'raw': {
            const value = compileAt(origin, required('value', 'type=raw,value=stable'), 'the value attribute');
            return { ...common, type, value };
        }
        case 'sha':
            return {
                ...common,
                type,
                format: parseShaFormat(origin, attributes.get('format') ?? 'short'),
                prefix: common.prefix ?? SHA_PREFIX
            };
    }
}
const PR_PREFIX = compileDefault('pr-');
const SHA_PREFIX = compileDefault('sha-');
function compileDefault(text) {
    return compileAt({ input: 'tags', value: text }, text, 'the default prefix');
}
function refPrefix(common, attributes) {
    return attributes.get('event') === 'pr' ? (common.prefix ?? PR_PREFIX) : common.prefix;
}
function warnUnusedAttributes(origin, type, attributes, warn) {
    const known = [...COMMON_ATTRIBUTES, ...TYPE_ATTRIBUTES[type]];
    for (const key of attributes.keys()) {
        if (!known.includes(key)) {
            warn(`Tag rule "${origin.value}"${origin.line === undefined ? '' : ` (line ${origin.line})`}: attribute "${key}" means nothing for type=${type} and is ignored.`);
        }
    }
}
function parsePriority(origin, text, fallback) {
    if (text === undefined)
        return fallback;
    const priority = Number(text);
    if (text.trim() === '' || !Number.isFinite(priority)) {
        throw inputError(origin, `priority "${text}" is not a number`, 'Use an integer; higher priorities come first, e.g. priority=950.');
    }
    return priority;
}
function parseRefEvent(origin, event) {
    if (event === undefined) {
        throw inputError(origin, 'type=ref needs an event attribute', 'Add event=branch, event=tag or event=pr.');
    }
    if (!REF_EVENTS.includes(event)) {
        throw inputError(origin, `unknown ref event "${event}"`, 'Use event=branch, event=tag or event=pr.');
    }
    return event;
}
function parseShaFormat(origin, format) {
    if (!SHA_FORMATS.includes(format)) {
        throw inputError(origin, `unknown sha format "${format}"`, 'Use format=short (default) or format=long.');
    }
    return format;
}
function parseGroup(origin, group) {
    if (!INTEGER.test(group)) {
        throw inputError(origin, `match group "${group}" is not a number`, 'Use the index of a capture group, e.g. group=1 (0 is the whole match).');
    }
    return Number(group);
}
/** `\d+` or `/\d+/i`: plain text is a regular expression without flags, as String.prototype.match treats it. */
function compileRegex(origin, pattern) {
    const literal = REGEX_LITERAL.exec(pattern);
    try {
        return literal ? new RegExp(literal[1] ?? '', literal[2]) : new RegExp(pattern);
    }
    catch (error) {
        throw inputError(origin, `pattern "${pattern}" is not a valid regular expression (${error.message})`, 'Write a JavaScript regular expression, either plain (v(\\d+)) or as /v(\\d+)/i.');
    }
}
/** The semver/pep440 `match` attribute extracts the version from capture group 1. */
function compileVersionMatch(origin, pattern) {
    const regex = compileRegex(origin, pattern);
    const groups = (new RegExp(`${regex.source}|`).exec('')?.length ?? 1) - 1;
    if (groups < 1) {
        throw inputError(origin, `match "${pattern}" has no capture group`, 'Capture the version in group 1, e.g. match=app-v(.*).');
    }
    return regex;
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
;// CONCATENATED MODULE: ./src/metadata/pep440.ts
/**
 * PEP 440 versions (https://peps.python.org/pep-0440/): validation, normalization and the parts that
 * `type=pep440` patterns use. Mirrors what pypa/packaging (and @renovatebot/pep440, which metadata-action
 * uses) accept and print.
 */
const PEP440 = new RegExp('^\\s*v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?:[-_.]?(?<preLabel>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?<preNumber>[0-9]+)?)?' +
    '(?:-(?<implicitPost>[0-9]+)|[-_.]?(?<postLabel>post|rev|r)[-_.]?(?<postNumber>[0-9]+)?)?' +
    '(?:[-_.]?(?<devLabel>dev)[-_.]?(?<devNumber>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?' +
    '\\s*$', 'i');
const LEADING_ZEROS = /^0+(?=\d)/;
const LOCAL_SEPARATORS = /[-_.]/;
const NUMERIC = /^\d+$/;
const PRE_LABELS = {
    a: 'a',
    alpha: 'a',
    b: 'b',
    beta: 'b',
    c: 'rc',
    rc: 'rc',
    pre: 'rc',
    preview: 'rc'
};
/** Integers are kept as digit strings so that huge release numbers survive untouched. */
function normalizeInteger(digits) {
    return digits.replace(LEADING_ZEROS, '');
}
function parsePep440(input) {
    const groups = PEP440.exec(input)?.groups;
    if (!groups)
        return undefined;
    const version = {
        epoch: normalizeInteger(groups.epoch ?? '0'),
        release: (groups.release ?? '').split('.').map(normalizeInteger)
    };
    if (groups.preLabel) {
        version.pre = {
            label: PRE_LABELS[groups.preLabel.toLowerCase()] ?? 'rc',
            number: normalizeInteger(groups.preNumber ?? '0')
        };
    }
    if (groups.implicitPost !== undefined)
        version.post = normalizeInteger(groups.implicitPost);
    else if (groups.postLabel)
        version.post = normalizeInteger(groups.postNumber ?? '0');
    if (groups.devLabel)
        version.dev = normalizeInteger(groups.devNumber ?? '0');
    if (groups.local) {
        version.local = groups.local
            .toLowerCase()
            .split(LOCAL_SEPARATORS)
            .map(part => (NUMERIC.test(part) ? normalizeInteger(part) : part))
            .join('.');
    }
    return version;
}
/** The normalized form, e.g. `v1.2.3beta2` → `1.2.3b2`, `1.0dev4` → `1.0.dev4`. */
function formatPep440(version) {
    let text = version.epoch === '0' ? '' : `${version.epoch}!`;
    text += version.release.join('.');
    if (version.pre)
        text += `${version.pre.label}${version.pre.number}`;
    if (version.post !== undefined)
        text += `.post${version.post}`;
    if (version.dev !== undefined)
        text += `.dev${version.dev}`;
    if (version.local !== undefined)
        text += `+${version.local}`;
    return text;
}
/** Pre, post and dev releases only get their full version as a tag, never `latest` or `major.minor`. */
function isPep440Final(version) {
    return !version.pre && version.post === undefined && version.dev === undefined;
}
function pep440Part(version, index) {
    return version.release[index] ?? '0';
}

;// CONCATENATED MODULE: ./src/metadata/version.ts
/**
 * Runs the priority-sorted tag rules against the event and collects the image version: the first value
 * is the main version, later distinct values are partial versions, and the first value-producing rule
 * decides `latest` under `latest=auto`.
 */






// Prereleases only ever get their full version, whatever the pattern says (unless it is {{raw}}).
const FULL_VERSION = compileTemplate('{{version}}');
// includePrerelease only shows up as a field of the parsed object, but patterns can print it.
const SEMVER_PARSE_OPTIONS = { loose: true, includePrerelease: true };
function computeVersion(rules, facts, warn) {
    const collector = new VersionCollector(facts.flavor.latest);
    for (const rule of rules) {
        if (!isEnabled(rule, facts, warn))
            continue;
        const produced = produce(rule, facts, warn);
        if (produced)
            collector.add(withAffixes(produced.value, rule, facts, warn), rule.origin, produced.latest);
    }
    return collector.finish();
}
function isEnabled(rule, facts, warn) {
    const enabled = renderAt(rule.origin, rule.enable, facts.globals, 'the enable attribute', warn);
    if (enabled !== 'true' && enabled !== 'false') {
        throw inputError(rule.origin, `enable must be exactly true or false, but it is "${enabled}"`, 'Write enable=true, enable=false, an expression such as enable={{is_default_branch}}, or a workflow expression ${{ … }} that yields true/false.');
    }
    return enabled === 'true';
}
function produce(rule, facts, warn) {
    switch (rule.type) {
        case 'schedule':
            return facts.eventName.includes('schedule')
                ? { value: renderAt(rule.origin, rule.pattern, facts.dates, 'the pattern', warn), latest: false }
                : undefined;
        case 'semver':
            return produceSemver(rule, facts, warn);
        case 'pep440':
            return producePep440(rule, facts, warn);
        case 'match':
            return produceMatch(rule, facts, warn);
        case 'edge':
            return isBranchRef(facts.ref) && branchName(facts.ref) === (rule.branch || facts.defaultBranch)
                ? { value: 'edge', latest: false }
                : undefined;
        case 'ref':
            return produceRef(rule, facts);
        case 'raw':
            return { value: renderAt(rule.origin, rule.value, facts.globals, 'the value', warn), latest: false };
        case 'sha':
            if (!facts.sha)
                return undefined;
            return { value: rule.format === 'short' ? shortSha(facts.sha, facts.shortShaLength) : facts.sha, latest: false };
    }
}
function produceRef(rule, facts) {
    const { ref } = facts;
    switch (rule.event) {
        case 'branch':
            return isBranchRef(ref) ? { value: branchName(ref), latest: false } : undefined;
        case 'tag':
            return isTagRef(ref) ? { value: slashesToDashes(tagName(ref)), latest: true } : undefined;
        case 'pr':
            return isPullRequestRef(ref) ? { value: pullRequestNumber(ref), latest: false } : undefined;
    }
}
/**
 * What semver/pep440/match rules read: the rendered `value`, else the pushed tag name. The tag name is
 * tried as pushed first (so `p1/v(.*)` matches `p1/v1.2.3`, as metadata-action's README shows) and then
 * with `/` turned into `-` (so patterns written as `p1-v(.*)` keep working).
 */
function versionCandidates(rule, facts, warn) {
    if (rule.value)
        return [renderAt(rule.origin, rule.value, facts.globals, 'the value', warn)];
    if (!isTagRef(facts.ref))
        return undefined;
    const name = tagName(facts.ref);
    const dashed = slashesToDashes(name);
    return dashed === name ? [name] : [name, dashed];
}
function firstMatch(regex, candidates) {
    for (const candidate of candidates) {
        const found = candidate.match(regex);
        if (found)
            return found;
    }
    return undefined;
}
/** The version text a semver/pep440 rule validates: its `match` group 1 if any, else the dashed source. */
function versionSource(rule, facts, warn) {
    const candidates = versionCandidates(rule, facts, warn);
    if (!candidates)
        return undefined;
    if (!rule.match)
        return slashesToDashes(candidates[candidates.length - 1] ?? '');
    const found = firstMatch(rule.match, candidates);
    if (found?.[1] === undefined) {
        warn(`${describeOrigin(rule.origin)}: match ${rule.match} does not capture a version in "${candidates[0]}"; no tag from this rule.`);
        return undefined;
    }
    return found[1];
}
function produceSemver(rule, facts, warn) {
    const source = versionSource(rule, facts, warn);
    if (source === undefined)
        return undefined;
    if (!semver_default().valid(source)) {
        warn(`${describeOrigin(rule.origin)}: "${source}" is not a valid semantic version (https://semver.org); no tag from this rule.`);
        return undefined;
    }
    const parsed = semver_default().parse(source, SEMVER_PARSE_OPTIONS);
    if (!parsed)
        return undefined;
    // Own fields of the SemVer object, as Handlebars sees them: raw, version, major, minor, patch, prerelease, build…
    const scope = Object.fromEntries(Object.entries(parsed));
    const prerelease = semver_default().prerelease(source) !== null;
    const pattern = prerelease && !isSingleRawExpression(rule.pattern) ? FULL_VERSION : rule.pattern;
    return { value: renderAt(rule.origin, pattern, scope, 'the pattern', warn), latest: !prerelease };
}
function producePep440(rule, facts, warn) {
    const source = versionSource(rule, facts, warn);
    if (source === undefined)
        return undefined;
    const parsed = parsePep440(source);
    if (!parsed) {
        warn(`${describeOrigin(rule.origin)}: "${source}" is not a valid PEP 440 version (https://peps.python.org/pep-0440/); no tag from this rule.`);
        return undefined;
    }
    const normalized = formatPep440(parsed);
    if (!isPep440Final(parsed)) {
        return { value: isSingleRawExpression(rule.pattern) ? source : normalized, latest: false };
    }
    const scope = {
        raw: () => source,
        version: () => normalized,
        major: () => pep440Part(parsed, 0),
        minor: () => pep440Part(parsed, 1),
        patch: () => pep440Part(parsed, 2)
    };
    return { value: renderAt(rule.origin, rule.pattern, scope, 'the pattern', warn), latest: true };
}
function produceMatch(rule, facts, warn) {
    const candidates = versionCandidates(rule, facts, warn);
    if (!candidates)
        return undefined;
    const found = firstMatch(rule.pattern, candidates);
    if (!found) {
        warn(`${describeOrigin(rule.origin)}: pattern ${rule.pattern} does not match "${candidates[0]}"; no tag from this rule.`);
        return undefined;
    }
    const captured = found[rule.group];
    if (captured === undefined) {
        warn(`${describeOrigin(rule.origin)}: pattern ${rule.pattern} has no group ${rule.group} in "${candidates[0]}"; no tag from this rule.`);
        return undefined;
    }
    return { value: captured, latest: true };
}
function withAffixes(value, rule, facts, warn) {
    const { flavor, globals } = facts;
    const prefix = rule.prefix
        ? renderAt(rule.origin, rule.prefix, globals, 'the prefix', warn)
        : renderAt(flavor.prefix.origin, flavor.prefix.template, globals, 'the prefix', warn);
    const suffix = rule.suffix
        ? renderAt(rule.origin, rule.suffix, globals, 'the suffix', warn)
        : renderAt(flavor.suffix.origin, flavor.suffix.template, globals, 'the suffix', warn);
    return `${prefix}${value}${suffix}`;
}
class VersionCollector {
    mode;
    main;
    partial = [];
    latest;
    constructor(mode) {
        this.mode = mode;
    }
    add(value, origin, latestUnderAuto) {
        if (value === '')
            return;
        const entry = { value: sanitizeTag(value), origin };
        if (!this.main)
            this.main = entry;
        else if (entry.value !== this.main.value)
            this.partial.push(entry);
        this.latest ??= this.mode === 'auto' ? latestUnderAuto : this.mode === 'true';
    }
    finish() {
        const seen = new Set();
        const partial = this.partial.filter(entry => !seen.has(entry.value) && seen.add(entry.value));
        return { main: this.main, partial, latest: this.latest ?? false };
    }
}

;// CONCATENATED MODULE: ./src/metadata/compute.ts
/** The whole docker/metadata-action pipeline: rules → version → tags, labels, annotations and json. */











function computeMetadata(request) {
    const warnings = [];
    const warn = message => {
        if (!warnings.includes(message))
            warnings.push(message);
    };
    try {
        return computeWithWarnings(request, warn, warnings);
    }
    catch (error) {
        // A warning often explains the error that follows (an unquoted date format makes a tag with ':'), and a failed
        // step prints the error alone: the warnings go with it.
        if (!(error instanceof errors/* InputError */.dz) || warnings.length === 0)
            throw error;
        throw new errors/* InputError */.dz(error.input, error.value, error.problem, `${error.fix} Warning${warnings.length > 1 ? 's' : ''} before this error: ${warnings.join(' ')}`, error.line);
    }
}
function computeWithWarnings(request, warn, warnings) {
    const { inputs, context, repo, settings, now, commitDate } = request;
    const sha = effectiveSha(context, settings);
    const facts = {
        eventName: context.eventName,
        ref: context.ref,
        sha,
        shortShaLength: settings.shortShaLength,
        payload: context.payload,
        fallbackDefaultBranch: repo.default_branch,
        now,
        commitDate
    };
    const globals = globalScope(facts);
    const images = parseImages(inputs.images, context);
    const rules = parseTagRules(inputs.tags, warn);
    const flavor = parseFlavor(inputs.flavor, warn);
    const version = computeVersion(rules, { ...facts, defaultBranch: repo.default_branch, flavor, globals, dates: dateScope(facts) }, warn);
    const tagNames = tagNamesOf(version, flavor, globals, warn);
    const enabledImages = images.filter(image => image.enable);
    const tags = enabledImages.flatMap(image => tagNames.map(name => `${image.name}:${name}`));
    const ociFacts = {
        repo,
        sourceUrl: repositorySourceUrl(repo.html_url, context),
        version: version.main?.value ?? '',
        created: now,
        revision: sha
    };
    const labelEntries = buildLabelEntries(ociFacts, inputs.labels, { input: 'labels', noun: 'label' }, globals, warn);
    const annotationEntries = buildLabelEntries(ociFacts, inputs.annotations, { input: 'annotations', noun: 'annotation' }, globals, warn);
    const labels = joinEntries(labelEntries);
    const annotations = settings.annotationLevels.flatMap(level => joinEntries(annotationEntries, level));
    if (!version.main) {
        warn(`No image version was generated for ${context.eventName || 'this event'} on ${context.ref || 'an empty ref'}: no tag rule produced a value. Check the tags input.`);
    }
    if (tags.length === 0) {
        warn(version.main && enabledImages.length === 0
            ? 'No tag was generated because every image in the images input is disabled (enable=false).'
            : 'No tag was generated. Check the tags input.');
    }
    return {
        version: { main: version.main?.value, partial: version.partial.map(entry => entry.value), latest: version.latest },
        images,
        tags,
        tagNames,
        labels,
        annotations,
        json: { tags, 'tag-names': tagNames, labels: Object.fromEntries(labelEntries), annotations },
        warnings
    };
}
/** main, partials, then latest; each checked against the OCI tag grammar and named by the rule that made it. */
function tagNamesOf(version, flavor, globals, warn) {
    if (!version.main)
        return [];
    const produced = [version.main, ...version.partial];
    if (version.latest)
        produced.push(latestTag(flavor, globals, warn));
    const names = [];
    for (const { value, origin } of produced) {
        assertOciTag(value, origin);
        // A rule that yields "latest" plus latest=true would otherwise push the same tag twice.
        if (!names.includes(value))
            names.push(value);
    }
    return names;
}
function latestTag(flavor, globals, warn) {
    const { prefix, suffix } = flavor;
    const before = prefix.onLatest ? renderAt(prefix.origin, prefix.template, globals, 'the prefix', warn) : '';
    const after = suffix.onLatest ? renderAt(suffix.origin, suffix.template, globals, 'the suffix', warn) : '';
    return { value: sanitizeTag(`${before}latest${after}`), origin: prefix.onLatest ? prefix.origin : suffix.origin };
}

;// CONCATENATED MODULE: ./src/metadata/payload.ts
/**
 * The commit date of `sha` from a push payload: the matching entry of `commits`, else `head_commit`
 * when it is that commit. Undefined when the payload does not say (the adapter then asks the API).
 */
function commitDateFromPayload(context, sha = context.sha) {
    const { commits, head_commit: headCommit } = context.payload;
    const fromCommits = Array.isArray(commits)
        ? commits.find(commit => isRecord(commit) && commit.id === sha)
        : undefined;
    if (fromCommits)
        return dateOf(fromCommits.timestamp);
    if (isRecord(headCommit) && headCommit.id === sha)
        return dateOf(headCommit.timestamp);
    return undefined;
}
function dateOf(timestamp) {
    if (typeof timestamp !== 'string')
        return undefined;
    const date = new Date(timestamp);
    return Number.isNaN(date.getTime()) ? undefined : date;
}
/** The payload's `repository` object in the shape of GET /repos/{owner}/{repo}, when it has one. */
function repositoryFromPayload(context) {
    const repository = context.payload.repository;
    if (!isRecord(repository) || typeof repository.name !== 'string')
        return undefined;
    const license = isRecord(repository.license) ? { spdx_id: stringOrNull(repository.license.spdx_id) } : null;
    const info = {
        name: repository.name,
        description: stringOrNull(repository.description),
        html_url: typeof repository.html_url === 'string'
            ? repository.html_url
            : `${context.serverUrl}/${context.owner}/${context.repo}`,
        default_branch: typeof repository.default_branch === 'string' ? repository.default_branch : '',
        license
    };
    if (typeof repository.private === 'boolean')
        info.private = repository.private;
    if (typeof repository.visibility === 'string')
        info.visibility = repository.visibility;
    return info;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function stringOrNull(value) {
    return typeof value === 'string' ? value : null;
}

;// CONCATENATED MODULE: ./src/metadata/outputs.ts
const NON_WORD = /\W/g;
function metadataOutputs(metadata, inputs) {
    return {
        version: metadata.version.main ?? '',
        tags: metadata.tags.join(inputs.sepTags),
        'tag-names': metadata.tagNames.join(inputs.sepTags),
        labels: metadata.labels.join(inputs.sepLabels),
        annotations: metadata.annotations.join(inputs.sepAnnotations),
        json: JSON.stringify(metadata.json)
    };
}
/** `tag-names` → `DOCKER_METADATA_OUTPUT_TAG_NAMES`, as metadata-action exports them. */
function metadataOutputEnvironment(outputs) {
    return Object.fromEntries(Object.entries(outputs).map(([name, value]) => [
        `DOCKER_METADATA_OUTPUT_${name.replace(NON_WORD, '_').toUpperCase()}`,
        value
    ]));
}

;// CONCATENATED MODULE: ./src/metadata/index.ts
/** Public API of the metadata engine: a pure port of docker/metadata-action v6.2.0 with GHCR defaults. */








/***/ }),

/***/ 3170:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ renderPlan),
/* harmony export */   h: () => (/* binding */ quote)
/* harmony export */ });
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2655);

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
    section('Cache', [(0,_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .describeCache */ .e7)(plan)]);
    section('Builder', [plan.builder]);
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

/***/ 2655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e7: () => (/* binding */ describeCache),
  N_: () => (/* binding */ planPublish)
});

// UNUSED EXPORTS: actionsCacheAvailable

// EXTERNAL MODULE: ./src/build-command.ts
var build_command = __webpack_require__(4683);
// EXTERNAL MODULE: ./src/builder-plan.ts
var builder_plan = __webpack_require__(6666);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/buildx-option-checks.ts
var buildx_option_checks = __webpack_require__(6231);
// EXTERNAL MODULE: ./src/github-context.ts
var github_context = __webpack_require__(8886);
;// CONCATENATED MODULE: ./src/push-policy.ts
/** Whether this run pushes, and why: the rule users otherwise encode by hand in `push:` expressions. */

/** Events whose GITHUB_TOKEN can write packages and whose builds are meant to be published. */
const PUBLISHING_EVENTS = new Set(['push', 'create', 'release', 'schedule', 'workflow_dispatch']);
/** Events of a release that publish it; edits and deletions must not re-push or move latest. */
const PUBLISHING_RELEASE_ACTIONS = new Set(['published', 'released', 'prereleased']);
/**
 * `ownCredentials`: the user gave a password, so the GITHUB_TOKEN's read-only limits do not decide.
 */
function decidePush(mode, context, ownCredentials = false) {
    const readOnlyReason = ownCredentials ? undefined : readOnlyTokenReason(context);
    if (readOnlyReason) {
        const decision = { push: false, reason: readOnlyReason };
        return mode === 'true' ? { ...decision, warning: `push: true was ignored: ${readOnlyReason}` } : decision;
    }
    if (mode === 'true')
        return { push: true, reason: 'push: true' };
    if (mode === 'false')
        return { push: false, reason: 'push: false' };
    if (context.eventName === 'release' && !PUBLISHING_RELEASE_ACTIONS.has(String(context.payload.action))) {
        return {
            push: false,
            reason: `push: auto does not publish on release "${String(context.payload.action)}" events (only published, released, prereleased)`
        };
    }
    if (PUBLISHING_EVENTS.has(context.eventName)) {
        return { push: true, reason: `push: auto publishes on ${context.eventName} events` };
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
function readOnlyTokenReason(context) {
    // pull_request_target runs in the base repository with a token that can write.
    if (context.eventName !== 'pull_request_target' && (0,github_context/* isForkPullRequest */.B7)(context)) {
        return 'this is a pull request from a fork, whose GITHUB_TOKEN is read-only: the image is built but not pushed';
    }
    if (context.actor === 'dependabot[bot]') {
        return 'this run was triggered by Dependabot, whose GITHUB_TOKEN is read-only: the image is built but not pushed';
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/registries.ts
var registries = __webpack_require__(4316);
;// CONCATENATED MODULE: ./src/plan.ts
/** The whole publishing plan: who logs in where, what is built, pushed and reported. Pure. */






function planPublish(config, context, metadata, repo, { env, workDir }) {
    const images = metadata.images.filter(image => image.enable).map(image => image.name);
    if (config.distribute !== '' && images.length === 0) {
        throw new errors/* InputError */.dz('images', config.metadata.images.map(image => image.value).join('; '), `"distribute: ${config.distribute}" pushes by digest to the images, but every image is disabled`, 'Enable at least one image (remove enable=false), or remove "distribute".');
    }
    const push = withoutTagsNoPush(decidePush(config.build.push, context, config.login.password !== ''), config, metadata);
    // Logged in even when not pushing: private base images and registry caches need credentials to pull.
    const login = (0,registries/* planLogins */.IB)(images, config.login, config.githubToken, context);
    const build = (0,build_command/* planBuildCommand */.lP)({
        build: config.build,
        metadata,
        context,
        push: push.push,
        githubToken: config.githubToken,
        actionsCacheAvailable: actionsCacheAvailable(env),
        privateRepository: repo.private === true || (repo.visibility !== undefined && repo.visibility !== 'public'),
        noDefaultAttestations: (0,buildx_option_checks/* isGoTrue */.NL)(env.BUILDX_NO_DEFAULT_ATTESTATIONS),
        workDir,
        ...(config.distribute === 'platform' ? { pushByDigestTo: images } : {})
    });
    const platforms = config.build.platforms;
    return {
        images,
        image: images[0] ?? '',
        platforms,
        push,
        login,
        build,
        builder: config.distribute === 'merge'
            ? 'none (the merge builds nothing)'
            : (0,builder_plan/* describeBuilderRule */.Be)({ ...build, platforms }, config.build.builder),
        logout: config.login.logout,
        distribute: config.distribute
    };
}
/** A push needs a tag (or outputs naming the destination): without one, say so instead of letting buildx fail. */
function withoutTagsNoPush(decision, config, metadata) {
    // A platform job pushes by digest, but without a tag the merge job has nothing to tag: it builds only too.
    if (!decision.push || metadata.tags.length > 0 || config.build.outputs.length > 0)
        return decision;
    const rules = config.metadata.tags.map(rule => rule.value).join('; ') || '(the default rules)';
    if (config.build.push === 'true') {
        throw new errors/* InputError */.dz('tags', rules, 'no tag rule produced a tag for this event, so there is nothing to push to', 'Add a rule that fires on this event (type=sha always does), or set "push: auto" to build without pushing.');
    }
    return { push: false, reason: 'push: auto builds without pushing because no tag rule produced a tag for this event' };
}
/** The build cache in words, for the dry-run plan and the job summary. */
function describeCache(plan) {
    if (plan.distribute === 'merge')
        return 'none (the merge builds nothing)';
    if (plan.build.cache.defaulted)
        return 'GitHub Actions cache (default)';
    return plan.build.cache.from.length + plan.build.cache.to.length > 0 ? 'as given in cache-from / cache-to' : 'none';
}
function actionsCacheAvailable(env) {
    return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL));
}


/***/ }),

/***/ 4316:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EV: () => (/* binding */ isRegistryHost),
/* harmony export */   Fv: () => (/* binding */ registryOf),
/* harmony export */   I2: () => (/* binding */ isGitHubContainerRegistry),
/* harmony export */   IB: () => (/* binding */ planLogins),
/* harmony export */   _M: () => (/* binding */ repositoryOf),
/* harmony export */   es: () => (/* binding */ registriesWithoutCredentials),
/* harmony export */   jW: () => (/* binding */ isLoopbackRegistry)
/* harmony export */ });
/** Docker's rule for the first component of a reference: a registry host has '.', ':' or is localhost. */
function isRegistryHost(component) {
    return component.includes('.') || component.includes(':') || component === 'localhost';
}
/** The registry host of an image reference (docker.io when the first component is no host). */
function registryOf(image) {
    const slash = image.indexOf('/');
    if (slash < 0)
        return 'docker.io';
    const first = image.slice(0, slash);
    return isRegistryHost(first) ? first : 'docker.io';
}
/** The repository path of an image reference without tag (docker.io's official images live under library/). */
function repositoryOf(image) {
    const registry = registryOf(image);
    const rest = image.startsWith(`${registry}/`) ? image.slice(registry.length + 1) : image;
    return registry === 'docker.io' && !rest.includes('/') ? `library/${rest}` : rest;
}
/** localhost, 127.0.0.0/8 and [::1], with or without a port: this machine (unreachable from a container's network). */
function isLoopbackRegistry(host) {
    const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
    return name === 'localhost' || /^127(?:\.\d{1,3}){3}$/.test(name) || name === '::1';
}
function isGitHubContainerRegistry(registry) {
    return registry === 'ghcr.io' || /^containers\./.test(registry);
}
/**
 * One login per distinct registry. The github-token is only a credential for GitHub's registries. The
 * username and password inputs are for the other registry when images span GHCR and another one (GHCR
 * keeps the github-token), and for every registry when all images are on one kind (a PAT for ghcr.io).
 */
function planLogins(images, login, githubToken, context) {
    const plan = { logins: [], skipped: [] };
    const registries = [...new Set(images.map(registryOf))];
    const mixed = registries.some(isGitHubContainerRegistry) && !registries.every(isGitHubContainerRegistry);
    for (const registry of registries) {
        const ghcr = isGitHubContainerRegistry(registry);
        const ownCredentials = login.password !== '' && !(mixed && ghcr);
        const password = ownCredentials ? login.password : ghcr ? githubToken : '';
        const username = ownCredentials ? login.username : '';
        if (!password) {
            const reason = isGitHubContainerRegistry(registry)
                ? 'no github-token or password: set permissions "packages: write" and keep the default github-token'
                : 'no password input: the runner must already be logged in';
            plan.skipped.push({ registry, reason });
            continue;
        }
        plan.logins.push({ registry, username: username || context.actor || 'github-actions', password });
    }
    return plan;
}
/**
 * Registries a push would reach with no credential at all: no login planned (empty github-token, no password), none
 * stored by an earlier step (docker/login-action, a credential helper), and not on this machine (a registry service
 * container on localhost may well take anonymous pushes).
 */
function registriesWithoutCredentials(login, hasStoredLogin) {
    return login.skipped
        .map(skipped => skipped.registry)
        .filter(registry => !isLoopbackRegistry(registry) && !hasStoredLogin(registry));
}


/***/ })

};

//# sourceMappingURL=258.index.js.map
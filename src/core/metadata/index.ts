/** Public API of the metadata engine: a pure port of docker/metadata-action v6.2.0 with GHCR defaults. */
export {computeMetadata} from './compute.js';
export {splitAnnotation} from './labels.js';
export {commitDateFromPayload, repositoryFromPayload} from './payload.js';
export {metadataOutputEnvironment, metadataOutputs, type MetadataOutputName, type MetadataOutputs} from './outputs.js';
export {ANNOTATION_LEVELS, effectiveSha, metadataNow, metadataSettingsFrom} from './settings.js';
export {DEFAULT_TAG_RULES} from './tag-rules.js';
export type {
  ImageName,
  Metadata,
  MetadataInputs,
  MetadataRequest,
  MetadataSettings,
  RepositoryInfo,
  Version
} from './types.js';

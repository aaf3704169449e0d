/** The step outputs of docker/metadata-action, and their DOCKER_METADATA_OUTPUT_* environment twins. */
import type {Metadata, MetadataInputs} from './types.js';

export type MetadataOutputName = 'version' | 'tags' | 'tag-names' | 'labels' | 'annotations' | 'json';
export type MetadataOutputs = Record<MetadataOutputName, string>;

const NON_WORD = /\W/g;

export function metadataOutputs(
  metadata: Metadata,
  inputs: Pick<MetadataInputs, 'sepTags' | 'sepLabels' | 'sepAnnotations'>
): MetadataOutputs {
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
export function metadataOutputEnvironment(outputs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(outputs).map(([name, value]) => [
      `DOCKER_METADATA_OUTPUT_${name.replace(NON_WORD, '_').toUpperCase()}`,
      value
    ])
  );
}

/** Content digests as registries name manifests and blobs: `sha256:<64 hex>`. Pure. */
import {createHash} from 'node:crypto';

const HEX_64 = '[a-f0-9]{64}';

/** A sha256 digest's hex part inside a larger pattern (artifact names, push output). */
export const SHA256_HEX_PATTERN = HEX_64;

const DIGEST = new RegExp(`^sha256:${HEX_64}$`);

export function isSha256Digest(value: string): boolean {
  return DIGEST.test(value);
}

/** The digest a registry gives this content. */
export function sha256Digest(body: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

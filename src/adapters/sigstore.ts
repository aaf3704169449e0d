/**
 * Signing a provenance statement as actions/attest does, from its building blocks: @actions/attest's SLSA
 * provenance predicate (built from the job's OIDC token claims, checked against the issuer's keys) and
 * @sigstore/sign's DSSE bundle (a Fulcio certificate for the job's OIDC identity, then a Rekor entry or an RFC 3161
 * timestamp). @actions/attest's own attest() cannot be pointed at other Sigstore endpoints, so the bundle is built
 * here with the endpoints core/attestation.ts chose. All of it is loaded on demand: a run that does not attest
 * never loads it.
 */
import {getIDToken} from '@actions/core';
import {INTOTO_PAYLOAD_TYPE, type SigningEndpoints} from '../core/attestation.js';

/** The SLSA v1 provenance predicate of this workflow run; `issuer` overrides GitHub's token issuer. */
export async function provenancePredicate(issuer: string | undefined): Promise<{type: string; params: object}> {
  const {buildSLSAProvenancePredicate} = await import('@actions/attest');
  return buildSLSAProvenancePredicate(issuer);
}

/** A Sigstore bundle (v0.3, DSSE) of the in-toto statement, serialized as JSON. */
export async function signStatement(statement: object, endpoints: SigningEndpoints): Promise<object> {
  const sign = await import('@sigstore/sign');
  const {bundleToJSON} = await import('@sigstore/bundle');
  const timeout = SIGSTORE_TIMEOUT_MS;
  const retry = SIGSTORE_RETRIES;
  const signer = new sign.FulcioSigner({
    identityProvider: {getToken: () => getIDToken('sigstore')},
    fulcioBaseURL: endpoints.fulcioURL,
    timeout,
    retry
  });
  const witnesses: InstanceType<typeof sign.RekorWitness | typeof sign.TSAWitness>[] = [];
  if (endpoints.rekorURL) {
    witnesses.push(new sign.RekorWitness({rekorBaseURL: endpoints.rekorURL, fetchOnConflict: true, timeout, retry}));
  }
  if (endpoints.tsaServerURL) {
    witnesses.push(new sign.TSAWitness({tsaBaseURL: endpoints.tsaServerURL, timeout, retry}));
  }
  const bundle = await new sign.DSSEBundleBuilder({signer, witnesses}).create({
    data: Buffer.from(JSON.stringify(statement)),
    type: INTOTO_PAYLOAD_TYPE
  });
  return bundleToJSON(bundle) as object;
}

/** As actions/attest: 10 s per request to Fulcio, Rekor or the timestamp authority, 3 retries. */
const SIGSTORE_TIMEOUT_MS = 10_000;
const SIGSTORE_RETRIES = 3;

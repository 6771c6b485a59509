import type { SignerRole } from './canonical';

/**
 * A released cable's signature chain as the cable view and `cableroom verify` show it
 * (issue 5; DOMAIN.md rules 23–24). Built in core by verifying every signature against the
 * cable's bytes as stored now.
 */
export type SignatureCheck = Readonly<{
  role: SignerRole;
  /** Directory key of the signer, and the name shown for it. */
  signer: string;
  signerName: string;
  clearance: Readonly<{ for: string; kind: 'CLEAR' | 'INFO' | 'SUBST' }> | null;
  key: string;
  signedAt: string;
  verified: boolean;
  /** Why it does not verify: an unknown key, a key of someone else, a signature that does not match. */
  problem: string | null;
}>;

/**
 * VERIFYING: the app shows a signed cable at once and its chain's verdict when the signatures
 * have been checked (issue 15 item 2); until then the chain is neither verified nor trusted.
 */
export type ChainStatus = 'VERIFIED' | 'TAMPERED' | 'UNSIGNED' | 'VERIFYING';

export type ChainView = Readonly<{
  status: ChainStatus;
  signatures: ReadonlyArray<SignatureCheck>;
  /** Chain-level problems: a missing drafter, clearer or approver signature. */
  problems: ReadonlyArray<string>;
}>;

import { assertNever } from '../../../electron/domain/assertNever';
import type { ChainView, SignatureCheck } from '../../../electron/domain/chain';
import { formatDtg } from '../../../electron/domain/dtg';
import { ShownText } from '../common/ShownText';

/**
 * A released cable's signature chain as verified when it was opened (pure view; DOMAIN.md rules
 * 23–24) — "Verifying signatures…" until main's verdict arrives, never ✓ before it: drafter, each clearer and the approver with their key's fingerprint, the time, and ✓
 * or INVALID with the reason. A chain that does not verify is announced at the top of the cable
 * (`TamperedNotice`); a cable without signatures says it is a historical, unsigned one.
 */

/** Hex fingerprints are long; the first 16 digits in groups of four tell keys apart at a glance. */
export function shortFingerprint(key: string): string {
  return (
    key
      .slice(0, 16)
      .match(/.{1,4}/g)
      ?.join(' ') ?? key
  );
}

function roleWords(s: SignatureCheck): string {
  switch (s.role) {
    case 'DRAFTER':
      return 'Drafted';
    case 'APPROVER':
      return 'Approved and released';
    case 'CLEARER': {
      const kind = s.clearance?.kind;
      const words = kind === 'INFO' ? 'Informed' : kind === 'SUBST' ? 'Cleared in substance' : 'Cleared';
      // A person's clearance is the signer's own; an office's names the office ("office:SECSTATE WASHDC/EUR").
      const office = s.clearance?.for.startsWith('office:') ? s.clearance.for.slice('office:'.length) : null;
      return office ? `${words} for ${office}` : words;
    }
    default:
      return assertNever(s.role, 'signer role');
  }
}

/**
 * The red notice at the top of a cable whose chain does not verify: it changed after release.
 * While the verdict is pending (issue 15 item 2) the same place says the signatures are being
 * checked, so the notice that may follow appears where the reader already looks.
 */
export function TamperedNotice({ chain }: { chain: ChainView | null }) {
  if (chain?.status === 'VERIFYING') {
    return (
      <p className="verifying-notice muted" role="status" data-testid="verifying-notice">
        Verifying signatures… Do not act on this cable until its signature chain is verified.
      </p>
    );
  }
  if (chain?.status !== 'TAMPERED') return null;
  const invalid = chain.signatures.filter((s) => !s.verified).length;
  return (
    <div className="tampered-notice" role="alert" data-testid="tampered-notice">
      <p className="tampered-notice__title">TAMPERED — this cable changed after release</p>
      <p className="tampered-notice__detail">
        {invalid > 0
          ? `${invalid} of ${chain.signatures.length} signature${chain.signatures.length === 1 ? '' : 's'} no longer match what is stored (rules 23–24).`
          : 'The signature chain is incomplete (rules 23–24).'}{' '}
        Do not act on it; report it to the originator.
      </p>
    </div>
  );
}

export function SignatureChainSection({ chain }: { chain: ChainView | null }) {
  if (chain === null || chain.status === 'UNSIGNED') {
    return (
      <section
        className="signature-chain signature-chain--unsigned"
        aria-label="Signature chain"
        data-testid="signature-chain"
        data-status="UNSIGNED"
      >
        <p className="signature-chain__summary muted">Historical cable — unsigned</p>
      </section>
    );
  }
  if (chain.status === 'VERIFYING') {
    return (
      <section
        className="signature-chain signature-chain--verifying"
        aria-labelledby="signature-chain-title"
        aria-busy={chain.problems.length === 0}
        data-testid="signature-chain"
        data-status="VERIFYING"
      >
        <h2 className="signature-chain__title" id="signature-chain-title">
          Signature chain
        </h2>
        <p className="signature-chain__summary" data-testid="signature-summary" role="status">
          Verifying signatures…
        </p>
        <ChainProblems problems={chain.problems} />
      </section>
    );
  }
  const verified = chain.signatures.filter((s) => s.verified).length;
  const total = chain.signatures.length;
  return (
    <section
      className={`signature-chain signature-chain--${chain.status.toLowerCase()}`}
      aria-labelledby="signature-chain-title"
      data-testid="signature-chain"
      data-status={chain.status}
    >
      <h2 className="signature-chain__title" id="signature-chain-title">
        Signature chain
      </h2>
      <p className="signature-chain__summary" data-testid="signature-summary">
        {chain.status === 'VERIFIED'
          ? `Verified: ${verified} of ${total} signature${total === 1 ? '' : 's'} verified.`
          : `Does not verify: ${verified} of ${total} signature${total === 1 ? '' : 's'} verified.`}
      </p>
      <ol className="signature-chain__list">
        {chain.signatures.map((s, i) => (
          <li
            key={`${i}-${s.role}-${s.signer}`}
            className={`signature${s.verified ? '' : ' signature--invalid'}`}
            data-testid="signature-check"
            data-role={s.role}
            data-verified={s.verified ? 'true' : 'false'}
          >
            <span className="signature__mark" aria-hidden="true">
              {s.verified ? '✓' : '✗'}
            </span>
            <span className="signature__who">
              <span className="signature__name">
                <ShownText text={s.signerName} />
              </span>
              <span className="signature__role muted">
                <ShownText text={roleWords(s)} />
              </span>
            </span>
            <span className="signature__key mono" title={`Key fingerprint ${s.key}`}>
              key {shortFingerprint(s.key)}
            </span>
            <time className="signature__time mono" dateTime={s.signedAt} title={s.signedAt}>
              {formatDtg(new Date(s.signedAt))}
            </time>
            <span className={`signature__verdict${s.verified ? '' : ' signature__verdict--invalid'}`}>
              {s.verified ? 'verified' : 'INVALID'}
              {s.problem !== null && (
                <>
                  : <ShownText text={s.problem} />
                </>
              )}
            </span>
          </li>
        ))}
      </ol>
      <ChainProblems problems={chain.problems} />
    </section>
  );
}

/** What is wrong with the chain as a whole (rules 23–24), each problem shown as stored. */
function ChainProblems({ problems }: { problems: ReadonlyArray<string> }) {
  if (problems.length === 0) return null;
  return (
    <ul className="signature-chain__problems" data-testid="chain-problems">
      {problems.map((p, i) => (
        <li key={i}>
          <ShownText text={p} />
        </li>
      ))}
    </ul>
  );
}

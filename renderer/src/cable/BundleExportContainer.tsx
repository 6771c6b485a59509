import { useEffect, useRef, useState } from 'react';
import type { CableroomClient } from '../common/api';
import { BundleExportDialog } from './BundleExportDialog';
import { saveTextFile } from '../common/download';
import type { ViewMarking } from '../common/viewMarking';
import { useFailure } from '../common/session';
import { Working } from '../common/SlowWork';
import { useMounted } from '../common/useMounted';

/** What the saved file says it is (main only lets a blob of the app's own page through its Save dialog). */
const BUNDLE_MEDIA_TYPE = 'application/vnd.cableroom.bundle';

type DialogState = Readonly<{ passphrase: string; pending: boolean; error: string | null }>;

const CLOSED = null;
const OPENED: DialogState = { passphrase: '', pending: false, error: null };

/**
 * "Export signed bundle…" on a released, signed cable (issue 6): asks for the passphrase, has main
 * write and sign the bundle (`exportBundle`: only cables the user may see, audited EXPORT), and
 * saves it as `<filename>` through download.ts. WRONG_PASSPHRASE keeps the dialog open; other
 * refusals (ACCESS_DENIED, "carries no signatures") are shown in it word for word.
 */
export function BundleExportContainer(props: {
  client: CableroomClient;
  cableId: number;
  cableRef: string;
  marking: ViewMarking;
  /** True while another action on the cable runs. */
  disabled: boolean;
  /** Told once the file was handed to the Save dialog, with words for the cable's notice line. */
  onExported(notice: string): void;
}) {
  const { client, cableId, onExported } = props;
  const failure = useFailure();
  const [dialog, setDialog] = useState<DialogState | null>(CLOSED);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const live = useMounted();

  // When the modal closes, the keyboard goes back to the button that opened it.
  const open = dialog !== null;
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open && wasOpen.current) buttonRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const close = () => {
    if (!dialog?.pending) setDialog(CLOSED);
  };

  const submit = () => {
    if (!dialog || dialog.pending) return;
    if (dialog.passphrase === '') {
      setDialog({ ...dialog, error: 'Type your passphrase: the bundle is signed with your key.' });
      return;
    }
    setDialog({ ...dialog, pending: true, error: null });
    client.exportBundle([cableId], dialog.passphrase).then(
      (bundle) => {
        if (!live.current) return;
        saveTextFile(bundle.filename, BUNDLE_MEDIA_TYPE, bundle.text);
        setDialog(CLOSED);
        onExported(
          `Saved ${bundle.filename}: ${bundle.summary.refs.join(', ')} signed by you; the export is recorded in the audit trail.`,
        );
      },
      (e: unknown) => {
        if (!live.current) return;
        const err = failure(e);
        if (err === null) return;
        // A wrong passphrase empties the field for another try; main's words say what happened.
        setDialog((d) =>
          d
            ? { passphrase: err.code === 'WRONG_PASSPHRASE' ? '' : d.passphrase, pending: false, error: err.message }
            : d,
        );
      },
    );
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        disabled={props.disabled || open}
        onClick={() => setDialog(OPENED)}
        aria-haspopup="dialog"
        data-testid="export-bundle"
      >
        {dialog?.pending ? <Working words="Signing…" /> : 'Export signed bundle…'}
      </button>
      {dialog !== null && (
        <BundleExportDialog
          cableRef={props.cableRef}
          marking={props.marking}
          passphrase={dialog.passphrase}
          pending={dialog.pending}
          error={dialog.error}
          onPassphraseChange={(passphrase) => setDialog((d) => (d ? { ...d, passphrase, error: null } : d))}
          onSubmit={submit}
          onClose={close}
        />
      )}
    </>
  );
}

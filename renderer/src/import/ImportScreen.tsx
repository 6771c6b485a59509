import { UNCLASSIFIED_MARKING } from '../common/viewMarking';
import { BundleImportPanel, type BundleImportPanelProps } from './BundleImportPanel';
import { ImportFrusPanel, type ImportFrusPanelProps } from './ImportFrusPanel';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';

/**
 * The Import screen (pure view; issue 6): FRUS telegrams from TEI files for instructors and admins,
 * and signed bundles for everyone. It shows file names, refs and main's reasons, never cable
 * text, so like the audit trail it is UNCLASSIFIED and carries that banner (DOMAIN.md rule 25); a
 * bundle's own classification is shown as a chip next to it.
 */
export type ImportScreenProps = Readonly<{
  chrome: WorkspaceChrome;
  /** Null for officers and trainees: main refuses FRUS imports to anyone but instructors and admins. */
  frus: ImportFrusPanelProps | null;
  bundle: BundleImportPanelProps;
}>;

export function ImportScreen(props: ImportScreenProps) {
  return (
    <WorkspaceFrame chrome={props.chrome} marking={UNCLASSIFIED_MARKING} testId="screen-import">
      <main className="admin-page import-page">
        <header className="admin-page__header">
          <h2 className="admin-page__title">Import</h2>
          <p className="admin-page__lede muted">
            {props.frus
              ? 'Historical telegrams from FRUS, and signed bundles of released cables from another Cableroom.'
              : 'Signed bundles of released cables from another Cableroom.'}{' '}
            Every import is recorded in the audit trail.
          </p>
        </header>
        {props.frus && <ImportFrusPanel {...props.frus} />}
        <BundleImportPanel {...props.bundle} />
      </main>
    </WorkspaceFrame>
  );
}

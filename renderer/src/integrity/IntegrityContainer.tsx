import type { IntegrityFailure } from '../../../electron/domain/integrity';
import type { CableroomClient } from '../common/api';
import type { WorkspaceChrome } from '../common/WorkspaceFrame';
import { IntegrityScreen } from './IntegrityScreen';
import { useIntegrityCheck } from './useIntegrityCheck';

/**
 * Wires the Integrity screen (issue 15 item 3) to `startIntegrityCheck`, `integrityStatus` and
 * `cancelIntegrityCheck`.
 * Who may run it is main's decision (instructors and admins; a refusal is shown as it comes).
 */
export function IntegrityContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  onOpenCable(failure: IntegrityFailure): void;
}) {
  const check = useIntegrityCheck(props.client, props.chrome.user.login);
  return (
    <IntegrityScreen
      chrome={props.chrome}
      state={check.state}
      onStart={check.start}
      onResume={check.resume}
      onCancel={check.cancel}
      onOpenCable={props.onOpenCable}
    />
  );
}

import { useState } from 'react';
import type { CableroomClient } from '../common/api';
import { describeError } from '../common/errorText';
import { useFailure } from '../common/session';
import type { WorkspaceChrome } from '../common/WorkspaceFrame';
import { ClassroomScreen } from './ClassroomScreen';
import type { ClassroomState } from './useClassroom';

/** The Classroom screen's container (issue 11): joins and connects through main. */
export function ClassroomContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  classroom: ClassroomState;
}) {
  const { client, classroom } = props;
  const failure = useFailure();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = (run: () => Promise<unknown>): void => {
    setPending(true);
    setError(null);
    run()
      .catch((e: unknown) => {
        const f = failure(e);
        if (f) setError(describeError(f));
      })
      .finally(() => {
        setPending(false);
        classroom.refresh();
      });
  };
  return (
    <ClassroomScreen
      chrome={props.chrome}
      view={classroom.view}
      pending={pending}
      error={error}
      onJoin={(request) => act(() => client.classroomJoin(request))}
      onConnect={(passphrase) => act(() => client.classroomConnect({ passphrase }))}
    />
  );
}

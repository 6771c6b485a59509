import type { ClassroomView } from '../../../electron/contract/classroom';

/** The indicator's words (issue 11 item 3): "online", "offline · 3 queued", "connecting…". */
export function indicatorWords(view: ClassroomView): string {
  const queued = view.queued > 0 ? ` · ${view.queued} queued` : '';
  switch (view.state) {
    case 'online':
      return `Classroom online${queued}`;
    case 'connecting':
      return `Classroom connecting…${queued}`;
    case 'offline':
      return `Classroom offline${queued}`;
    case 'stopped':
      return `Classroom not connected${queued}`;
    case 'not-joined':
      return 'Classroom';
  }
}

/** The indicator's tone: green online, amber on the way or queued, grey otherwise. */
export function indicatorTone(view: ClassroomView): 'online' | 'pending' | 'offline' | 'none' {
  if (view.state === 'not-joined') return 'none';
  if (view.state === 'online') return view.queued > 0 ? 'pending' : 'online';
  if (view.state === 'connecting') return 'pending';
  return 'offline';
}

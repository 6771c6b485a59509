/** The page function through which the harness hands a push event to the bridge (issue 14 item 1). */
export const PUSH_DISPATCH = '__cableroomDispatchPush';

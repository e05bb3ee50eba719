export { Poller, MAX_POLLS_PER_WAIT, type WaitOptions } from './poller.js';
export type { PollClient } from './access.js';
export { OperationFailedError } from './errors.js';
export { POLLER_STATE_TYPE, type PollerState } from './state.js';
export type { LongRunningSpec } from './spec.js';
export { FAILURE_WORDS, operationOutcome, STATUS_FIELDS, statusWord, SUCCESS_WORDS, type OperationOutcome } from './terminal.js';
export { finalResultLink, initialLinks, RESULT_LINK_FIELDS } from './links.js';
export { DEFAULT_MAX_WAIT, POLL_INITIAL_DELAY, POLL_MAX_DELAY, pollDelay, type PollPacing } from './pacing.js';

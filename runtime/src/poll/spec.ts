/** What a generated descriptor says about a long-running operation (`OperationDescriptor.longRunning`). */
export interface LongRunningSpec {
  /**
   * How `cancel()` reaches the server: the spec's cancel operation for the status resource, as a
   * method and a suffix of the status URL (`{ method: 'POST', suffix: ':cancel' }`).
   * @default `DELETE` on the status URL
   */
  readonly cancel?: { readonly method: 'DELETE' | 'POST'; readonly suffix?: string };
}

/** Exhaustiveness guard for `switch` statements over closed unions (STYLE.md §9). */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

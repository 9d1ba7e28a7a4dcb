/** A mistake in how a command was called: reported with a hint to --help, exit code 2. */
export class UsageError extends Error {}

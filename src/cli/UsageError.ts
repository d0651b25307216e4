/** A user error the CLI reports in one line with exit code 2 (bad flag, unknown scene, bad file). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

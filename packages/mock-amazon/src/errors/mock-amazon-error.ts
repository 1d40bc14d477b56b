/**
 * Stable codes of the errors the mock itself throws (as opposed to the HTTP errors it answers with).
 *
 * @example
 * ```ts
 * if (error instanceof MockAmazonError && error.code === 'UNKNOWN_USER') { ... }
 * ```
 */
export type MockAmazonErrorCode =
  | 'UNHANDLED_REQUEST'
  | 'SIGN_IN_FAILED'
  | 'UNKNOWN_USER'
  | 'UNKNOWN_SCENARIO'
  | 'INVALID_OPTION'
  | 'SERVER_UNREACHABLE';

/**
 * Base class of every error the mock throws, with a stable `code`.
 *
 * @example
 * ```ts
 * try { await amazon.signIn(url, { password: 'nope' }); }
 * catch (error) { if (error instanceof MockAmazonError) console.log(error.code); }
 * ```
 */
export class MockAmazonError extends Error {
  override name = 'MockAmazonError';
  readonly code: MockAmazonErrorCode;
  constructor(code: MockAmazonErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

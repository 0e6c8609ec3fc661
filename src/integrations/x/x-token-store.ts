/**
 * @module Where renewed X OAuth 2.0 tokens are kept. X rotates the refresh token on every renewal, so the
 * new pair must outlive the process; it is a secret, so it lives outside the vault (see
 * `createFileXTokenStore`).
 */

export interface XTokens {
  accessToken: string;
  refreshToken: string | undefined;
  /** ISO 8601; undefined when X did not say how long the token lives. */
  expiresAt: string | undefined;
  /**
   * SHA-256 of the `X_ACCESS_TOKEN` these tokens descend from. When a person puts a new token in the
   * environment, the stored (older) chain no longer applies.
   */
  origin: string;
}

export interface XTokenStore {
  read(): Promise<XTokens | undefined>;
  write(tokens: XTokens): Promise<void>;
}

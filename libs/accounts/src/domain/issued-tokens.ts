/** The body of a successful POST /login: exactly these two keys, as in the reference. */
export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
}

/** POST /refresh: `{access_token}`, plus `refresh_token` when the client asked for rotation. */
export interface RefreshedTokens {
  access_token: string;
  refresh_token?: string;
}

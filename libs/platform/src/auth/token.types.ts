export type TokenType = 'access' | 'refresh';

/** Claims as flask-jwt-extended 3.x writes them, so tokens look the same to clients. */
export interface TokenClaims {
  identity: number;
  type: TokenType;
  fresh: boolean;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
  /** Session id (accounts issue); absent on tokens that belong to no session. */
  sid?: string;
}

/** Who is calling, as the guards put it on the request. */
export interface AuthenticatedUser {
  id: number;
  tokenId: string;
  sessionId?: string;
}

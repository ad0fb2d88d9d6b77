// Owns the admin guard's RPC contract, as the `ADMIN_GUARD` binding is typed (the class implements it).

export interface LoginAttempt {
  /** The client IP (`cf-connecting-ip`), or `unknown`. */
  ip: string;
  user: string;
}

export interface AdminGuardRpc extends Rpc.DurableObjectBranded {
  /** Milliseconds before this IP or user name may try again; 0 = now. */
  loginWait(input: LoginAttempt): number;
  /** Records a failed login; the wait it now imposes. */
  loginFailed(input: LoginAttempt): Promise<number>;
  loginSucceeded(input: LoginAttempt): Promise<void>;
  /** Revokes an admin token id until the token would have expired. */
  revoke(input: { id: string; expiresAt: number }): Promise<void>;
  isRevoked(id: string): boolean;
}

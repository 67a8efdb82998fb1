// Signing in through an OpenID Connect provider (an organisation's single sign-on) with the
// openid-client library: authorisation code flow with PKCE, state and nonce. The provider proves
// who someone is; what they may do still comes from their account here, which an administrator
// creates (single sign-on never creates accounts or grants roles).
import type * as OpenidClient from 'openid-client';
import { findUserByOidc, findUserCredentials, markSignedIn, recordAudit, updateUser, inTransaction, type Db, type User } from '../../db/repositories/index.ts';
import { startSession, type NewSession, type SessionPolicy } from './sessions.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This service's callback, as registered with the provider: https://…/sign-in/oidc/callback */
  redirectUri: string;
  /** How the sign-in page names the provider. */
  displayName: string;
}

/** What must survive the round trip to the provider (kept in a signed, short-lived cookie). */
export interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export interface ProvenIdentity {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified: boolean;
}

// Loaded on first use: most starts have no single sign-on configured, and the package with its JOSE
// library is ~0.02 s of a start's CPU.
let loaded: Promise<typeof OpenidClient> | undefined;
const openidClient = () => (loaded ??= import('openid-client'));

const isLocal = (url: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);

export class OidcClient {
  private configuration?: Promise<OpenidClient.Configuration>;

  constructor(readonly settings: OidcSettings) {}

  private config(): Promise<OpenidClient.Configuration> {
    this.configuration ??= openidClient()
      .then((client) =>
        client.discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined, {
          // Plain HTTP only for a provider on this machine (development and tests); never in production.
          ...(isLocal(this.settings.issuer) ? { execute: [client.allowInsecureRequests] } : {}),
        }),
      )
      .catch((e: unknown) => {
        this.configuration = undefined; // try discovery again next time
        throw e;
      });
    return this.configuration;
  }

  async start(returnTo: string): Promise<{ url: URL; pending: PendingSignIn }> {
    const [config, client] = await Promise.all([this.config(), openidClient()]);
    const pending = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce(), returnTo };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email',
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Exchanges the code the provider sent back; throws if anything about the response is wrong. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<ProvenIdentity> {
    const [config, client] = await Promise.all([this.config(), openidClient()]);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
    const claims = tokens.claims();
    if (!claims) throw new Error('The provider returned no ID token');
    return {
      issuer: claims.iss,
      subject: claims.sub,
      ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
      emailVerified: claims.email_verified === true,
    };
  }
}

export type OidcSignInResult = { outcome: 'signed-in'; user: User; session: NewSession } | { outcome: 'refused'; reason: string };

/**
 * Matches a proven identity to an account: by the provider's subject once linked, or the first
 * time by a verified email address that an administrator has given an account.
 */
export async function signInWithOidc(db: Db, identity: ProvenIdentity, now: Date, policy?: SessionPolicy): Promise<OidcSignInResult> {
  let user = await findUserByOidc(db, identity.issuer, identity.subject);
  let linked = false;
  if (!user && identity.email && identity.emailVerified) {
    const found = (await findUserCredentials(db, identity.email))?.user;
    if (found && !found.oidcSubject) {
      user = found;
      linked = true;
    }
  }
  if (!user) return { outcome: 'refused', reason: 'There is no account for you here yet. Ask an administrator to add one with your work email address.' };
  if (!user.active) return { outcome: 'refused', reason: 'Your account is disabled. Ask an administrator.' };
  const account = user;
  return inTransaction(db, async (trx) => {
    if (linked) {
      await updateUser(trx, account.id, { oidcIssuer: identity.issuer, oidcSubject: identity.subject });
      await recordAudit(trx, { actor: `user:${account.id}`, action: 'user.single-sign-on-linked', entity: 'user', entityId: account.id, after: { issuer: identity.issuer, subject: identity.subject } });
    }
    await markSignedIn(trx, account.id);
    await recordAudit(trx, { actor: `user:${account.id}`, action: 'user.signed-in', entity: 'user', entityId: account.id, after: { method: 'openid-connect', issuer: identity.issuer } });
    return { outcome: 'signed-in' as const, user: account, session: await startSession(trx, account.id, now, policy) };
  });
}

// Signed-in requests for HTTP tests: accounts made through the real services and sessions started
// the way sign-in starts them, so every test exercises the same cookie, session and CSRF path.
import type { Db } from '../../src/db/repositories/index.ts';
import { findOrganisationByName, setInspectionMember } from '../../src/db/repositories/index.ts';
import type { MemberRole, Role } from '../../src/domain/access/permissions.ts';
import { startSession } from '../../src/services/identity/sessions.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { SESSION_COOKIE } from '../../src/http/auth.ts';

export interface TestSession {
  userId: number;
  cookie: string;
  csrfToken: string;
}

let counter = 0;

export async function signedIn(
  db: Db,
  role: Role,
  options: { service?: string; region?: string; inspection?: { id: number; as: MemberRole } } = {},
): Promise<TestSession> {
  // A PDU's staff by the PDU's name, or a probation region's staff by the region's.
  const organisation = options.service ? await findOrganisationByName(db, 'pdu', options.service) : options.region ? await findOrganisationByName(db, 'region', options.region) : undefined;
  const user = await createAccount(
    db,
    { email: `${role}-${++counter}-${process.pid}@test.local`, displayName: `Test ${role} ${counter}`, role, organisationId: organisation?.id ?? null },
    'test',
  );
  if (options.inspection) await setInspectionMember(db, options.inspection.id, user.id, options.inspection.as);
  const session = await startSession(db, user.id, new Date());
  return { userId: user.id, cookie: `${SESSION_COOKIE}=${session.token}`, csrfToken: session.csrfToken };
}

/** A form POST as the browser sends it: same origin, urlencoded, with the CSRF token. */
export function formPost(session: TestSession | undefined, fields: Record<string, string>, origin = 'http://localhost'): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...(session ? { cookie: session.cookie } : {}) },
    body: new URLSearchParams({ ...(session ? { _csrf: session.csrfToken } : {}), ...fields }).toString(),
  };
}

// Demonstration accounts, one for each role, created only on the embedded database (never on a
// PostgreSQL server) so a new user can try every part of the product at once.
import { findOrganisationByName, findUserCredentials, listUsers, recordAudit, setInspectionMember, type Db } from '../../db/repositories/index.ts';
import type { MemberRole } from '../../domain/access/permissions.ts';
import type { DemoAssessor, DemoTeam } from '../../demo/fieldwork-progress.ts';
import { hashPassword } from './passwords.ts';
import { createAccount } from './users.ts';

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: 'administrator' | 'programme-manager' | 'analyst' | 'lead-inspector' | 'inspector' | 'service-staff' | 'sfo-lead' | 'sfo-inspector';
  service?: string;
  /** Staff of a probation region (the SFO feedback on its reviews), by the region's name. */
  region?: string;
  /** Their part in the SFO review QA demonstration. */
  sfoPart?: 'lead' | 'inspector' | 'inspector2' | 'region';
  demoInspectionRole?: MemberRole;
  /** Their part in the demonstration team, whose work the demonstration data holds. */
  teamPart?: DemoAssessor;
}

// Known passwords are acceptable only because these accounts exist only on a local embedded database.
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@demo.inspectorate.local', password: 'demo-administrator', displayName: 'Alex Admin (demo)', role: 'administrator' },
  { email: 'programme@demo.inspectorate.local', password: 'demo-programme-manager', displayName: 'Priya Planner (demo)', role: 'programme-manager' },
  { email: 'analyst@demo.inspectorate.local', password: 'demo-analyst-account', displayName: 'Ade Analyst (demo)', role: 'analyst' },
  { email: 'lead@demo.inspectorate.local', password: 'demo-lead-inspector', displayName: 'Lee Lead (demo)', role: 'lead-inspector', demoInspectionRole: 'lead-inspector', teamPart: 'lead' },
  { email: 'inspector@demo.inspectorate.local', password: 'demo-inspector-one', displayName: 'Isla Inspector (demo)', role: 'inspector', demoInspectionRole: 'inspector', teamPart: 'inspector' },
  { email: 'inspector2@demo.inspectorate.local', password: 'demo-inspector-two', displayName: 'Ivo Inspector (demo)', role: 'inspector', demoInspectionRole: 'inspector', teamPart: 'inspector2' },
  { email: 'leeds@demo.inspectorate.local', password: 'demo-service-leeds', displayName: 'Sam Service, Leeds PDU (demo)', role: 'service-staff', service: 'Leeds' },
  { email: 'sheffield@demo.inspectorate.local', password: 'demo-service-sheffield', displayName: 'Sasha Service, Sheffield PDU (demo)', role: 'service-staff', service: 'Sheffield' },
  { email: 'sfo-lead@demo.inspectorate.local', password: 'demo-sfo-lead', displayName: 'Sol SFO Lead (demo)', role: 'sfo-lead', sfoPart: 'lead' },
  { email: 'sfo-inspector@demo.inspectorate.local', password: 'demo-sfo-inspector-one', displayName: 'Suki SFO Inspector (demo)', role: 'sfo-inspector', sfoPart: 'inspector' },
  { email: 'sfo-inspector2@demo.inspectorate.local', password: 'demo-sfo-inspector-two', displayName: 'Seb SFO Inspector (demo)', role: 'sfo-inspector', sfoPart: 'inspector2' },
  { email: 'yorkshire@demo.inspectorate.local', password: 'demo-region-yorkshire', displayName: 'Yan Region, Yorkshire and the Humber (demo)', role: 'service-staff', region: 'Yorkshire and the Humber', sfoPart: 'region' },
];

/** Creates any demo account that is missing; returns the accounts (with passwords) to print. */
export async function ensureDemoUsers(db: Db, demoInspectionId: number | undefined, actor = 'system:demo'): Promise<DemoAccount[]> {
  const missing = await missingDemoAccounts(db);
  // scrypt runs on libuv's threads: hashed together they take every core, where one after another took one.
  const hashes = await Promise.all(missing.map((a) => hashPassword(a.password)));
  for (const [i, account] of missing.entries()) {
    const organisation = account.service ? await findOrganisationByName(db, 'pdu', account.service) : account.region ? await findOrganisationByName(db, 'region', account.region) : undefined;
    const user = await createAccount(
      db,
      { email: account.email, displayName: account.displayName, role: account.role, organisationId: organisation?.id ?? null, password: account.password },
      actor,
      { isDemo: true, passwordHash: hashes[i]! },
    );
    if (demoInspectionId !== undefined && account.demoInspectionRole) {
      await setInspectionMember(db, demoInspectionId, user.id, account.demoInspectionRole);
      await recordAudit(db, { actor, action: 'inspection.member-added', entity: 'inspection', entityId: demoInspectionId, inspectionId: demoInspectionId, after: { userId: user.id, role: account.demoInspectionRole } });
    }
  }
  return DEMO_ACCOUNTS;
}

/** The demonstration accounts not in the database (one query: a start checks them every time). */
export async function missingDemoAccounts(db: Db): Promise<DemoAccount[]> {
  const emails = new Set((await listUsers(db)).map((u) => u.email.toLowerCase()));
  return DEMO_ACCOUNTS.filter((a) => !emails.has(a.email.toLowerCase()));
}

/** The demonstration team's user ids by their part, once their accounts exist. */
export async function demoTeam(db: Db): Promise<DemoTeam | undefined> {
  const team: Partial<DemoTeam> = {};
  for (const account of DEMO_ACCOUNTS.filter((a) => a.teamPart)) {
    const found = await findUserCredentials(db, account.email);
    if (!found) return undefined;
    team[account.teamPart!] = found.user.id;
  }
  return team as DemoTeam;
}

/** The demonstration service staff's user ids, by the name of their PDU. */
export async function demoServiceStaff(db: Db): Promise<Map<string, number>> {
  const staff = new Map<string, number>();
  for (const account of DEMO_ACCOUNTS.filter((a) => a.service)) {
    const found = await findUserCredentials(db, account.email);
    if (found) staff.set(account.service!, found.user.id);
  }
  return staff;
}

/** The SFO review QA demonstration's people by their part, once their accounts exist. */
export async function demoSfoPeople(db: Db): Promise<{ lead: number; inspectors: [number, number]; regionStaff?: { userId: number; regionId: number } } | undefined> {
  const found = new Map<string, { id: number; organisationId: number | null }>();
  for (const account of DEMO_ACCOUNTS.filter((a) => a.sfoPart)) {
    const user = (await findUserCredentials(db, account.email))?.user;
    if (user) found.set(account.sfoPart!, { id: user.id, organisationId: user.organisationId });
  }
  const lead = found.get('lead');
  const one = found.get('inspector');
  const two = found.get('inspector2');
  const region = found.get('region');
  if (!lead || !one || !two) return undefined;
  return { lead: lead.id, inspectors: [one.id, two.id], ...(region?.organisationId ? { regionStaff: { userId: region.id, regionId: region.organisationId } } : {}) };
}

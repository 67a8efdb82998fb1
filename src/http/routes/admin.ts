// Administration: accounts and their roles, and the outbox of emails and texts. Administrators only.
import { Hono } from 'hono';
import { z } from 'zod';
import { LocalEmailOutbox } from '../../adapters/email/local-outbox.ts';
import { LocalOutboxSender } from '../../adapters/sms/local-outbox.ts';
import type { Db } from '../../db/repositories/index.ts';
import { canManageUsers, ROLE_NAMES, ROLES } from '../../domain/access/permissions.ts';
import { AppError } from '../../services/errors.ts';
import { emailOutbox, type EmbargoMail } from '../../services/embargo-mail.ts';
import { accountOf, changeRole, createAccount, listAccounts, setAccountActive } from '../../services/identity/users.ts';
import { currentChoice, frameworkChoices } from '../../services/inspection-booking.ts';
import { organisationsOfKind } from '../../services/organisations.ts';
import type { SurveyMessaging } from '../../services/survey/messaging.ts';
import { textOutboxCounts } from '../../services/survey/outbox.ts';
import { requirePermission, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { govukDateTime } from '../../presenters/govuk-dates.ts';
import { withFlash } from '../flash.ts';
import { fieldErrors, formErrors } from '../form-errors.ts';
import { idParam } from '../params.ts';
import { escapeHtml, page } from '../render.ts';

const NewUserForm = z.object({
  displayName: z.string().trim().min(1, 'Enter the person’s name'),
  email: z.string().trim().email('Enter an email address in the correct format, like name@example.com'),
  role: z.enum(ROLES, { message: 'Select a role' }),
  organisationId: z.string().optional(),
  password: z.string().min(12, 'Enter a password of at least 12 characters'),
});

const when = (d: Date | string) => govukDateTime(d);
/** An email's text for the page: lines kept, and its links followable (the local outbox is for trying the product). */
const linked = (body: string) => escapeHtml(body).replace(/https?:\/\/[^\s<]+/g, (url) => `<a class="govuk-link" href="${url}">${url}</a>`).replace(/\n/g, '<br>');
const statusRows = (counts: Record<string, number>) => Object.entries(counts).map(([status, n]) => [{ text: status.charAt(0).toUpperCase() + status.slice(1) }, { text: String(n), format: 'numeric' }]);

export function adminRoutes(db: Db, outboxes: { sms: SurveyMessaging; mail: EmbargoMail }): Hono<AppEnv> {
  const admin = new Hono<AppEnv>();
  admin.use(async (c, next) => {
    requirePermission(c, canManageUsers);
    await next();
  });

  // The services whose staff may have accounts: the PDUs by name, as before, then the youth justice
  // services named with their kind in the youth framework's words (Leeds is both a PDU and one).
  const serviceItems = async (selected: (id: number) => boolean) => {
    const youth = currentChoice(await frameworkChoices(db), 'youth-service');
    return [
      { value: '', text: 'Not applicable' },
      ...(await organisationsOfKind(db, 'pdu')).map((o) => ({ value: String(o.id), text: o.name, selected: selected(o.id) })),
      ...(youth ? (await organisationsOfKind(db, 'youth-service')).map((o) => ({ value: String(o.id), text: `${o.name} (${youth.organisation})`, selected: selected(o.id) })) : []),
    ];
  };

  admin.get('/users', async (c) => {
    const users = await listAccounts(db);
    const organisations = new Map((await organisationsOfKind(db)).map((o) => [o.id, o.name]));
    return page(c, 'admin-users.njk', {
      title: 'Users',
      activeNav: 'users',
      rows: users.map((u) => [
        { text: u.displayName },
        { text: u.email },
        { text: ROLE_NAMES[u.role] + (u.organisationId ? `, ${organisations.get(u.organisationId) ?? ''}` : '') },
        { text: u.active ? 'Active' : 'Disabled' },
        { text: u.lastSignedInAt ? govukDateTime(u.lastSignedInAt) : 'Never' },
        { html: `<a class="govuk-link" href="/admin/users/${u.id}">Manage<span class="govuk-visually-hidden"> ${escapeHtml(u.displayName)}</span></a>` },
      ]),
    });
  });

  const newUserPage = async (c: Parameters<typeof page>[0], values: Record<string, unknown>, errors: { href: string; text: string }[] = []) =>
    page(
      c,
      'admin-user-new.njk',
      {
        title: errors.length ? 'Error: Add a user' : 'Add a user',
        activeNav: 'users',
        values,
        errors,
        fieldErrors: fieldErrors(errors),
        roleItems: ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r], checked: values.role === r })),
        serviceItems: await serviceItems((id) => values.organisationId === String(id)),
      },
      errors.length ? 400 : 200,
    );

  admin.get('/users/new', (c) => newUserPage(c, {}));

  admin.post('/users/new', async (c) => {
    const body = await c.req.parseBody();
    const parsed = NewUserForm.safeParse(body);
    if (!parsed.success) return newUserPage(c, body, formErrors(parsed.error.issues));
    const { organisationId, ...rest } = parsed.data;
    try {
      const user = await createAccount(db, { ...rest, organisationId: organisationId ? Number(organisationId) : null }, actingUser(c));
      return c.redirect(`/admin/users/${user.id}?created=1`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code !== 'not-found') return newUserPage(c, body, [{ href: e.message.includes('service') ? '#organisationId' : '#email', text: e.message }]);
      throw e;
    }
  });

  const userPage = async (c: Parameters<typeof page>[0], error?: { href: string; text: string }) => {
    const user = await accountOf(db, idParam(c));
    if (!user) throw new AppError('not-found', 'There is no such user');
    return page(
      c,
      'admin-user.njk',
      {
        title: `${error ? 'Error: ' : ''}${user.displayName}`,
        activeNav: 'users',
        user,
        roleName: ROLE_NAMES[user.role],
        created: c.req.query('created') === '1',
        errors: error ? [error] : [],
        roleItems: ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r], checked: user.role === r })),
        serviceItems: await serviceItems((id) => user.organisationId === id),
        serviceError: error?.href === '#organisationId' ? { text: error.text } : undefined,
      },
      error ? 400 : 200,
    );
  };

  admin.get('/users/:id', (c) => userPage(c));

  admin.post('/users/:id/role', async (c) => {
    const id = idParam(c);
    const body = await c.req.parseBody();
    const role = ROLES.find((r) => r === body.role);
    if (!role) return userPage(c, { href: '#role', text: 'Select a role' });
    if (id === c.get('session')!.user.id) return userPage(c, { href: '#role', text: 'You cannot change your own role' });
    try {
      await changeRole(db, id, role, body.organisationId ? Number(body.organisationId) : null, actingUser(c));
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid') return userPage(c, { href: '#organisationId', text: e.message });
      throw e;
    }
    return c.redirect(withFlash(`/admin/users/${id}`, 'role-changed'), 303);
  });

  admin.post('/users/:id/active', async (c) => {
    const id = idParam(c);
    const body = await c.req.parseBody();
    if (id === c.get('session')!.user.id) throw new AppError('invalid', 'You cannot disable your own account');
    await setAccountActive(db, id, body.active === 'true', actingUser(c));
    return c.redirect(withFlash(`/admin/users/${id}`, body.active === 'true' ? 'account-enabled' : 'account-disabled'), 303);
  });

  // What the service has sent or will send: the embargoed copy's emails (delivery from the database,
  // never the addresses; with the local outbox, the file's emails too) and the survey's texts.
  admin.get('/outbox', async (c) => {
    const { sms, mail } = outboxes;
    const [{ counts: emailCounts, emails }, textCounts] = await Promise.all([emailOutbox(db, 50), textOutboxCounts(db)]);
    const localEmails = mail.sender instanceof LocalEmailOutbox ? await mail.sender.list(50) : null;
    const localTexts = sms.sender instanceof LocalOutboxSender ? await sms.sender.list(20) : null;
    return page(c, 'admin-outbox.njk', {
      title: 'Outbox',
      activeNav: 'users',
      email: {
        label: mail.sender.label,
        file: mail.sender instanceof LocalEmailOutbox ? mail.sender.file : null,
        countRows: statusRows(emailCounts),
        rows: emails.map((e) => [{ text: e.reference }, { text: e.status }, { text: String(e.attempts), format: 'numeric' }, { text: when(e.createdAt) }, { text: e.sentAt ? when(e.sentAt) : '' }, { text: e.lastError ?? '' }]),
        local: localEmails && { total: localEmails.total, rows: localEmails.entries.map((e) => [{ text: when(e.at) }, { text: e.to }, { text: e.subject }, { html: linked(e.body) }]) },
      },
      texts: {
        label: sms.sender.label,
        file: sms.sender instanceof LocalOutboxSender ? sms.sender.file : null,
        countRows: statusRows(textCounts),
        local: localTexts && { total: localTexts.total, rows: localTexts.entries.map((e) => [{ text: when(e.at) }, { text: e.to }, { text: e.body }, { text: e.reference }]) },
      },
    });
  });

  return admin;
}

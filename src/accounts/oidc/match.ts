/**
 * Which account a verified identity is. Only accounts an administrator created (or invited)
 * log in: first by the stored issuer + subject; on the first log-in by the e-mail claim,
 * which must be verified by the provider (or trusted by configuration), and the subject is
 * stored then. Accounts are created from a group claim only where the configuration declares
 * rules for it (off by default).
 */
import {
  appendAudit,
  createUser,
  findUserByEmail,
  findUserByOidcSubject,
  getOrganisationByName,
  linkOidcSubject,
  oidcLinkOf,
  type Db,
  type User,
} from '../../storage/index.ts';
import type { VerifiedIdentity } from './provider.ts';
import type { GroupRule, OidcSettings } from './settings.ts';

export type MatchResult =
  | { readonly ok: true; readonly user: User }
  | {
      readonly ok: false;
      readonly reason: 'unknown-user';
      /** For the audit entry: why (no account, disabled, e-mail not verified, linked elsewhere). */
      readonly why: string;
      readonly email: string | null;
    };

const emailOf = (settings: OidcSettings, identity: VerifiedIdentity): string | null => {
  const value = identity.claims[settings.userClaim];
  return typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value.trim())
    ? value.trim().toLowerCase()
    : null;
};

const groupsOf = (settings: OidcSettings, identity: VerifiedIdentity): string[] => {
  const value = identity.claims[settings.groupsClaim];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
};

export async function matchUser(
  db: Db,
  settings: OidcSettings,
  identity: VerifiedIdentity,
): Promise<MatchResult> {
  const email = emailOf(settings, identity);
  const refuse = (why: string): MatchResult => ({ ok: false, reason: 'unknown-user', why, email });
  const linked = await findUserByOidcSubject(db, identity.issuer, identity.subject);
  if (linked) return linked.disabledAt ? refuse('disabled') : { ok: true, user: linked };

  if (!email) return refuse('no-email-claim');
  if (!settings.trustUnverifiedEmail && identity.claims.email_verified !== true)
    return refuse('email-not-verified');
  const existing = await findUserByEmail(db, email);
  if (existing) {
    if (existing.disabledAt) return refuse('disabled');
    // An account linked to another subject is someone else's (or a reused address): never merge.
    if (await oidcLinkOf(db, existing.id)) return refuse('linked-to-another-subject');
    if (!(await linkOidcSubject(db, existing.id, identity.issuer, identity.subject)))
      return refuse('linked-to-another-subject');
    await appendAudit(db, {
      actor: existing.email,
      action: 'sso.link',
      subject: `user:${existing.email}`,
      details: { issuer: identity.issuer },
    });
    return { ok: true, user: existing };
  }

  const rule = settings.provision.find((r) => groupsOf(settings, identity).includes(r.group));
  if (!rule) return refuse('no-account');
  return provision(db, identity, email, rule);
}

async function provision(
  db: Db,
  identity: VerifiedIdentity,
  email: string,
  rule: GroupRule,
): Promise<MatchResult> {
  const organisation = rule.organisation ? await getOrganisationByName(db, rule.organisation) : undefined;
  if (rule.organisation && !organisation)
    return { ok: false, reason: 'unknown-user', why: 'provision-organisation-missing', email };
  const user = await createUser(db, { email, role: rule.role, organisationId: organisation?.id ?? null });
  await linkOidcSubject(db, user.id, identity.issuer, identity.subject);
  await appendAudit(db, {
    actor: 'sso',
    action: 'sso.create-user',
    subject: `user:${user.email}`,
    details: { role: rule.role, group: rule.group, organisation: rule.organisation ?? null },
  });
  return { ok: true, user };
}

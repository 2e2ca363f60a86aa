// The facility policy: one machine-wide file written by IT. Defaults follow the CJIS Security
// Policy and NIST SP 800-63B (shared rules in docs/security.md). Bounds let policy tighten a rule,
// never loosen it past what those sources allow.
import { z } from 'zod';
import { Role } from '../domain/roles';

const Url = z.url({ protocol: /^(ldaps?|https?)$/ });

export const DirectoryPolicy = z
  .object({
    kind: z.enum(['openldap', 'active-directory']).default('openldap'),
    /** Tried in order: the first that answers is used (failover). */
    urls: z.array(Url).min(1).max(8),
    /** ldaps: TLS from the first byte; starttls: upgrade an ldap:// connection; plain: no TLS. */
    tls: z.enum(['ldaps', 'starttls', 'plain']).default('ldaps'),
    /** Plain LDAP sends passwords in the clear; it must be asked for by name. */
    allowPlaintext: z.boolean().default(false),
    /** PEM file of the CA that signed the directory's certificate. */
    caFile: z.string().min(1).optional(),
    bindDn: z.string().min(1),
    userBase: z.string().min(1),
    /** `{username}` is replaced by the escaped username (RFC 4515). */
    userFilter: z.string().includes('{username}').default('(&(objectClass=inetOrgPerson)(uid={username}))'),
    /** Where to search for groups when the directory has no memberOf (and AD's nested groups). */
    groupBase: z.string().min(1).optional(),
    /** Directory group DN -> Sallyport role. A user in several mapped groups gets the highest role. */
    groupRoles: z.record(z.string().min(1), Role),
    timeoutMs: z.int().min(500).max(30_000).default(5000),
  })
  .refine((d) => d.tls !== 'plain' || d.allowPlaintext, {
    message: 'plain LDAP sends passwords in the clear: set allowPlaintext to true to accept that',
    path: ['allowPlaintext'],
  })
  .refine((d) => d.urls.every((url) => url.startsWith(d.tls === 'ldaps' ? 'ldaps://' : 'ldap://')), {
    message: 'with tls "ldaps" every URL starts with ldaps://; with "starttls" or "plain", with ldap://',
    path: ['urls'],
  });
export type DirectoryPolicy = z.infer<typeof DirectoryPolicy>;

export const MfaPolicy = z.object({
  digits: z.union([z.literal(6), z.literal(7), z.literal(8)]).default(6),
  /** Steps of clock drift accepted each way (RFC 6238 §6): at most one. */
  driftSteps: z.int().min(0).max(1).default(1),
  enrolmentCodeMinutes: z
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(24 * 60),
});

export const LockoutPolicy = z.object({
  /** CJIS AC-7: at most 5 consecutive invalid attempts. */
  maxAttempts: z.int().min(1).max(5).default(5),
  windowMinutes: z
    .int()
    .min(15)
    .max(24 * 60)
    .default(15),
  release: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('administrator') }),
      z.object({
        mode: z.literal('timed'),
        minutes: z
          .int()
          .min(10)
          .max(24 * 60),
      }),
    ])
    .default({ mode: 'administrator' }),
});

export const SessionPolicy = z
  .object({
    /** CJIS AC-11: lock after at most 30 minutes idle. */
    idleLockMinutes: z.int().min(1).max(30).default(5),
    warningSeconds: z.int().min(0).max(120).default(30),
    /** CJIS IA-11: full re-authentication after at most 12 hours. */
    lifetimeHours: z.int().min(1).max(12).default(12),
    unlockRequiresTotp: z.boolean().default(false),
  })
  .refine((s) => s.warningSeconds < s.idleLockMinutes * 60, {
    message: 'the warning must be shorter than the idle time',
    path: ['warningSeconds'],
  });

export const OfflinePolicy = z.object({
  allowed: z.boolean().default(false),
  /** How long after the last online sign-in an offline sign-in is still accepted. */
  maxHoursSinceOnline: z.int().min(1).max(72).default(12),
});

export const RecordsPolicy = z.object({
  url: z.url({ protocol: /^https?$/ }),
  /** PEM file of the facility CA for https. */
  caFile: z.string().min(1).optional(),
  pollSeconds: z.int().min(1).max(3600).default(30),
  allowPlaintext: z.boolean().default(false),
});

export const RetentionPolicy = z.object({
  visitDays: z.int().min(1).max(3650).default(365),
  releasedInmateDays: z.int().min(1).max(3650).default(90),
});

export const BannerPolicy = z.object({
  title: z.string().min(1).max(120).default('Restricted system'),
  /** CJIS AC-8: restricted, monitored, recorded and audited; misuse penalised; use means consent. */
  text: z
    .string()
    .min(1)
    .max(4000)
    .default(
      'You are accessing a restricted criminal justice information system. Use of this system is ' +
        'monitored, recorded and subject to audit. Unauthorized use is prohibited and may be subject ' +
        'to criminal and civil penalties. By using this system you consent to monitoring and recording.',
    ),
});

/** True for a time zone name this runtime knows (IANA, e.g. America/Chicago). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const Policy = z
  .object({
    facility: z.object({
      id: z.string().min(1).max(64),
      name: z.string().min(1).max(120),
      /**
       * The facility's time zone (IANA, e.g. America/Chicago): every time on screen is shown in
       * it. Unset: the workstation's own, which is the facility's wherever IT set the clock.
       */
      timeZone: z
        .string()
        .refine(isTimeZone, 'facility.timeZone is not a time zone name such as America/Chicago')
        .optional(),
    }),
    workstation: z.object({ name: z.string().min(1).max(64).optional() }).default({}),
    banner: BannerPolicy.default(BannerPolicy.parse({})),
    directory: DirectoryPolicy,
    mfa: MfaPolicy.default(MfaPolicy.parse({})),
    lockout: LockoutPolicy.default(LockoutPolicy.parse({})),
    session: SessionPolicy.default(SessionPolicy.parse({})),
    offline: OfflinePolicy.default(OfflinePolicy.parse({})),
    records: RecordsPolicy.refine((r) => r.url.startsWith('https:') || r.allowPlaintext, {
      message: 'http sends records in the clear: use https, or set allowPlaintext to true',
      path: ['allowPlaintext'],
    }),
    retention: RetentionPolicy.default(RetentionPolicy.parse({})),
    kiosk: z.object({ enabled: z.boolean().default(false) }).default({ enabled: false }),
    permissions: z.object({ notifications: z.boolean().default(false) }).default({ notifications: false }),
  })
  .strict();
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;

// The IPC contract: every channel the renderer may call, named once, with the schema of its
// request and of its reply; and every event main sends to the renderer. The preload, the browser
// host and the router are all generated from this table, so nothing else names a channel.
import { z } from 'zod';
import { Role } from '../domain/roles';
import { InmateDetail, InmateSummary, SyncStatusView } from './records';

const Empty = z.object({}).strict();

export const Officer = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role,
});
export type Officer = z.infer<typeof Officer>;

export const LockReason = z.enum(['idle', 'requested', 'system-lock', 'suspend', 'user-switch']);
export type LockReason = z.infer<typeof LockReason>;

export const SessionView = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('signed-out'),
    bannerAcknowledged: z.boolean(),
    /** Why the last session ended, when it did not end by signing out (shown once on the sign-in screen). */
    ended: z.enum(['lifetime', 'ended-by-administrator']).nullable(),
  }),
  z.object({
    state: z.literal('active'),
    officer: Officer,
    online: z.boolean(),
    since: z.iso.datetime(),
    /** Set during the warning before an idle lock: any input cancels it. */
    locksAt: z.iso.datetime().nullable(),
  }),
  z.object({
    state: z.literal('locked'),
    officer: Officer,
    since: z.iso.datetime(),
    lockedAt: z.iso.datetime(),
    reason: LockReason,
    /** Whether unlocking asks for an authenticator code as well as the password. */
    unlockNeedsCode: z.boolean(),
  }),
]);
export type SessionView = z.infer<typeof SessionView>;

export const AppInfo = z.object({
  product: z.literal('Sallyport'),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  facilityName: z.string(),
  /** The time zone times are shown in: policy facility.timeZone, else the workstation's own. */
  timeZone: z.string(),
  workstation: z.string(),
  banner: z.object({ title: z.string(), text: z.string() }),
  /** Digits of an authenticator code under this policy (6 to 8). */
  totpDigits: z.int().min(6).max(8),
  /** Conditions IT chose that weaken protection (for example plain LDAP): shown on every screen. */
  warnings: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SecondFactorKind = z.enum(['totp', 'recovery', 'enrolment']);
export type SecondFactorKind = z.infer<typeof SecondFactorKind>;

/**
 * Both factors in one request, so a refusal never tells which one was wrong. The second factor is
 * the authenticator code, or one of the user's recovery codes, or, at first sign-in, the one-time
 * enrolment code an administrator issued.
 */
export const SignInRequest = z.object({
  username: z.string().min(1, 'Enter your username.').max(256, 'That username is too long.'),
  // Passwords are never trimmed or truncated (NIST SP 800-63B); the limit only stops abuse.
  password: z.string().max(4096, 'That password is too long.'),
  secondFactor: z.object({
    kind: SecondFactorKind,
    code: z.string().max(64, 'That code is too long.'),
  }),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** What an authenticator app needs to add the account: the otpauth URI (shown as a QR code) and the key to type. */
export const EnrolmentOffer = z.object({
  otpauthUri: z.string(),
  /** The base32 key, grouped in fours for typing. */
  secret: z.string(),
  /** The QR code of the URI: `size` × `size` modules, row by row, '1' dark and '0' light. */
  qr: z.object({ size: z.int().positive(), modules: z.string() }),
  expiresAt: z.iso.datetime(),
});
export type EnrolmentOffer = z.infer<typeof EnrolmentOffer>;

export const SignInResult = z.discriminatedUnion('step', [
  z.object({ step: z.literal('signed-in'), session: SessionView }),
  /** First sign-in: add the account to an authenticator app, then confirm with its first code. */
  z.object({ step: z.literal('enrol'), displayName: z.string(), offer: EnrolmentOffer }),
]);
export type SignInResult = z.infer<typeof SignInResult>;

export const StaffMember = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role.nullable(),
  mfa: z.enum(['none', 'code-issued', 'enrolled']),
  lockedOut: z.boolean(),
  lockedAt: z.iso.datetime().nullable(),
  lastSignInAt: z.iso.datetime().nullable(),
});
export type StaffMember = z.infer<typeof StaffMember>;

const Username = z.object({ username: z.string().min(1).max(256) });

export const channels = {
  'app.info': { request: Empty, reply: AppInfo },
  'session.current': { request: Empty, reply: SessionView },
  'signin.acknowledgeBanner': { request: Empty, reply: z.object({ acknowledgedAt: z.iso.datetime() }) },
  'auth.signIn': { request: SignInRequest, reply: SignInResult },
  /** Finishes a first sign-in: the first code from the authenticator app; answers the recovery codes once. */
  'auth.confirmEnrolment': {
    request: z.object({ code: z.string().max(64) }),
    reply: z.object({ recoveryCodes: z.array(z.string()).length(10), session: SessionView }),
  },
  'auth.cancelSignIn': { request: Empty, reply: SessionView },
  'auth.signOut': { request: Empty, reply: SessionView },
  /** Input at the workstation (throttled by the renderer): keeps an active session from idling. */
  'session.activity': { request: Empty, reply: z.object({ locksAt: z.iso.datetime().nullable() }) },
  'session.lock': { request: Empty, reply: SessionView },
  /** The signed-in officer re-authenticates; failures count toward the lockout. */
  'session.unlock': {
    request: z.object({
      password: z.string().max(4096, 'That password is too long.'),
      code: z.string().max(64, 'That code is too long.'),
    }),
    reply: SessionView,
  },
  /** An administrator ends someone else's locked session after confirming their own credentials. */
  'session.endLocked': { request: SignInRequest, reply: SessionView },
  /** Search the cache by name, booking number or housing unit; works while the initial sync runs. */
  'inmates.search': {
    request: z.object({ query: z.string().max(100, 'Search for at most 100 characters.') }),
    reply: z.object({ hits: z.array(InmateSummary) }),
  },
  /** One inmate's record; every opening is audited (who looked at whom). */
  'inmates.get': { request: z.object({ id: z.string().min(1).max(64) }), reply: InmateDetail },
  'sync.status': { request: Empty, reply: SyncStatusView },
  /** Sync now: after a failure, or to be sure the screen is current. */
  'sync.now': { request: Empty, reply: SyncStatusView },
  'staff.list': { request: Empty, reply: z.object({ staff: z.array(StaffMember) }) },
  /** A one-time code for a user's first sign-in; shown to the administrator once. */
  'staff.issueEnrolmentCode': {
    request: Username,
    reply: z.object({ username: z.string(), code: z.string(), expiresAt: z.iso.datetime() }),
  },
  'staff.resetMfa': { request: Username, reply: StaffMember },
  'staff.releaseLockout': { request: Username, reply: StaffMember },
} as const;

export type Channel = keyof typeof channels;
export const channelNames = Object.keys(channels) as Channel[];
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type ReplyOf<C extends Channel> = z.output<(typeof channels)[C]['reply']>;

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(channels, name);
}

export const events = {
  'session.changed': SessionView,
  /** Status only, never records: it may flow while the session is locked. */
  'sync.changed': SyncStatusView,
} as const;
export type EventName = keyof typeof events;
export const eventNames = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

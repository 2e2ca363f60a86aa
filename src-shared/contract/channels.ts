// The IPC contract: every channel the renderer may call, named once, with the schema of its
// request and of its reply; and every event main sends to the renderer. The preload, the browser
// host and the router are all generated from this table, so nothing else names a channel.
import { z } from 'zod';
import { Role } from '../domain/roles';

const Empty = z.object({}).strict();

export const Officer = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role,
});
export type Officer = z.infer<typeof Officer>;

export const SessionView = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signed-out'), bannerAcknowledged: z.boolean() }),
  z.object({
    state: z.literal('active'),
    officer: Officer,
    online: z.boolean(),
    since: z.iso.datetime(),
  }),
  z.object({
    state: z.literal('locked'),
    officer: Officer,
    since: z.iso.datetime(),
  }),
]);
export type SessionView = z.infer<typeof SessionView>;

export const AppInfo = z.object({
  product: z.literal('Sallyport'),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  facilityName: z.string(),
  workstation: z.string(),
  banner: z.object({ title: z.string(), text: z.string() }),
  /** Conditions IT chose that weaken protection (for example plain LDAP): shown on every screen. */
  warnings: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SignInRequest = z.object({
  username: z.string().min(1, 'Enter your username.').max(256, 'That username is too long.'),
  // Passwords are never trimmed or truncated (NIST SP 800-63B); the limit only stops abuse.
  password: z.string().max(4096, 'That password is too long.'),
});

export const channels = {
  'app.info': { request: Empty, reply: AppInfo },
  'session.current': { request: Empty, reply: SessionView },
  'signin.acknowledgeBanner': { request: Empty, reply: z.object({ acknowledgedAt: z.iso.datetime() }) },
  'auth.signIn': { request: SignInRequest, reply: SessionView },
  'auth.signOut': { request: Empty, reply: SessionView },
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
} as const;
export type EventName = keyof typeof events;
export const eventNames = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

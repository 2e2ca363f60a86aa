// The lock in the main process: idle time, the warning, lock on demand, unlock with the password,
// lockout while locked, an administrator ending a locked session, the absolute lifetime; and that
// every data channel of the contract refuses while locked or signed out.
import { afterEach, describe, expect, it } from 'vitest';
import { channelNames, type Channel } from '../../src-shared/contract';
import { startTestWorkstation, type TestWorkstation } from '../test-support/test-workstation';

let now = new Date('2026-11-25T06:00:10Z');
const clock = () => now;
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};
let current: TestWorkstation | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

const MIN = 60_000;
const context = { sender: 'test' };
const call = (tw: TestWorkstation, channel: string, request: unknown = {}) =>
  tw.workstation.router.dispatch({ type: 'call', id: 1, channel, request }, context);

async function signedIn(username = 'officer.demo', policy = {}) {
  now = new Date('2026-11-25T06:00:10Z');
  current = await startTestWorkstation({ clock, policy });
  const tw = current;
  tw.workstation.session.acknowledgeBanner();
  const result = await tw.workstation.signIn.signIn({
    username,
    password: tw.account(username).password,
    secondFactor: { kind: 'totp', code: await tw.totpFor(username) },
  });
  expect(result.step).toBe('signed-in');
  return tw;
}

/** Channels callable before sign-in, and those a locked session may still use. */
const publicChannels: readonly Channel[] = [
  'app.info',
  'session.current',
  'signin.acknowledgeBanner',
  'auth.signIn',
  'auth.confirmEnrolment',
  'auth.cancelSignIn',
];
const lockedChannels: readonly Channel[] = [
  ...publicChannels,
  'auth.signOut',
  'session.unlock',
  'session.endLocked',
];

describe('locked means locked in the main process', () => {
  it('refuses every data channel of the contract while locked, and while signed out', async () => {
    const tw = await signedIn('admin.demo');
    tw.workstation.session.lock('requested');
    for (const channel of channelNames.filter((c) => !lockedChannels.includes(c))) {
      expect(await call(tw, channel), channel).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    }
    tw.workstation.session.signOut();
    for (const channel of channelNames.filter((c) => !publicChannels.includes(c))) {
      expect(await call(tw, channel), channel).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    }
  });
});

describe('idle lock', () => {
  it('warns before the idle deadline, lets input cancel the warning, then locks and audits it', async () => {
    const tw = await signedIn();
    advance(4.6 * MIN);
    tw.workstation.session.tick();
    expect(tw.workstation.session.view()).toMatchObject({
      state: 'active',
      locksAt: new Date(now.getTime() + 0.4 * MIN).toISOString(),
    });
    expect(await call(tw, 'session.activity')).toMatchObject({ ok: true, value: { locksAt: null } });
    advance(4 * MIN);
    tw.workstation.session.tick();
    expect(tw.workstation.session.view().state).toBe('active');
    advance(1 * MIN);
    tw.workstation.session.tick();
    expect(tw.workstation.session.view()).toMatchObject({ state: 'locked', reason: 'idle' });
    expect(await call(tw, 'staff.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const audit = await tw.cache.db
      .selectFrom('audit')
      .select(['action', 'details'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'session.lock' });
    expect(JSON.parse(audit.details)).toEqual({ reason: 'idle' });
  });

  it('locks when the router is asked for data after the deadline, even if no timer fired', async () => {
    const tw = await signedIn('admin.demo');
    advance(6 * MIN);
    expect(await call(tw, 'staff.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('ends the session after the absolute lifetime, locked or not, and says why', async () => {
    const tw = await signedIn();
    tw.workstation.session.lock('requested');
    advance(12 * 60 * MIN);
    tw.workstation.session.tick();
    expect(tw.workstation.session.view()).toEqual({
      state: 'signed-out',
      bannerAcknowledged: false,
      ended: 'lifetime',
    });
    const actions = (await tw.cache.db.selectFrom('audit').select('action').execute()).map((a) => a.action);
    expect(actions).toContain('session.expire');
  });
});

describe('unlock', () => {
  it('unlocks with the password and continues the same session', async () => {
    const tw = await signedIn();
    const before = tw.workstation.session.view();
    expect((await call(tw, 'session.lock')).ok).toBe(true);
    const reply = await call(tw, 'session.unlock', {
      password: tw.account('officer.demo').password,
      code: '',
    });
    expect(reply).toMatchObject({
      ok: true,
      value: { state: 'active', since: before.state === 'active' ? before.since : '' },
    });
  });

  it('refuses a wrong password, counts it, and ends the session at the fifth failure', async () => {
    const tw = await signedIn();
    tw.workstation.session.lock('requested');
    for (let i = 0; i < 4; i += 1) {
      expect(await call(tw, 'session.unlock', { password: 'wrong', code: '' })).toMatchObject({
        ok: false,
        error: { code: 'SIGNIN_FAILED' },
      });
      expect(tw.workstation.session.view().state).toBe('locked');
    }
    expect(await call(tw, 'session.unlock', { password: 'wrong', code: '' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED_OUT' },
    });
    expect(tw.workstation.session.view().state).toBe('signed-out');
  });

  it('asks for the authenticator code too where policy says so', async () => {
    const tw = await signedIn('officer.demo', { session: { unlockRequiresTotp: true } });
    tw.workstation.session.lock('requested');
    expect(tw.workstation.session.view()).toMatchObject({ state: 'locked', unlockNeedsCode: true });
    const password = tw.account('officer.demo').password;
    expect(await call(tw, 'session.unlock', { password, code: '000000' })).toMatchObject({
      ok: false,
      error: { code: 'SIGNIN_FAILED' },
    });
    advance(30_000);
    const reply = await call(tw, 'session.unlock', { password, code: await tw.totpFor('officer.demo') });
    expect(reply).toMatchObject({ ok: true, value: { state: 'active' } });
  });

  it('lets an administrator end a locked session with their own credentials, and no one else', async () => {
    const tw = await signedIn();
    tw.workstation.session.lock('requested');
    const officer = tw.account('officer.demo');
    const notAdmin = await call(tw, 'session.endLocked', {
      username: 'officer.demo',
      password: officer.password,
      secondFactor: {
        kind: 'totp',
        code: await tw.totpFor('officer.demo', new Date(now.getTime() + 30_000)),
      },
    });
    expect(notAdmin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(tw.workstation.session.view().state).toBe('locked');
    const admin = tw.account('admin.demo');
    const reply = await call(tw, 'session.endLocked', {
      username: 'admin.demo',
      password: admin.password,
      secondFactor: { kind: 'totp', code: await tw.totpFor('admin.demo') },
    });
    expect(reply).toMatchObject({
      ok: true,
      value: { state: 'signed-out', ended: 'ended-by-administrator' },
    });
  });

  it('makes a new 256-bit session identifier at every sign-in and forgets it at sign-out', async () => {
    const tw = await signedIn();
    const first = tw.workstation.session.id();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    tw.workstation.session.signOut();
    expect(tw.workstation.session.id()).toBeNull();
    tw.workstation.session.acknowledgeBanner();
    advance(30_000);
    await tw.workstation.signIn.signIn({
      username: 'officer.demo',
      password: tw.account('officer.demo').password,
      secondFactor: { kind: 'totp', code: await tw.totpFor('officer.demo') },
    });
    expect(tw.workstation.session.id()).toMatch(/^[0-9a-f]{64}$/);
    expect(tw.workstation.session.id()).not.toBe(first);
  });

  it("'Not you?' signs the locked session out", async () => {
    const tw = await signedIn();
    tw.workstation.session.lock('requested');
    expect(await call(tw, 'auth.signOut')).toMatchObject({ ok: true, value: { state: 'signed-out' } });
  });
});

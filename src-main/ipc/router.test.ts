import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, MAX_REQUEST_BYTES } from '../../src-shared/contract';
import { silentLog } from '../app/log';
import { startTestWorkstation, type TestWorkstation } from '../test-support/test-workstation';
import { createRouter } from './router';
import type { RouteTable, SessionGate } from './route-table';

const context = { sender: 'test' };

let current: TestWorkstation;
beforeEach(async () => {
  current = await startTestWorkstation();
});
afterEach(async () => {
  await current.close();
});
const workstation = () => current.workstation;

function call(channel: string, request: unknown, id = 1) {
  return { type: 'call', id, channel, request };
}

describe('router', () => {
  it('answers a valid call with its reply, echoing the id', async () => {
    const reply = await workstation().router.dispatch(call('app.info', {}, 7), context);
    expect(reply).toMatchObject({
      id: 7,
      ok: true,
      value: { product: 'Sallyport', facilityName: 'Riverside County Detention Center' },
    });
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['no channel', { type: 'call', id: 1, request: {} }],
    ['wrong type', { type: 'event', id: 1, channel: 'app.info', request: {} }],
    ['negative id', { type: 'call', id: -1, channel: 'app.info', request: {} }],
  ])('refuses a malformed frame (%s) with BAD_MESSAGE', async (_name, frame) => {
    const reply = await workstation().router.dispatch(frame, context);
    expect(reply).toEqual({
      id: null,
      ok: false,
      error: { code: 'BAD_MESSAGE', message: expect.any(String) },
    });
  });

  it('refuses an unknown channel, including names inherited from Object.prototype', async () => {
    for (const channel of ['records.dropAll', 'constructor', '__proto__', 'toString']) {
      const reply = await workstation().router.dispatch(call(channel, {}), context);
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('refuses a request that fails its schema, naming the field, and changes nothing', async () => {
    const ws = workstation();
    await ws.router.dispatch(call('signin.acknowledgeBanner', {}), context);
    const reply = await ws.router.dispatch(
      call('auth.signIn', { username: 42, password: 'x', secondFactor: { kind: 'totp', code: '' } }),
      context,
    );
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/^username: /) },
    });
    const extra = await ws.router.dispatch(call('app.info', { injected: true }), context);
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const session = await ws.router.dispatch(call('session.current', {}), context);
    expect(session).toMatchObject({
      ok: true,
      value: { state: 'signed-out', bannerAcknowledged: true, ended: null },
    });
  });

  it('refuses an oversized request before parsing it', async () => {
    const big = 'x'.repeat(MAX_REQUEST_BYTES + 1);
    const measured = await workstation().router.dispatch(
      call('auth.signIn', { username: big, password: '' }),
      context,
    );
    expect(measured).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    const declared = await workstation().router.dispatch(
      call('app.info', {}),
      context,
      MAX_REQUEST_BYTES + 1,
    );
    expect(declared).toMatchObject({ id: null, ok: false, error: { code: 'TOO_LARGE' } });
  });

  it('refuses sign-in before the system-use banner is acknowledged', async () => {
    const request = {
      username: 'officer.demo',
      password: 'x',
      secondFactor: { kind: 'totp', code: '123456' },
    };
    const reply = await workstation().router.dispatch(call('auth.signIn', request), context);
    expect(reply).toMatchObject({ ok: false, error: { code: 'BANNER_NOT_ACKNOWLEDGED' } });
  });

  it('keeps administrator channels from officers and from signed-out callers', async () => {
    const ws = workstation();
    const signedOut = await ws.router.dispatch(call('staff.list', {}), context);
    expect(signedOut).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    ws.session.begin(
      { username: 'officer.demo', displayName: 'Officer Demo', role: 'officer' },
      { online: true },
    );
    const officer = await ws.router.dispatch(call('staff.issueEnrolmentCode', { username: 'x' }), context);
    expect(officer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    ws.session.lock();
    const locked = await ws.router.dispatch(call('staff.list', {}), context);
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('emits session.changed to subscribers, and stops after unsubscribe', async () => {
    const ws = workstation();
    const seen: unknown[] = [];
    const stop = ws.subscribe((event, payload) => seen.push([event, payload]));
    await ws.router.dispatch(call('signin.acknowledgeBanner', {}), context);
    stop();
    await ws.router.dispatch(call('signin.acknowledgeBanner', {}), context);
    expect(seen).toEqual([
      ['session.changed', { state: 'signed-out', bannerAcknowledged: true, ended: null }],
    ]);
  });
});

describe('router access rules', () => {
  // A table where every channel is handled by the same echo, so only the access rules differ.
  function tableWith(access: RouteTable[keyof RouteTable]['access']): RouteTable {
    const route = { access, handle: () => ({ state: 'signed-out', bannerAcknowledged: false, ended: null }) };
    return Object.fromEntries(channelNames.map((name) => [name, route])) as unknown as RouteTable;
  }
  const gate = (state: ReturnType<SessionGate['current']>): SessionGate => ({ current: () => state });
  const log = silentLog();

  it.each([
    [{ state: 'signed-out' } as const, 'SIGNED_OUT'],
    [{ state: 'locked', role: 'administrator' } as const, 'LOCKED'],
    [{ state: 'active', role: 'officer' } as const, 'FORBIDDEN'],
  ])('refuses a supervisor channel to %o with %s', async (state, code) => {
    const router = createRouter({
      routes: tableWith({ session: 'active', role: 'supervisor' }),
      gate: gate(state),
      log,
    });
    const reply = await router.dispatch(call('session.current', {}), context);
    expect(reply).toMatchObject({ ok: false, error: { code } });
  });

  it('lets a higher role through and a locked session reach an "any" channel', async () => {
    const admin = createRouter({
      routes: tableWith({ session: 'active', role: 'supervisor' }),
      gate: gate({ state: 'active', role: 'administrator' }),
      log,
    });
    expect(await admin.dispatch(call('session.current', {}), context)).toMatchObject({ ok: true });
    const locked = createRouter({
      routes: tableWith({ session: 'any' }),
      gate: gate({ state: 'locked', role: 'officer' }),
      log,
    });
    expect(await locked.dispatch(call('session.current', {}), context)).toMatchObject({ ok: true });
  });

  it('checks access before validating the request, so a signed-out caller learns nothing of the schema', async () => {
    const router = createRouter({
      routes: tableWith({ session: 'active', role: 'officer' }),
      gate: gate({ state: 'signed-out' }),
      log,
    });
    const reply = await router.dispatch(call('auth.signIn', { nonsense: true }), context);
    expect(reply).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
  });

  it('turns a crash or an off-contract reply into INTERNAL with an incident id, never the message', async () => {
    const errors: Record<string, unknown>[] = [];
    const crashing = Object.fromEntries(
      channelNames.map((name) => [
        name,
        {
          access: { session: 'none' },
          handle: () => {
            throw new Error('SELECT * FROM inmates WHERE secret');
          },
        },
      ]),
    ) as unknown as RouteTable;
    const router = createRouter({
      routes: crashing,
      gate: gate({ state: 'signed-out' }),
      log: { error: (fields) => errors.push(fields) },
    });
    const reply = await router.dispatch(call('app.info', {}), context);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/incident [0-9a-f-]{36}/) },
    });
    expect(JSON.stringify(reply)).not.toContain('SELECT');
    expect(JSON.stringify(errors)).not.toContain('SELECT');

    const offContract = createRouter({
      routes: tableWith({ session: 'none' }),
      gate: gate({ state: 'signed-out' }),
      log,
    });
    const bad = await offContract.dispatch(call('app.info', {}), context);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

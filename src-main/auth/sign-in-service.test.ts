// Sign-in end to end below the UI: the demo directory on 127.0.0.1, a real encrypted cache, the
// audit trail; only time is faked (a clock the test moves).
import { generateSync } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignInRequest } from '../../src-shared/contract';
import type { PolicyInput } from '../../src-shared/policy/policy';
import { startTestWorkstation, type TestWorkstation } from '../test-support/test-workstation';

let now = new Date('2026-11-25T06:00:10Z');
const clock = () => now;
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};
let current: TestWorkstation | undefined;

async function start(policy: Partial<PolicyInput> = {}, enrolled?: string[]) {
  now = new Date('2026-11-25T06:00:10Z');
  current = await startTestWorkstation({ clock, policy, ...(enrolled === undefined ? {} : { enrolled }) });
  current.workstation.session.acknowledgeBanner();
  return current;
}
afterEach(async () => {
  await current?.close();
  current = undefined;
});

function request(
  username: string,
  password: string,
  code: string,
  kind: SignInRequest['secondFactor']['kind'] = 'totp',
): SignInRequest {
  return { username, password, secondFactor: { kind, code } };
}

async function failureCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error('expected the sign-in to be refused');
}

async function auditActions(tw: TestWorkstation) {
  return tw.cache.db
    .selectFrom('audit')
    .select(['action', 'actor', 'outcome', 'details'])
    .orderBy('seq')
    .execute();
}

describe('sign-in', () => {
  it('signs an officer in with the directory password and a TOTP code', async () => {
    const tw = await start();
    const officer = tw.account('officer.demo');
    const result = await tw.workstation.signIn.signIn(
      request('officer.demo', officer.password, await tw.totpFor('officer.demo')),
    );
    expect(result).toMatchObject({
      step: 'signed-in',
      session: { state: 'active', online: true, officer: { role: 'officer' } },
    });
    const actions = await auditActions(tw);
    expect(actions.at(-1)).toMatchObject({
      action: 'auth.sign-in',
      actor: 'officer.demo',
      outcome: 'success',
    });
    // Nothing secret in the trail.
    expect(JSON.stringify(actions)).not.toContain(officer.password);
  });

  it('refuses a wrong password, a wrong code and an unknown user with one answer', async () => {
    const tw = await start();
    const officer = tw.account('officer.demo');
    const code = await tw.totpFor('officer.demo');
    for (const attempt of [
      request('officer.demo', 'not the password', code),
      request('officer.demo', officer.password, code === '000000' ? '111111' : '000000'),
      request('nobody.here', officer.password, code),
    ]) {
      expect(await failureCode(tw.workstation.signIn.signIn(attempt))).toBe('SIGNIN_FAILED');
    }
    expect(tw.workstation.session.view().state).toBe('signed-out');
  });

  it('refuses a replayed code and records the replay', async () => {
    const tw = await start();
    const officer = tw.account('officer.demo');
    const code = await tw.totpFor('officer.demo');
    await tw.workstation.signIn.signIn(request('officer.demo', officer.password, code));
    tw.workstation.session.signOut();
    tw.workstation.session.acknowledgeBanner();
    expect(
      await failureCode(tw.workstation.signIn.signIn(request('officer.demo', officer.password, code))),
    ).toBe('SIGNIN_FAILED');
    expect((await auditActions(tw)).map((a) => a.action)).toContain('auth.totp-replay');
  });

  it('accepts a code one step off and refuses one two steps off', async () => {
    const tw = await start();
    const officer = tw.account('officer.demo');
    const twoBehind = await tw.totpFor('officer.demo', new Date(now.getTime() - 60_000));
    expect(
      await failureCode(tw.workstation.signIn.signIn(request('officer.demo', officer.password, twoBehind))),
    ).toBe('SIGNIN_FAILED');
    const oneBehind = await tw.totpFor('officer.demo', new Date(now.getTime() - 30_000));
    await expect(
      tw.workstation.signIn.signIn(request('officer.demo', officer.password, oneBehind)),
    ).resolves.toMatchObject({ step: 'signed-in' });
  });

  it('refuses empty and blank passwords without asking the directory', async () => {
    const tw = await start();
    for (const password of ['', '   ']) {
      expect(
        await failureCode(tw.workstation.signIn.signIn(request('officer.demo', password, '123456'))),
      ).toBe('SIGNIN_FAILED');
    }
  });

  it('tells a valid account with no mapped role that it is not authorised here', async () => {
    now = new Date('2026-11-25T06:00:10Z');
    current = await startTestWorkstation({
      clock,
      groupRoles: (demo) => Object.fromEntries(Object.entries(demo).filter(([, role]) => role !== 'officer')),
    });
    current.workstation.session.acknowledgeBanner();
    const officer = current.account('officer.demo');
    const code = await current.totpFor('officer.demo');
    expect(
      await failureCode(current.workstation.signIn.signIn(request('officer.demo', officer.password, code))),
    ).toBe('NOT_AUTHORISED');
  });
});

describe('lockout', () => {
  it('locks a username after five failures until an administrator releases it, and audits both', async () => {
    const tw = await start();
    const officer = tw.account('officer.demo');
    for (let i = 0; i < 4; i += 1) {
      expect(
        await failureCode(tw.workstation.signIn.signIn(request('officer.demo', 'wrong', '000000'))),
      ).toBe('SIGNIN_FAILED');
    }
    expect(await failureCode(tw.workstation.signIn.signIn(request('officer.demo', 'wrong', '000000')))).toBe(
      'LOCKED_OUT',
    );
    // The right credentials are refused while locked, and a restart (a new service on the same cache) keeps the lock.
    const code = await tw.totpFor('officer.demo');
    expect(
      await failureCode(tw.workstation.signIn.signIn(request('officer.demo', officer.password, code))),
    ).toBe('LOCKED_OUT');
    advance(24 * 3_600_000);
    expect(
      await failureCode(tw.workstation.signIn.signIn(request('Officer.Demo', officer.password, code))),
    ).toBe('LOCKED_OUT');

    await tw.workstation.staff.releaseLockout('officer.demo', 'admin.demo');
    const fresh = await tw.totpFor('officer.demo');
    await expect(
      tw.workstation.signIn.signIn(request('officer.demo', officer.password, fresh)),
    ).resolves.toMatchObject({ step: 'signed-in' });
    const actions = (await auditActions(tw)).map((a) => a.action);
    expect(actions).toContain('auth.lockout');
    expect(actions).toContain('auth.lockout-release');
  });

  it('counts failures of a username that does not exist the same way', async () => {
    const tw = await start();
    for (let i = 0; i < 4; i += 1)
      await failureCode(tw.workstation.signIn.signIn(request('ghost', 'x', '000000')));
    expect(await failureCode(tw.workstation.signIn.signIn(request('ghost', 'x', '000000')))).toBe(
      'LOCKED_OUT',
    );
  });

  it('starts counting again after the 15-minute window', async () => {
    const tw = await start();
    for (let i = 0; i < 4; i += 1)
      await failureCode(tw.workstation.signIn.signIn(request('officer.demo', 'wrong', '000000')));
    advance(16 * 60_000);
    expect(await failureCode(tw.workstation.signIn.signIn(request('officer.demo', 'wrong', '000000')))).toBe(
      'SIGNIN_FAILED',
    );
  });

  it('releases by itself after the time policy chooses', async () => {
    const tw = await start({ lockout: { release: { mode: 'timed', minutes: 10 } } });
    const officer = tw.account('officer.demo');
    for (let i = 0; i < 5; i += 1)
      await failureCode(tw.workstation.signIn.signIn(request('officer.demo', 'wrong', '000000')));
    advance(9 * 60_000);
    expect(
      await failureCode(
        tw.workstation.signIn.signIn(
          request('officer.demo', officer.password, await tw.totpFor('officer.demo')),
        ),
      ),
    ).toBe('LOCKED_OUT');
    advance(2 * 60_000);
    await expect(
      tw.workstation.signIn.signIn(
        request('officer.demo', officer.password, await tw.totpFor('officer.demo')),
      ),
    ).resolves.toMatchObject({ step: 'signed-in' });
  });
});

describe('enrolment and recovery codes', () => {
  it('enrols a user through an administrator code, then accepts each recovery code once', async () => {
    const tw = await start({}, ['admin.demo']);
    const officer = tw.account('officer.demo');
    const issued = await tw.workstation.staff.issueEnrolmentCode('officer.demo', 'admin.demo');
    expect(issued.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

    const offer = await tw.workstation.signIn.signIn(
      request('officer.demo', officer.password, issued.code.toLowerCase(), 'enrolment'),
    );
    if (offer.step !== 'enrol') throw new Error('expected the enrolment step');
    expect(offer.offer.qr.modules).toHaveLength(offer.offer.qr.size ** 2);
    const secret = offer.offer.secret.replace(/ /g, '');
    expect(offer.offer.otpauthUri).toContain(secret);

    const wrong = await failureCode(tw.workstation.signIn.confirmEnrolment('000000'));
    expect(wrong).toBe('SIGNIN_FAILED');
    const { recoveryCodes } = await tw.workstation.signIn.confirmEnrolment(
      generateSync({ secret, epoch: now.getTime() / 1000 }),
    );
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(tw.workstation.session.view()).toMatchObject({
      state: 'active',
      officer: { username: 'officer.demo' },
    });

    // The enrolment code was single use.
    tw.workstation.session.signOut();
    tw.workstation.session.acknowledgeBanner();
    expect(
      await failureCode(
        tw.workstation.signIn.signIn(request('officer.demo', officer.password, issued.code, 'enrolment')),
      ),
    ).toBe('SIGNIN_FAILED');
    // A recovery code works once.
    await expect(
      tw.workstation.signIn.signIn(request('officer.demo', officer.password, recoveryCodes[3]!, 'recovery')),
    ).resolves.toMatchObject({
      step: 'signed-in',
    });
    tw.workstation.session.signOut();
    tw.workstation.session.acknowledgeBanner();
    expect(
      await failureCode(
        tw.workstation.signIn.signIn(
          request('officer.demo', officer.password, recoveryCodes[3]!, 'recovery'),
        ),
      ),
    ).toBe('SIGNIN_FAILED');
    const stored = await tw.cache.db.selectFrom('recovery_code').select('hash').execute();
    for (const code of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code);

    const actions = (await auditActions(tw)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['mfa.enrolment-code-issue', 'mfa.enrol']));
  });

  it('refuses an expired enrolment code', async () => {
    const tw = await start({ mfa: { enrolmentCodeMinutes: 30 } }, ['admin.demo']);
    const issued = await tw.workstation.staff.issueEnrolmentCode('officer.demo', 'admin.demo');
    advance(31 * 60_000);
    const officer = tw.account('officer.demo');
    expect(
      await failureCode(
        tw.workstation.signIn.signIn(request('officer.demo', officer.password, issued.code, 'enrolment')),
      ),
    ).toBe('SIGNIN_FAILED');
  });

  it('lets an administrator reset a second factor, which is audited', async () => {
    const tw = await start();
    const member = await tw.workstation.staff.resetMfa('officer.demo', 'admin.demo');
    expect(member.mfa).toBe('none');
    const officer = tw.account('officer.demo');
    expect(
      await failureCode(tw.workstation.signIn.signIn(request('officer.demo', officer.password, '123456'))),
    ).toBe('SIGNIN_FAILED');
    expect((await auditActions(tw)).map((a) => a.action)).toContain('mfa.reset');
  });
});

describe('offline sign-in', () => {
  async function signInOnlineThenStopDirectory(tw: TestWorkstation) {
    const officer = tw.account('officer.demo');
    await tw.workstation.signIn.signIn(
      request('officer.demo', officer.password, await tw.totpFor('officer.demo')),
    );
    // The verifier is written off the critical path (only where policy allows offline sign-in).
    for (let i = 0; i < 100 && tw.policy.offline.allowed; i += 1) {
      const row = await tw.cache.db
        .selectFrom('staff_mfa')
        .select('offline_verifier')
        .where('username', '=', 'officer.demo')
        .executeTakeFirst();
      if (row?.offline_verifier) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    tw.workstation.session.signOut();
    tw.workstation.session.acknowledgeBanner();
    await tw.directory.close();
    return officer;
  }

  it('signs in against the verifier within the limit, marked offline, and refuses after it', async () => {
    const tw = await start({ offline: { allowed: true, maxHoursSinceOnline: 8 } });
    const officer = await signInOnlineThenStopDirectory(tw);
    advance(60_000);
    const result = await tw.workstation.signIn.signIn(
      request('officer.demo', officer.password, await tw.totpFor('officer.demo')),
    );
    expect(result).toMatchObject({ step: 'signed-in', session: { online: false } });
    expect((await auditActions(tw)).at(-1)).toMatchObject({
      action: 'auth.sign-in-offline',
      outcome: 'success',
    });

    tw.workstation.session.signOut();
    tw.workstation.session.acknowledgeBanner();
    expect(
      await failureCode(
        tw.workstation.signIn.signIn(
          request(
            'officer.demo',
            'wrong password',
            await tw.totpFor('officer.demo', new Date(now.getTime() + 30_000)),
          ),
        ),
      ),
    ).toBe('SIGNIN_FAILED');
    advance(9 * 3_600_000);
    expect(
      await failureCode(
        tw.workstation.signIn.signIn(
          request('officer.demo', officer.password, await tw.totpFor('officer.demo')),
        ),
      ),
    ).toBe('DIRECTORY_UNREACHABLE');
  });

  it('says the directory is unreachable when policy does not allow offline sign-in', async () => {
    const tw = await start();
    const officer = await signInOnlineThenStopDirectory(tw);
    advance(60_000);
    expect(
      await failureCode(
        tw.workstation.signIn.signIn(
          request('officer.demo', officer.password, await tw.totpFor('officer.demo')),
        ),
      ),
    ).toBe('DIRECTORY_UNREACHABLE');
  });
});

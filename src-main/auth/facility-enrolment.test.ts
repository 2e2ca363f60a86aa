// An officer enrols once for the whole facility: the enrolment made at one workstation travels
// through its outbox to the real records service and down the change feed to another workstation,
// where the officer then signs in with their authenticator; a reset travels the same way.
import { generateSync } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { startPeer, peerToken, type RecordsPeer } from '../sync/testing/records-peer';
import { startTestWorkstation, type TestWorkstation } from '../test-support/test-workstation';
import { readMfa } from './mfa-records';

/** Sync rounds until the workstation has what the test waits for (a running round may predate it). */
async function syncUntil(tw: TestWorkstation, done: () => Promise<boolean>): Promise<void> {
  for (let round = 0; round < 10; round += 1) {
    await tw.workstation.sync.syncNow();
    if (await done()) return;
  }
  throw new Error('the change did not arrive in ten sync rounds');
}

let peer: RecordsPeer | undefined;
const workstations: TestWorkstation[] = [];
afterEach(async () => {
  for (const tw of workstations.splice(0).reverse()) await tw.close();
  await peer?.stop();
  peer = undefined;
});

describe('facility-wide enrolment', () => {
  it('lets an officer enrolled at one workstation sign in at another, and a reset reach both', async () => {
    peer = await startPeer({ size: 'small' });
    const records = { url: peer.url, deviceToken: peerToken };
    const first = await startTestWorkstation({ records, enrolled: ['admin.demo'] });
    workstations.push(first);
    const second = await startTestWorkstation({
      records,
      enrolled: ['admin.demo'],
      directory: first.directory,
    });
    workstations.push(second);
    const officer = first.account('officer.demo');

    // First sign-in at the first workstation, with an administrator's enrolment code.
    const { code } = await first.workstation.staff.issueEnrolmentCode('officer.demo', 'admin.demo');
    first.workstation.session.acknowledgeBanner();
    const offer = await first.workstation.signIn.signIn({
      username: 'officer.demo',
      password: officer.password,
      secondFactor: { kind: 'enrolment', code },
    });
    if (offer.step !== 'enrol') throw new Error('expected the enrolment step');
    const secret = offer.offer.secret.replace(/ /g, '');
    await first.workstation.signIn.confirmEnrolment(generateSync({ secret }));
    await first.workstation.sync.syncNow();
    expect(peer.service.mutationTally().applied).toBe(1);

    // The second workstation has never seen this officer enrol.
    await syncUntil(
      second,
      async () => (await readMfa(second.cache.db, 'officer.demo'))?.state === 'enrolled',
    );
    second.workstation.session.acknowledgeBanner();
    const signedIn = await second.workstation.signIn.signIn({
      username: 'officer.demo',
      password: officer.password,
      secondFactor: { kind: 'totp', code: generateSync({ secret, epoch: Date.now() / 1000 + 30 }) },
    });

    expect(signedIn).toMatchObject({ step: 'signed-in', session: { officer: { username: 'officer.demo' } } });
    const listed = (await second.workstation.staff.list()).find((m) => m.username === 'officer.demo');
    expect(listed?.mfa).toBe('enrolled');

    // An administrator resets the officer at the second workstation; the first one learns of it.
    await second.workstation.staff.resetMfa('officer.demo', 'admin.demo');
    await second.workstation.sync.syncNow();
    await syncUntil(first, async () => (await readMfa(first.cache.db, 'officer.demo'))?.state === 'none');
    first.workstation.session.signOut();
    first.workstation.session.acknowledgeBanner();
    await expect(
      first.workstation.signIn.signIn({
        username: 'officer.demo',
        password: officer.password,
        secondFactor: { kind: 'totp', code: generateSync({ secret, epoch: Date.now() / 1000 + 60 }) },
      }),
    ).rejects.toMatchObject({ code: 'SIGNIN_FAILED' });
  });
});

// auth.signin_ms_p50 / p95: full sign-in (directory bind over LDAPS to a real slapd on loopback,
// role mapping, TOTP, lockout bookkeeping, session made, audit written) 200 times. The workstation
// clock moves one TOTP step per sign-in, since a code is accepted only once.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateSync } from 'otplib';
import { Policy } from '../src-shared/policy/policy';
import { silentLog } from '../src-main/app/log';
import { createWorkstation } from '../src-main/app/workstation';
import { createDirectory } from '../src-main/auth/directory/directory';
import { updateMfa } from '../src-main/auth/mfa-records';
import { newTotpSecret } from '../src-main/auth/totp';
import { openCache } from '../src-main/store/open-cache';
import { GROUPS, startSlapd, USERS } from '../src-main/test-support/slapd';
import type { BenchContext, Metrics } from './bench-types';
import { percentile } from './stats';

const SIGN_INS = 200;

export default async function run(context: BenchContext): Promise<Metrics> {
  const slapd = await startSlapd(path.join(context.workDir, 'slapd'));
  let now = new Date('2026-11-25T06:00:10Z');
  const clock = () => now;
  const policy = Policy.parse({
    facility: { id: 'bench', name: 'Bench County' },
    directory: {
      urls: [slapd.ldapsUrl],
      tls: 'ldaps',
      bindDn: slapd.serviceDn,
      userBase: slapd.userBase,
      groupRoles: { [GROUPS.officers]: 'officer', [GROUPS.supervisors]: 'supervisor' },
    },
    records: { url: 'https://127.0.0.1:1' },
  });
  const cache = await openCache({
    file: path.join(context.workDir, 'cache.sqlite'),
    key: randomBytes(32),
    clock,
  });
  const workstation = createWorkstation({
    policy,
    host: 'electron',
    version: 'bench',
    cache,
    directory: createDirectory({
      policy: policy.directory,
      caPem: slapd.caPem,
      servicePassword: async () => slapd.servicePassword,
    }),
    clock,
    deviceToken: async () => null,
    recordsCaPem: null,
    startSync: false,
    log: silentLog(),
  });
  const officer = USERS.find((u) => u.uid === 'officer1')!;
  const secret = newTotpSecret();
  await updateMfa(cache.db, officer.uid, now, {
    state: 'enrolled',
    totp_secret: secret,
    enrolled_at: now.toISOString(),
  });

  const samples: number[] = [];
  try {
    for (let i = 0; i < SIGN_INS; i += 1) {
      now = new Date(now.getTime() + 30_000);
      workstation.session.acknowledgeBanner();
      const code = generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) });
      const started = performance.now();
      const result = await workstation.signIn.signIn({
        username: officer.uid,
        password: officer.password,
        secondFactor: { kind: 'totp', code },
      });
      samples.push(performance.now() - started);
      if (result.step !== 'signed-in') throw new Error('sign-in did not complete');
      workstation.session.signOut();
    }
  } finally {
    await workstation.close();
    await cache.close();
    await slapd.stop();
  }
  context.log(`${SIGN_INS} sign-ins over LDAPS, max ${Math.max(...samples).toFixed(1)} ms`);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    'auth.signin_ms_p50': { value: round(percentile(samples, 50)), unit: 'ms' },
    'auth.signin_ms_p95': { value: round(percentile(samples, 95)), unit: 'ms' },
  };
}

// `sallyport doctor` against real peers on loopback: a TLS listener standing in for LDAPS, a
// plain TCP one for ldap://, and an HTTPS /v1/health that checks the device token, all with a
// throw-away CA; the keychain is the real gnome-keyring of the test session.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../src-shared/policy/policy';
import type { Keychain } from '../keychain/keychain';
import { openCache } from '../store/open-cache';
import { makeTempDir } from '../store/testing/temp-dir';
import type { TempDir } from '../store/testing/temp-dir';
import { makeTestCertificates } from '../test-support/test-ca';
import type { TestCertificates } from '../test-support/test-ca';
import { testPolicyInput } from '../test-support/test-policy';
import { EXIT_FAILED, EXIT_OK } from './cli-context';
import { runDoctor } from './doctor';
import { captureContext, runSallyport, testKeychain } from './testing/cli-harness';

const DEVICE_TOKEN = 'dt_doctor_test_0123456789';
const certsDir = makeTempDir('sallyport-doctor-ca-');
let certs: TestCertificates;
let ldaps: tls.Server;
let rogueLdaps: tls.Server;
let ldap: net.Server;
let records: https.Server;
let closedPort: number;

/** Answers a connection by closing it, after reading what the client sent (so the close completes). */
function hangUp(socket: net.Socket): void {
  socket.on('error', () => undefined);
  socket.resume();
  socket.end();
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}
const ports: Record<string, number> = {};

beforeAll(async () => {
  certs = makeTestCertificates(certsDir.path);
  const serverTls = { cert: readFileSync(certs.serverCertFile), key: readFileSync(certs.serverKeyFile) };
  ldaps = tls.createServer(serverTls, hangUp);
  rogueLdaps = tls.createServer(
    { cert: readFileSync(certs.rogueServerCertFile), key: readFileSync(certs.rogueServerKeyFile) },
    hangUp,
  );
  ldap = net.createServer(hangUp);
  records = https.createServer(serverTls, (request, response) => {
    const authorised = request.headers.authorization === `Bearer ${DEVICE_TOKEN}`;
    if (request.url !== '/v1/health') response.writeHead(404).end();
    else if (!authorised) response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{}}');
    else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"headSeq":0}');
  });
  ports.ldaps = await listen(ldaps);
  ports.rogue = await listen(rogueLdaps);
  ports.ldap = await listen(ldap);
  ports.records = await listen(records);
  const closed = net.createServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(async () => {
  for (const server of [ldaps, rogueLdaps, ldap, records])
    await new Promise((resolve) => server.close(resolve));
  certsDir.remove();
});

let dir: TempDir;
let keychain: Keychain;
beforeEach(() => {
  dir = makeTempDir('sallyport-doctor-');
  keychain = testKeychain(`Sallyport-test-${randomBytes(6).toString('hex')}`);
});
afterEach(async () => {
  await keychain.deleteCacheKey();
  await keychain.deleteDeviceToken();
  dir.remove();
});

function policy(overrides: Partial<PolicyInput> = {}): PolicyInput {
  const base = testPolicyInput();
  return testPolicyInput({
    directory: {
      ...base.directory,
      urls: [`ldaps://127.0.0.1:${ports.ldaps}`],
      tls: 'ldaps',
      caFile: certs.caFile,
    },
    records: { url: `https://127.0.0.1:${ports.records}`, caFile: certs.caFile },
    ...overrides,
  });
}

async function doctor(policyInput: unknown, options: { cache?: string } = {}) {
  const policyFile = dir.file('policy.json');
  writeFileSync(policyFile, JSON.stringify(policyInput));
  const { context, out } = captureContext({ keychain: () => keychain });
  const code = await runDoctor(
    { policy: policyFile, cache: options.cache ?? dir.file('cache.sqlite'), timeoutMs: 3000 },
    context,
  );
  return { code, out, policyFile };
}

async function readyWorkstation(): Promise<string> {
  const file = dir.file('cache.sqlite');
  await (await openCache({ file, key: await keychain.getOrCreateCacheKey() })).close();
  await keychain.setDeviceToken(DEVICE_TOKEN);
  return file;
}

describe('sallyport doctor', () => {
  it('prints ok for every check on a workstation that is ready, and exits 0', async () => {
    const file = await readyWorkstation();
    const { code, out, policyFile } = await doctor(policy());
    expect(out).toEqual([
      `ok   policy ${policyFile} is valid (facility "Test County Detention Center")`,
      `ok   keychain reachable (service "${keychain.service}", cache key present)`,
      `ok   cache ${file} opens with its key, every page intact`,
      expect.stringMatching(/^ok {3}cache schema current \(\d{4}-[a-z0-9-]+\)$/),
      `ok   directory ldaps://127.0.0.1:${ports.ldaps} reachable (TLS connection, certificate trusted)`,
      `ok   records service https://127.0.0.1:${ports.records} answers, device token accepted, certificate trusted`,
    ]);
    expect(code).toBe(EXIT_OK);
  });

  it('checks a StartTLS directory with a TCP connection', async () => {
    await readyWorkstation();
    const base = policy();
    const { code, out } = await doctor({
      ...base,
      directory: { ...base.directory, tls: 'starttls', urls: [`ldap://127.0.0.1:${ports.ldap}`] },
    });
    expect(out).toContain(
      `ok   directory ldap://127.0.0.1:${ports.ldap} reachable (TCP connection; StartTLS not checked)`,
    );
    expect(code).toBe(EXIT_OK);
  });

  it('on a fresh install, before first start, creates nothing', async () => {
    const { out } = await doctor(policy());
    expect(out[1]).toMatch(/no cache key yet/);
    expect(out[2]).toMatch(/not made yet: Sallyport makes it, and its key, at first start/);
    expect(await keychain.getCacheKey()).toBeNull();
  });

  it('names the policy problem and skips what depends on the policy', async () => {
    await readyWorkstation();
    const { code, out } = await doctor({ facility: { id: 'x' } });
    expect(code).toBe(EXIT_FAILED);
    expect(out[0]).toMatch(/^FAIL policy: Policy file .* does not match the policy schema:; - /);
    expect(out).toContain('FAIL directory: not checked, because the policy is not valid');
    expect(out).toContain('FAIL records service: not checked, because the policy is not valid');
    expect(out.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('says what to do about an unreachable directory and an untrusted certificate', async () => {
    await readyWorkstation();
    const base = policy();
    const { code, out } = await doctor({
      ...base,
      directory: {
        ...base.directory,
        urls: [
          `ldaps://127.0.0.1:${closedPort}`,
          `ldaps://127.0.0.1:${ports.rogue}`,
          `ldaps://127.0.0.1:${ports.ldap}`,
        ],
      },
    });
    expect(code).toBe(EXIT_FAILED);
    expect(out).toContain(
      `FAIL directory ldaps://127.0.0.1:${closedPort}: nothing listens at 127.0.0.1:${closedPort}: check the URL in the policy and that the server runs`,
    );
    expect(out.find((l) => l.includes(`:${ports.rogue}:`))).toMatch(
      /is not trusted \([A-Z_]+\): set directory.caFile to the facility CA that signed it$/,
    );
    expect(out.find((l) => l.startsWith(`FAIL directory ldaps://127.0.0.1:${ports.ldap}`))).toBeDefined();
  });

  it('reports a refused or missing device token', async () => {
    const file = await readyWorkstation();
    await keychain.setDeviceToken('dt_wrong');
    let result = await doctor(policy(), { cache: file });
    expect(result.code).toBe(EXIT_FAILED);
    expect(result.out.at(-1)).toMatch(
      /refused this workstation's device token \(HTTP 401\): IT provisions a new one/,
    );
    await keychain.deleteDeviceToken();
    result = await doctor(policy(), { cache: file });
    expect(result.out.at(-1)).toMatch(/wants a device token \(HTTP 401\) and the keychain has none/);
  });

  it('reports a cache the key does not open', async () => {
    const file = dir.file('cache.sqlite');
    await (await openCache({ file, key: randomBytes(32) })).close();
    await keychain.getOrCreateCacheKey();
    await keychain.setDeviceToken(DEVICE_TOKEN);
    const { code, out } = await doctor(policy());
    expect(code).toBe(EXIT_FAILED);
    expect(out).toContain(
      `FAIL cache ${file}: The cache ${file} is encrypted with a different key than the one in this user's keychain ` +
        '(the keychain entry was replaced, or the file belongs to another user or workstation), or its first page is damaged. ' +
        'Sallyport can set this file aside (it is renamed, never deleted) and rebuild the cache from the records service.',
    );
    expect(out).toContain('FAIL cache schema: not checked, because the cache did not open');
  });

  it('reads every page of the cache and reports one that is damaged', async () => {
    const file = await readyWorkstation();
    const key = (await keychain.getCacheKey())!;
    const cache = await openCache({ file, key });
    const insert = cache.sqlite.prepare(
      "insert into quarantine (received_at, line, reason) values ('t', ?, 'x')",
    );
    cache.sqlite.transaction(() => {
      for (let i = 0; i < 3000; i += 1) insert.run(randomBytes(60).toString('hex'));
    })();
    await cache.close();
    const bytes = readFileSync(file);
    const offset = bytes.length - 5000;
    bytes[offset] = (bytes[offset] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const { code, out } = await doctor(policy(), { cache: file });
    expect(code).toBe(EXIT_FAILED);
    expect(out[2]).toMatch(new RegExp(`^FAIL cache ${file}: The cache ${file} is damaged`));
  });

  it('as the real command, without a keychain, says what to install and exits 1', async () => {
    const policyFile = dir.file('policy.json');
    writeFileSync(policyFile, JSON.stringify(policy()));
    const result = await runSallyport(
      ['doctor', '--policy', policyFile, '--cache', dir.file('cache.sqlite')],
      {
        SALLYPORT_KEYCHAIN_SERVICE: keychain.service,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/sallyport-test-bus',
      },
    );
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ok {3}policy /);
    expect(lines[1]).toMatch(/^FAIL keychain: Could not read the cache key \(.*\)\. .*Install gnome-keyring/);
    expect(lines).toHaveLength(6);
  });
});

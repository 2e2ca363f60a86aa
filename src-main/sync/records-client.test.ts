// The client's transport rules: TLS trusting only the facility CA, no plaintext unless policy
// says so by name, and the device token on every request.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../store/testing/temp-dir';
import type { TempDir } from '../store/testing/temp-dir';
import { makeTestCertificates } from '../test-support/test-ca';
import type { TestCertificates } from '../test-support/test-ca';
import { HealthReply } from '../../src-shared/protocol/endpoints';
import { MutationReply } from '../../src-shared/protocol/mutations';
import { RecordsClient } from './records-client';
import { SyncError } from './sync-error';
import { peerToken, startPeer } from './testing/records-peer';
import type { RecordsPeer } from './testing/records-peer';
import { openTestWorkstation } from './testing/test-workstation';

let dir: TempDir;
let certificates: TestCertificates;
let peer: RecordsPeer;
beforeAll(async () => {
  dir = makeTempDir('sallyport-sync-tls-');
  certificates = makeTestCertificates(dir.path);
  peer = await startPeer({
    size: 'small',
    tls: {
      cert: readFileSync(certificates.serverCertFile, 'utf8'),
      key: readFileSync(certificates.serverKeyFile, 'utf8'),
    },
  });
}, 30_000);
afterAll(async () => {
  await peer?.close();
  dir?.remove();
});

function client(url: string, caPem: string | null, allowPlaintext = false): RecordsClient {
  return new RecordsClient({ url, allowPlaintext, caPem, stallMs: 5000, clock: () => new Date() });
}

describe('the records client', () => {
  it('syncs over https when the service certificate comes from the facility CA', async () => {
    expect(peer.url).toMatch(/^https:/);
    const ws = await openTestWorkstation({ url: peer.url, caPem: readFileSync(certificates.caFile, 'utf8') });
    try {
      expect((await ws.sync.syncNow()).error).toBeNull();
      expect(ws.checksums()).toEqual(peer.checksums());
    } finally {
      await ws.close();
    }
  });

  it('refuses a service whose certificate another CA signed, before sending anything', async () => {
    const before = peer.service.requestCounts();
    const rogue = client(peer.url, readFileSync(certificates.rogueCaFile, 'utf8'));
    const failure = await rogue
      .open('GET', '/v1/health', { token: peerToken })
      .catch((error: unknown) => error);
    rogue.close();
    expect(failure).toBeInstanceOf(SyncError);
    expect(failure).toMatchObject({ code: 'TLS_UNTRUSTED' });
    expect((failure as Error).message).toMatch(
      /certificate the facility CA does not vouch for.*records\.caFile/,
    );
    expect(peer.service.requestCounts()).toEqual(before);
  });

  it('never falls back to plain http unless policy allows it by name', async () => {
    const plain = client(peer.url.replace('https:', 'http:'), null);
    const failure = await plain
      .open('GET', '/v1/health', { token: peerToken })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'PLAINTEXT_REFUSED', retryable: false });
    expect((failure as Error).message).toMatch(/not https/);
  });

  it('keeps a path in the service URL, and checks answers against their schema', async () => {
    const plain = await startPeer();
    const prefixed = client(`${plain.url}/v1/`, null, true);
    try {
      expect(await prefixed.json('GET', '/health', HealthReply, { token: peerToken })).toEqual({
        ok: true,
        headSeq: 0,
      });
      expect(plain.service.requestCounts()).toEqual({ '/v1/health': 1 });
      await expect(
        prefixed.json('GET', '/health', MutationReply, { token: peerToken }),
      ).rejects.toMatchObject({
        code: 'BAD_ANSWER',
      });
    } finally {
      prefixed.close();
      await plain.close();
    }
  });
});

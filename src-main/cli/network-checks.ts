// Can this workstation reach the directory and the records service? A TCP connection (TLS with
// the facility CA where the URL says so) to each directory URL, and `GET /v1/health` with the
// device token. Answers are sentences that say what to fix.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { deviceTokenHeaderValue } from '../../src-shared/protocol/mutations';
import { recordsEndpoints } from '../../src-shared/protocol/endpoints';
import { isCertificateError } from '../tls/certificate-errors';

export type CheckResult =
  { readonly ok: true; readonly note: string } | { readonly ok: false; readonly problem: string };

export interface ConnectOptions {
  /** PEM file of the CA that signed the server's certificate; the system's CAs when absent. */
  readonly caFile?: string;
  readonly timeoutMs: number;
}

const DEFAULT_PORTS: Record<string, number> = { 'ldap:': 389, 'ldaps:': 636, 'http:': 80, 'https:': 443 };

export async function checkDirectoryUrl(url: string, options: ConnectOptions): Promise<CheckResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, problem: 'is not a URL: fix directory.urls in the policy' };
  }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || DEFAULT_PORTS[target.protocol] || 0);
  const secure = target.protocol === 'ldaps:';
  const ca = readCa(options.caFile, 'directory.caFile');
  if (typeof ca === 'object' && 'problem' in ca) return ca;
  return new Promise<CheckResult>((resolve) => {
    const socket = secure
      ? tls.connect({
          host,
          port,
          ca,
          servername: net.isIP(host) ? undefined : host,
          rejectUnauthorized: true,
        })
      : net.connect({ host, port });
    const done = (result: CheckResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(options.timeoutMs, () =>
      done({ ok: false, problem: noAnswer(host, port, options.timeoutMs) }),
    );
    socket.once(secure ? 'secureConnect' : 'connect', () =>
      done({
        ok: true,
        note: secure ? 'TLS connection, certificate trusted' : 'TCP connection; StartTLS not checked',
      }),
    );
    socket.once('error', (error) =>
      done({ ok: false, problem: describeError(error, host, port, 'directory.caFile') }),
    );
  });
}

export interface HealthOptions extends ConnectOptions {
  readonly deviceToken: string | null;
}

export async function checkRecordsHealth(baseUrl: string, options: HealthOptions): Promise<CheckResult> {
  let url: URL;
  try {
    url = new URL(
      recordsEndpoints.health.replace(/^\//, ''),
      baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
    );
  } catch {
    return { ok: false, problem: 'is not a URL: fix records.url in the policy' };
  }
  const ca = readCa(options.caFile, 'records.caFile');
  if (typeof ca === 'object' && 'problem' in ca) return ca;
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || DEFAULT_PORTS[url.protocol] || 0);
  const headers: Record<string, string> = { accept: 'application/json', connection: 'close' };
  if (options.deviceToken) headers.authorization = deviceTokenHeaderValue(options.deviceToken);
  return new Promise<CheckResult>((resolve) => {
    const request = (secure ? https : http).request(
      url,
      { method: 'GET', headers, ca, timeout: options.timeoutMs, agent: false },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          resolve(
            options.deviceToken
              ? { ok: true, note: `answers, device token accepted${secure ? ', certificate trusted' : ''}` }
              : {
                  ok: false,
                  problem:
                    'answers, but there is no device token in the keychain: IT stores it with `sallyport device-token set`',
                },
          );
        } else if (status === 401 || status === 403) {
          resolve({
            ok: false,
            problem: options.deviceToken
              ? `refused this workstation's device token (HTTP ${status}): IT provisions a new one and stores it with \`sallyport device-token set\``
              : `wants a device token (HTTP ${status}) and the keychain has none: IT stores it with \`sallyport device-token set\``,
          });
        } else {
          resolve({
            ok: false,
            problem: `answered HTTP ${status} to ${recordsEndpoints.health}: check the service's own log`,
          });
        }
      },
    );
    request.once('timeout', () => {
      request.destroy();
      resolve({ ok: false, problem: noAnswer(host, port, options.timeoutMs) });
    });
    request.once('error', (error) =>
      resolve({ ok: false, problem: describeError(error, host, port, 'records.caFile') }),
    );
    request.end();
  });
}

function readCa(
  file: string | undefined,
  field: string,
): Buffer | undefined | { ok: false; problem: string } {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (error) {
    return {
      ok: false,
      problem: `cannot read the CA file ${file} (${(error as NodeJS.ErrnoException).code}): fix ${field}`,
    };
  }
}

function noAnswer(host: string, port: number, timeoutMs: number): string {
  return `no answer from ${host}:${port} within ${Math.round(timeoutMs / 100) / 10} s: check the network path and firewalls`;
}

function describeError(error: Error, host: string, port: number, caField: string): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNREFUSED')
    return `nothing listens at ${host}:${port}: check the URL in the policy and that the server runs`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `the name ${host} does not resolve: check the URL and DNS`;
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return `${host}:${port} cannot be reached (${code}): check the network path and firewalls`;
  }
  if (code === 'ECONNRESET')
    return `${host}:${port} closed the connection: check that it speaks TLS if the URL says so`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the certificate of ${host} is not made out to that name: use the name on the certificate in the URL`;
  }
  if (isCertificateError(code)) {
    return `the certificate of ${host}:${port} is not trusted (${code}): set ${caField} to the facility CA that signed it`;
  }
  if (/wrong version number|packet length too long|unknown protocol/i.test(error.message)) {
    return `${host}:${port} does not speak TLS: check the URL's scheme and port`;
  }
  return `${host}:${port} failed (${code || error.message})`;
}

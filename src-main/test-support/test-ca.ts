// A throw-away certificate authority for a test run, made with openssl: the facility CA, a server
// certificate for 127.0.0.1 signed by it, and a second CA whose server certificate the client
// must refuse.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface TestCertificates {
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  /** A different CA and a server certificate it signed: what a man in the middle would present. */
  rogueCaFile: string;
  rogueServerCertFile: string;
  rogueServerKeyFile: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeAuthority(dir: string, name: string) {
  const key = path.join(dir, `${name}-ca.key`);
  const cert = path.join(dir, `${name}-ca.pem`);
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=Sallyport test CA ${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  const serverKey = path.join(dir, `${name}-server.key`);
  const csr = path.join(dir, `${name}-server.csr`);
  const serverCert = path.join(dir, `${name}-server.pem`);
  const ext = path.join(dir, `${name}-server.ext`);
  openssl(
    [
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      serverKey,
      '-out',
      csr,
      '-subj',
      '/CN=127.0.0.1',
    ],
    dir,
  );
  execFileSync('sh', [
    '-c',
    `printf '%s\\n' 'subjectAltName=IP:127.0.0.1,DNS:localhost' 'extendedKeyUsage=serverAuth' > '${ext}'`,
  ]);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      cert,
      '-CAkey',
      key,
      '-CAcreateserial',
      '-out',
      serverCert,
      '-days',
      '2',
      '-extfile',
      ext,
    ],
    dir,
  );
  return { cert, serverCert, serverKey };
}

export function makeTestCertificates(dir: string): TestCertificates {
  const facility = makeAuthority(dir, 'facility');
  const rogue = makeAuthority(dir, 'rogue');
  return {
    caFile: facility.cert,
    serverCertFile: facility.serverCert,
    serverKeyFile: facility.serverKey,
    rogueCaFile: rogue.cert,
    rogueServerCertFile: rogue.serverCert,
    rogueServerKeyFile: rogue.serverKey,
  };
}

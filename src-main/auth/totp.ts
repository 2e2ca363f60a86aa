// TOTP as RFC 6238 and CJIS IA-2(8) ask (otplib's functional API): 30 s steps, at most one step
// of drift each way, 160-bit secrets from a CSPRNG, and a code accepted once: the step it matched
// is stored and every later code must come from a newer step. The workstation's clock decides.
import { generateSecret, generateURI, verify } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;
const SECRET_BYTES = 20; // 160 bits (RFC 4226 §4 R6, CJIS IA-5(1)(d))

export interface TotpSettings {
  digits: 6 | 7 | 8;
  driftSteps: number;
}

export type TotpCheck = { ok: true; timeStep: number } | { ok: false; replayed: boolean };

export function newTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(options: {
  secret: string;
  facility: string;
  username: string;
  digits: number;
}): string {
  return generateURI({
    issuer: `Sallyport ${options.facility}`,
    label: options.username,
    secret: options.secret,
    digits: options.digits as 6 | 7 | 8,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** A code as typed: spaces (authenticator apps show "123 456") are allowed, nothing else. */
export function normaliseCode(input: string, digits: number): string | null {
  const code = input.replace(/\s+/g, '');
  return new RegExp(`^\\d{${digits}}$`).test(code) ? code : null;
}

export async function checkTotp(options: {
  secret: string;
  code: string;
  now: Date;
  /** The step of the last code this user had accepted; null before the first. */
  lastTimeStep: number | null;
  settings: TotpSettings;
}): Promise<TotpCheck> {
  const token = normaliseCode(options.code, options.settings.digits);
  if (token === null) return { ok: false, replayed: false };
  const common = {
    secret: options.secret,
    token,
    digits: options.settings.digits,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(options.now.getTime() / 1000),
    epochTolerance: options.settings.driftSteps * TOTP_PERIOD_SECONDS,
  };
  const result = await verify({
    ...common,
    ...(options.lastTimeStep === null ? {} : { afterTimeStep: options.lastTimeStep }),
  });
  if (result.valid && 'timeStep' in result) return { ok: true, timeStep: result.timeStep };
  if (options.lastTimeStep === null) return { ok: false, replayed: false };
  // Valid but from a step already used: a replay, which the audit trail records as such.
  const again = await verify(common);
  return { ok: false, replayed: again.valid };
}

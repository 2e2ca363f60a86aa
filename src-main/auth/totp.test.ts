import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, normaliseCode, totpUri, TOTP_PERIOD_SECONDS } from './totp';

const settings = { digits: 6, driftSteps: 1 } as const;
const T = new Date('2026-11-25T12:00:15Z'); // mid-step
const step = (date: Date) => Math.floor(date.getTime() / 1000 / TOTP_PERIOD_SECONDS);
const at = (date: Date, offsetSteps: number) =>
  new Date(date.getTime() + offsetSteps * TOTP_PERIOD_SECONDS * 1000);
const codeAt = (secret: string, date: Date) =>
  generateSync({ secret, epoch: Math.floor(date.getTime() / 1000) });

describe('TOTP', () => {
  const secret = newTotpSecret();

  it('makes 160-bit base32 secrets, different every time', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('accepts the current code and returns its step', async () => {
    await expect(
      checkTotp({ secret, code: codeAt(secret, T), now: T, lastTimeStep: null, settings }),
    ).resolves.toEqual({
      ok: true,
      timeStep: step(T),
    });
  });

  it('accepts one step of drift each way and refuses two', async () => {
    for (const drift of [-1, 1]) {
      const result = await checkTotp({
        secret,
        code: codeAt(secret, at(T, drift)),
        now: T,
        lastTimeStep: null,
        settings,
      });
      expect(result).toEqual({ ok: true, timeStep: step(T) + drift });
    }
    for (const drift of [-2, 2]) {
      const result = await checkTotp({
        secret,
        code: codeAt(secret, at(T, drift)),
        now: T,
        lastTimeStep: null,
        settings,
      });
      expect(result).toEqual({ ok: false, replayed: false });
    }
  });

  it('refuses drift entirely when policy sets driftSteps to 0', async () => {
    const strict = { digits: 6, driftSteps: 0 } as const;
    const result = await checkTotp({
      secret,
      code: codeAt(secret, at(T, -1)),
      now: T,
      lastTimeStep: null,
      settings: strict,
    });
    expect(result.ok).toBe(false);
  });

  it('refuses a code once used, and any code from an older step, and says it was a replay', async () => {
    const code = codeAt(secret, T);
    const first = await checkTotp({ secret, code, now: T, lastTimeStep: null, settings });
    expect(first.ok).toBe(true);
    const lastTimeStep = step(T);
    await expect(checkTotp({ secret, code, now: T, lastTimeStep, settings })).resolves.toEqual({
      ok: false,
      replayed: true,
    });
    const older = codeAt(secret, at(T, -1));
    await expect(checkTotp({ secret, code: older, now: T, lastTimeStep, settings })).resolves.toEqual({
      ok: false,
      replayed: true,
    });
    const next = codeAt(secret, at(T, 1));
    await expect(
      checkTotp({ secret, code: next, now: at(T, 1), lastTimeStep, settings }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('refuses a wrong code, a code of another secret, and malformed input', async () => {
    const other = newTotpSecret();
    for (const code of [codeAt(other, T), '000000x', '12345', '1234567', '', 'abcdef']) {
      const result = await checkTotp({ secret, code, now: T, lastTimeStep: null, settings });
      expect(result.ok).toBe(false);
    }
  });

  it('accepts the code as authenticator apps show it, with a space', () => {
    expect(normaliseCode('123 456', 6)).toBe('123456');
    expect(normaliseCode(' 123456 ', 6)).toBe('123456');
    expect(normaliseCode('123-456', 6)).toBeNull();
  });

  it('builds an otpauth URI naming the facility and the user', () => {
    const uri = totpUri({ secret, facility: 'County', username: 'officer1', digits: 6 });
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(decodeURIComponent(uri)).toContain('Sallyport County:officer1');
  });
});

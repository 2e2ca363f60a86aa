import { describe, expect, it } from 'vitest';
import { isSecretKey, neutralise, redact } from './redact';

describe('redact', () => {
  it('drops passwords, TOTP and recovery codes, keys, tokens and secrets, at any depth', () => {
    const details = {
      username: 'officer1',
      password: 'Correct horse 1!',
      totp: '123456',
      code: '654321',
      recoveryCode: 'ABCD-EFGH',
      enrolment_code: '99887766',
      token: 'dev-token',
      deviceToken: 'dev-token-2',
      access_token: 'at',
      key: 'k',
      cacheKey: 'ck',
      'api-key': 'ak',
      secret: 's',
      totpSecret: 'JBSWY3DPEHPK3PXP',
      newPassword: 'n',
      credentials: { user: 'u', pass: 'p' },
      sessionId: 'abc',
      nested: { attempts: [{ otp: '111111', at: '2026-03-01T10:00:00Z' }], reason: 'bad code' },
    };
    const kept = redact(details);
    expect(kept).toEqual({
      username: 'officer1',
      nested: { attempts: [{ at: '2026-03-01T10:00:00Z' }], reason: 'bad code' },
    });
    const text = JSON.stringify(kept);
    for (const secret of ['Correct horse', '123456', '654321', 'ABCD', 'dev-token', 'JBSWY3DP', '111111']) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps codes that are facts, not secrets', () => {
    expect(redact({ errorCode: 'LOCKED', statusCode: 401, housingUnitCode: 'B2', reason: 'x' })).toEqual({
      errorCode: 'LOCKED',
      statusCode: 401,
      housingUnitCode: 'B2',
      reason: 'x',
    });
    expect(isSecretKey('keyboardLayout')).toBe(false);
    expect(isSecretKey('bookingNumber')).toBe(false);
    expect(isSecretKey('passportNumber')).toBe(false);
    expect(isSecretKey('userPassword')).toBe(true);
    expect(isSecretKey('refreshtoken')).toBe(true);
    expect(isSecretKey('totpErrorCode')).toBe(true);
  });

  it('writes control characters, line separators and bidi overrides as visible escapes', () => {
    const kept = redact({ name: 'Bob\r\n2026-03-01 admin signed in\u2028\u202eevil\u0000', ['k\ney']: 'v' });
    expect(kept.name).toBe('Bob\\u000d\\u000a2026-03-01 admin signed in\\u2028\\u202eevil\\u0000');
    expect(Object.keys(kept)).toEqual(['name', 'k\\u000aey']);
    expect(neutralise('plain text, tabs\tand all')).toBe('plain text, tabs\\u0009and all');
  });

  it('redacts bearer values, cuts long text, and leaves out what is not data', () => {
    const kept = redact({
      header: 'Bearer abc.def',
      long: 'x'.repeat(5000),
      when: new Date('2026-03-01T10:00:00.000Z'),
      fn: () => 1,
      big: 12n,
      nan: Number.NaN,
    });
    expect(kept.header).toBe('[redacted]');
    expect(String(kept.long)).toHaveLength(1000 + '…[cut]'.length);
    expect(kept.when).toBe('2026-03-01T10:00:00.000Z');
    expect('fn' in kept).toBe(false);
    expect(kept.big).toBe('12');
    expect(kept.nan).toBeNull();
  });
});

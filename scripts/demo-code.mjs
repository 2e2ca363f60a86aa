// `npm run demo:code -- KEY`: the current TOTP code for a demo account's key, as an authenticator
// app would show it. Demo only: a real officer's key lives in their authenticator app.
import { generateSync } from 'otplib';

const secret = process.argv[2];
if (!secret || !/^[A-Z2-7]+=*$/i.test(secret)) {
  console.error('usage: npm run demo:code -- TOTP_KEY   (the key `npm start` printed for the account)');
  process.exit(2);
}
const now = Math.floor(Date.now() / 1000);
console.log(`${generateSync({ secret: secret.toUpperCase() })}  (valid for ${30 - (now % 30)} more seconds)`);

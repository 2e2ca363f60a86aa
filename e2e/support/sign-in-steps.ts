// What an officer does at the front door, as steps the browser tests share: accept the notice,
// sign in with both factors, sign out.
import type { Page } from 'playwright-core';
import type { SecondFactorKind } from '../../src-shared/contract';
import type { TestApp } from './test-workstation';

const choices: Record<SecondFactorKind, string> = {
  totp: 'Authenticator app',
  recovery: 'Recovery code',
  enrolment: 'First sign-in',
};

const codeLabels: Record<SecondFactorKind, string> = {
  totp: 'Authenticator code',
  recovery: 'Recovery code',
  enrolment: 'Enrolment code',
};

export async function acceptBanner(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'I understand and agree' }).click();
  await page.getByLabel('Username').waitFor();
}

export interface Credentials {
  username: string;
  password: string;
  kind?: SecondFactorKind;
  code: string;
}

/** Fills the sign-in form and presses Sign in; waits for nothing, so a test can check the outcome. */
export async function submitSignIn(page: Page, credentials: Credentials): Promise<void> {
  const kind = credentials.kind ?? 'totp';
  await page.getByLabel('Username').fill(credentials.username);
  await page.getByLabel('Password').fill(credentials.password);
  const choice = page.getByRole('radio', { name: choices[kind] });
  // The radio input is visually hidden inside its segment: press the segment, as a person does.
  if (!(await choice.isChecked())) await page.locator('label', { has: choice }).click();
  await page.getByRole('textbox', { name: codeLabels[kind] }).fill(credentials.code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Accepts the notice, signs a demo account in (password, authenticator code), waits for the shell. */
export async function signInThroughDirectory(page: Page, app: TestApp, username: string): Promise<void> {
  await acceptBanner(page);
  const account = app.test.account(username);
  await submitSignIn(page, {
    username: account.username,
    password: account.password,
    code: await app.test.totpFor(account.username),
  });
  await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
}

/** Accepts the notice, signs in with an enrolment code, waits for the authenticator step. */
export async function beginEnrolment(
  page: Page,
  account: { username: string; password: string },
  code: string,
): Promise<void> {
  await acceptBanner(page);
  await submitSignIn(page, {
    username: account.username,
    password: account.password,
    kind: 'enrolment',
    code,
  });
  await page.getByRole('heading', { level: 1, name: 'Add Sallyport to your authenticator app' }).waitFor();
}

/** The sign-in alert region, once it says something. */
export function signInAlert(page: Page) {
  return page.locator('.sign-in-form [role="alert"]').filter({ hasText: /./ });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('contentinfo').getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'I understand and agree' }).waitFor();
}

import { describe, expect, it } from 'vitest';
import { EXIT_USAGE } from './cli-context';
import { runCli, USAGE } from './run-cli';
import { captureContext } from './testing/cli-harness';

describe('sallyport argument parsing', () => {
  const usageCases: [string[], RegExp][] = [
    [[], /no command given/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['doctor', '--bogus'], /Unknown option '--bogus'/],
    [['doctor', 'extra'], /positional/i],
    [['doctor', '--policy'], /argument missing/i],
    [['audit'], /audit takes one subcommand: verify/],
    [['audit', 'check'], /audit takes one subcommand: verify/],
    [['audit', 'verify', 'again'], /audit takes one subcommand: verify/],
    [['device-token'], /device-token takes one subcommand: set/],
  ];
  for (const [argv, problem] of usageCases) {
    it(`answers \`sallyport ${argv.join(' ')}\` with the usage and exit 2`, async () => {
      const { context, out, err } = captureContext({});
      expect(await runCli(argv, context)).toBe(EXIT_USAGE);
      expect(out).toEqual([]);
      expect(err[0]).toMatch(problem);
      expect(err[0]).toMatch(/^sallyport: /);
      expect(err[1]).toBe(USAGE);
    });
  }

  it('prints the usage for help, and exits 0', async () => {
    const { context, out } = captureContext({});
    expect(await runCli(['help'], context)).toBe(0);
    expect(out.join('\n')).toMatch(/sallyport doctor \[--policy FILE\] \[--cache FILE\]/);
    expect(out.join('\n')).toMatch(/sallyport audit verify \[--cache FILE\]/);
  });
});

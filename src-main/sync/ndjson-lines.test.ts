import { describe, expect, it } from 'vitest';
import { LineSplitter } from './ndjson-lines';

function split(chunks: Buffer[], max = 1000) {
  const splitter = new LineSplitter(max);
  const lines: string[] = [];
  const fits = chunks.map((chunk) => splitter.push(chunk, (line) => lines.push(line)));
  return { lines, rest: splitter.end(), fits };
}

describe('LineSplitter', () => {
  it('finds lines across chunk boundaries, keeping only the unfinished one', () => {
    const text = '{"a":1}\n{"b":2}\r\n\n{"c":3}\n{"d":';
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const { lines, rest } = split([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
      expect(rest).toBe('{"d":');
    }
  });

  it('puts a character split between chunks back together', () => {
    const bytes = Buffer.from('{"name":"Zoë Ångström"}\n');
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      expect(split([bytes.subarray(0, cut), bytes.subarray(cut)]).lines).toEqual(['{"name":"Zoë Ångström"}']);
    }
  });

  it('says when an unfinished line grows past the limit', () => {
    const { fits } = split([Buffer.from('x'.repeat(600)), Buffer.from('y'.repeat(600))], 1000);
    expect(fits).toEqual([true, false]);
  });
});

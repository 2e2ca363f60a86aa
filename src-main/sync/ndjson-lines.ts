// Splits a byte stream into NDJSON lines as it arrives: only the unfinished last line is kept
// between chunks, never the page. UTF-8 characters split across chunks are put back together.
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  readonly #maxLineChars: number;
  #tail = '';

  /** A line longer than `maxLineChars` is refused (it would otherwise grow without bound). */
  constructor(maxLineChars: number) {
    this.#maxLineChars = maxLineChars;
  }

  /** Calls `onLine` for each complete, non-empty line in `chunk`, in order; false: too long. */
  push(chunk: Buffer, onLine: (line: string) => void): boolean {
    const text = this.#tail + this.#decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (stop > start) onLine(text.slice(start, stop));
      start = end + 1;
    }
    this.#tail = start === 0 ? text : text.slice(start);
    return this.#tail.length <= this.#maxLineChars;
  }

  /** Whatever followed the last newline: '' for a well-formed stream, else a cut-off line. */
  end(): string {
    return this.#tail + this.#decoder.end();
  }
}

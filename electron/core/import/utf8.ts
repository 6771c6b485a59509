import { FrusXmlError } from './teiReader';

/**
 * Strict UTF-8 over a stream of byte chunks (issue 12 item 2): the first byte that cannot belong
 * to well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF, no
 * truncated sequence) ends the file with its byte offset, instead of the U+FFFD a lenient decoder
 * would put in its place and import.
 */
export class Utf8Check {
  private need = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private offset = 0;
  private start = 0;

  constructor(private readonly file: string) {}

  private fail(at: number, byte: number | null): never {
    throw new FrusXmlError(
      `${this.file}: not UTF-8: ${byte === null ? 'a truncated character' : `byte 0x${byte.toString(16).padStart(2, '0')}`} at byte offset ${at}; nothing was imported`,
    );
  }

  check(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i += 1) {
      const c = bytes[i]!;
      if (this.need === 0) {
        if (c < 0x80) continue;
        this.start = this.offset + i;
        if (c >= 0xc2 && c <= 0xdf) this.need = 1;
        else if (c >= 0xe0 && c <= 0xef) {
          this.need = 2;
          if (c === 0xe0) this.lower = 0xa0;
          if (c === 0xed) this.upper = 0x9f;
        } else if (c >= 0xf0 && c <= 0xf4) {
          this.need = 3;
          if (c === 0xf0) this.lower = 0x90;
          if (c === 0xf4) this.upper = 0x8f;
        } else this.fail(this.offset + i, c);
        continue;
      }
      if (c < this.lower || c > this.upper) this.fail(this.offset + i, c);
      this.lower = 0x80;
      this.upper = 0xbf;
      this.need -= 1;
    }
    this.offset += bytes.length;
  }

  end(): void {
    if (this.need > 0) this.fail(this.start, null);
  }
}

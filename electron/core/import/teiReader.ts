import { SaxesParser, type SaxesTagNS } from 'saxes';
import { CableroomError } from '../errors';

/**
 * Streaming extraction of FRUS documents (`div[@type='document']`) from TEI XML with saxes.
 *
 * Only the document being read is held in memory, as a small element tree; everything outside a
 * document (the TEI header, front matter, chapter divs) is dropped as it streams past, except the
 * volume id. Safety:
 * - any `<!DOCTYPE` ends the file with an error: no DTD, so no entity declarations, no external
 *   entities (XXE) and no entity expansion (billion laughs). saxes itself never reads a DTD or an
 *   external resource; an entity it does not know (`&e;`) is a well-formedness error;
 * - malformed or truncated XML, an unbound namespace prefix or a non-UTF-8 declaration is an error
 *   for the whole file (`FrusXmlError`), never a crash;
 * - nesting is limited to MAX_DEPTH; a document over MAX_DOCUMENT_CHARS or MAX_DOCUMENT_NODES is
 *   not kept (reported broken) while the rest of the file streams on.
 */

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';
export const FRUS_NS = 'http://history.state.gov/frus/ns/1.0';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export const MAX_DEPTH = 256;
export const MAX_DOCUMENT_CHARS = 2_000_000;
export const MAX_DOCUMENT_NODES = 100_000;

export type TeiNode = TeiElement | string;
export type TeiElement = {
  /** Local name ("div", "head", "gloss"). */
  name: string;
  /** Attributes by canonical name: "type", "n", "xml:id", "frus:doc-dateTime-min". */
  attrs: Record<string, string>;
  children: TeiNode[];
};

/** One document as read from the stream; `broken` says why it was not kept. */
export type RawDocument = Readonly<{
  element: TeiElement;
  /** The volume id known when the document ended (TEI/@xml:id or bibl[@type='frus-volume-id']). */
  volume: string | null;
  broken: string | null;
}>;

/** A file-level failure: the file is not (safe, well-formed) TEI. Nothing of it should be imported. */
export class FrusXmlError extends CableroomError {
  constructor(message: string) {
    super('BAD_REQUEST', message);
    this.name = 'FrusXmlError';
  }
}

function attrName(uri: string, local: string, qualified: string): string {
  if (uri === '') return local;
  if (uri === XML_NS) return `xml:${local}`;
  if (uri === FRUS_NS) return `frus:${local}`;
  return qualified;
}

function attributesOf(tag: SaxesTagNS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of Object.values(tag.attributes)) {
    if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
    out[attrName(a.uri, a.local, a.name)] = a.value;
  }
  return out;
}

/**
 * A push parser: `write` chunks of text, `close` at the end. Each completed document is handed to
 * `onDocument` synchronously. Any failure throws a `FrusXmlError` (and the reader is then unusable).
 */
export class TeiDocumentReader {
  private readonly parser: SaxesParser<{ xmlns: true; position: true; fileName: string }>;
  private readonly file: string;
  private depth = 0;
  private sawRoot = false;
  private documents = 0;
  private volume: string | null = null;
  private capturingVolume: string | null = null;
  private volumeDepth = 0;
  /** The open elements of the current document (stack[0] is the document div). */
  private stack: TeiElement[] = [];
  private docDepth = 0;
  private docChars = 0;
  private docNodes = 0;
  private broken: string | null = null;
  private first = true;
  private failed: FrusXmlError | null = null;

  constructor(
    file: string,
    private readonly onDocument: (doc: RawDocument) => void,
  ) {
    this.file = file;
    this.parser = new SaxesParser({ xmlns: true, position: true, fileName: file });
    const p = this.parser;
    p.on('doctype', () => {
      throw this.error(
        'a <!DOCTYPE> declaration is not accepted (it can declare entities: external entities and entity expansion are refused)',
      );
    });
    p.on('xmldecl', (decl) => {
      const enc = decl.encoding?.toLowerCase();
      if (enc !== undefined && enc !== 'utf-8' && enc !== 'utf8') {
        throw this.error(`the XML declares encoding "${decl.encoding}"; only UTF-8 is read`);
      }
    });
    p.on('opentag', (tag) => this.open(tag));
    p.on('closetag', () => this.close());
    p.on('text', (text) => this.text(text));
    p.on('cdata', (text) => this.text(text));
  }

  private where(): string {
    return `${this.file}:${this.parser.line}:${this.parser.column}`;
  }

  private error(reason: string): FrusXmlError {
    return new FrusXmlError(`${this.where()}: ${reason}`);
  }

  private open(tag: SaxesTagNS): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw this.error(`elements nest deeper than ${MAX_DEPTH} levels`);
    if (!this.sawRoot) {
      this.sawRoot = true;
      if (tag.local !== 'TEI') throw this.error(`the root element is <${tag.name}>, not a TEI <TEI> element`);
      const id = tag.attributes['xml:id'];
      if (id && typeof id === 'object' && /^frus/i.test(id.value)) this.volume = id.value;
    }
    if (this.stack.length > 0) {
      this.docDepth += 1;
      this.docNodes += 1;
      if (this.broken) return;
      if (this.docNodes > MAX_DOCUMENT_NODES) {
        this.markBroken(`the document has more than ${MAX_DOCUMENT_NODES} elements`);
        return;
      }
      const el: TeiElement = { name: tag.local, attrs: attributesOf(tag), children: [] };
      this.stack[this.stack.length - 1]!.children.push(el);
      this.stack.push(el);
      return;
    }
    const attrs = attributesOf(tag);
    if (tag.local === 'div' && attrs.type === 'document') {
      this.documents += 1;
      this.stack = [{ name: 'div', attrs, children: [] }];
      this.docDepth = 1;
      this.docChars = 0;
      this.docNodes = 1;
      this.broken = null;
      return;
    }
    if (tag.local === 'bibl' && attrs.type === 'frus-volume-id' && this.capturingVolume === null) {
      this.capturingVolume = '';
      this.volumeDepth = this.depth;
    }
  }

  private markBroken(reason: string): void {
    this.broken = reason;
    // Drop what was collected: keep only the document element and its attributes.
    const root = this.stack[0]!;
    root.children = [];
    this.stack = [root];
  }

  private close(): void {
    if (this.stack.length > 0) {
      this.docDepth -= 1;
      if (this.docDepth === 0) {
        const element = this.stack[0]!;
        this.stack = [];
        this.depth -= 1;
        this.onDocument({ element, volume: this.volume, broken: this.broken });
        return;
      }
      if (!this.broken) this.stack.pop();
    } else if (this.capturingVolume !== null && this.depth === this.volumeDepth) {
      const v = this.capturingVolume.trim();
      if (this.volume === null && /^[\w.-]{1,80}$/.test(v)) this.volume = v;
      this.capturingVolume = null;
    }
    this.depth -= 1;
  }

  private text(text: string): void {
    if (this.stack.length > 0) {
      if (this.broken) return;
      this.docChars += text.length;
      if (this.docChars > MAX_DOCUMENT_CHARS) {
        this.markBroken(`the document holds more than ${MAX_DOCUMENT_CHARS} characters of text`);
        return;
      }
      const top = this.stack[this.stack.length - 1]!;
      const last = top.children[top.children.length - 1];
      if (typeof last === 'string') top.children[top.children.length - 1] = last + text;
      else top.children.push(text);
    } else if (this.capturingVolume !== null && this.capturingVolume.length < 200) {
      this.capturingVolume += text;
    }
  }

  private guard(run: () => void): void {
    if (this.failed) throw this.failed;
    try {
      run();
    } catch (e) {
      if (e instanceof FrusXmlError) this.failed = e;
      else {
        // saxes reports "file:line:column: message".
        const message = e instanceof Error ? e.message : String(e);
        const at = message.startsWith(`${this.file}:`)
          ? /^(\d+:\d+): (.*)$/s.exec(message.slice(this.file.length + 1))
          : null;
        this.failed = new FrusXmlError(
          at ? `${this.file}:${at[1]}: malformed XML: ${at[2]}` : `${this.file}: malformed XML: ${message}`,
        );
      }
      throw this.failed;
    }
  }

  write(chunk: string): void {
    this.guard(() => {
      let text = chunk;
      if (this.first && text.length > 0) {
        this.first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      this.parser.write(text);
    });
  }

  /** Ends the input: a truncated file fails here (an unclosed element). */
  end(): void {
    this.guard(() => {
      this.parser.close();
      if (!this.sawRoot) throw this.error('the file holds no XML element');
      if (this.documents === 0) {
        throw this.error('no FRUS document (div[@type="document"]) found: not a FRUS TEI file');
      }
    });
  }
}

export function childElements(el: TeiElement, name?: string): TeiElement[] {
  return el.children.filter((c): c is TeiElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

/** Depth-first search for elements (document order). */
export function findAll(el: TeiElement, pred: (e: TeiElement) => boolean): TeiElement[] {
  const out: TeiElement[] = [];
  const stack: TeiElement[] = [el];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e !== el && pred(e)) out.push(e);
    const kids = childElements(e);
    for (let i = kids.length - 1; i >= 0; i -= 1) stack.push(kids[i]!);
  }
  return out;
}

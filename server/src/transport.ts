// The server's side of the wire, hardened against a buggy or hostile client: the stdio framing
// (Content-Length headers) read by hand so that a bad header, a body of the wrong length or bytes
// that are not JSON cost that message only, and a gate in front of the connection that answers
// or drops every message the handlers must never see: requests before `initialize` or after
// `shutdown`, messages that are not JSON-RPC, and the parameters LSP defines that are missing or
// of the wrong type (InvalidParams). The handlers then only meet well-typed parameters; what
// they still check is what only the documents know (unknown documents, positions past the end).
import {
  AbstractMessageReader,
  DataCallback,
  Disposable,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  Message,
  MessageReader,
  MessageWriter,
  StreamMessageWriter,
} from 'vscode-languageserver/node';

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const CONTENT_LENGTH = Buffer.from('Content-Length:', 'ascii');
/** A body larger than this is refused (its bytes are skipped): 1 GiB. */
const MAX_BODY = 1 << 30;
/** Bytes without a header end kept while waiting for one (a header is a few dozen bytes). */
const MAX_HEADER = 64 * 1024;

type Reply = (message: Message) => void;

/**
 * Reads `Content-Length`-framed JSON-RPC messages from a stream. A header without a usable
 * Content-Length is skipped (and the reading resumes at the next `Content-Length:`); a body that
 * is not JSON is answered with a ParseError; a body declared longer than it is, followed by the
 * next message's header, is cut at that header (a JSON body never holds a raw CR LF, so a raw
 * `Content-Length:` line inside one is the next message).
 */
export class FramedMessageReader extends AbstractMessageReader implements MessageReader {
  private chunks: Buffer[] = [];
  private size = 0;
  /** the length of the body being read, or -1 while a header is read */
  private need = -1;
  private callback: DataCallback | undefined;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly reply: Reply,
    private readonly log: (m: string) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (data: Buffer | string) => this.onData(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    const onError = (e: Error) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onClose);
    this.input.on('close', onClose);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('end', onClose);
      this.input.off('close', onClose);
    });
  }

  private flatten(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  /** The last `n` bytes buffered (n at most what is buffered), without joining the chunks. */
  private lastBytes(n: number): Buffer {
    const parts: Buffer[] = [];
    for (let i = this.chunks.length - 1, left = n; i >= 0 && left > 0; i--) {
      const c = this.chunks[i];
      parts.unshift(c.length > left ? c.subarray(c.length - left) : c);
      left -= c.length;
    }
    return Buffer.concat(parts, n);
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length ? [rest] : [];
    this.size = rest.length;
  }

  private onData(data: Buffer): void {
    if (!data.length) return;
    // in a body: a raw Content-Length line in the new bytes (or across the previous boundary)
    // means the declared length was too long
    let cut = -1;
    if (this.need >= 0) {
      const back = Math.min(this.size, 40);
      const tail = back ? Buffer.concat([this.lastBytes(back), data]) : data;
      const at = indexOfHeader(tail);
      if (at >= 0) cut = this.size - back + at;
    }
    this.chunks.push(data);
    this.size += data.length;
    if (cut >= 0 && cut < this.need) this.cutAt(cut);
    this.drain();
  }

  /** Ends the body being read at `at` (where the next message's header is): a body too short for its Content-Length. */
  private cutAt(at: number): void {
    const buf = this.flatten();
    this.log(`ignoring a message whose Content-Length (${this.need}) runs into the next message's header`);
    this.parseError('the body is shorter than its Content-Length');
    this.keep(buf.subarray(at));
    this.need = -1;
  }

  private drain(): void {
    for (;;) {
      if (this.need < 0) {
        const buf = this.flatten();
        const end = buf.indexOf(HEADER_END);
        if (end < 0) {
          if (buf.length > MAX_HEADER) {
            // garbage without a header end: keep only what may start the next header
            const at = buf.lastIndexOf(CONTENT_LENGTH);
            this.log(`ignoring ${at > 0 ? at : buf.length - 64} bytes that are not a message header`);
            this.keep(at > 0 ? buf.subarray(at) : buf.subarray(buf.length - 64));
          }
          return;
        }
        const header = buf.toString('latin1', 0, end);
        this.keep(buf.subarray(end + HEADER_END.length));
        const length = contentLength(header);
        if (typeof length === 'string') {
          this.log(`ignoring a message header: ${length}`);
          continue;
        }
        this.need = length;
        // the bytes already here: the next message's header inside the declared body cuts it
        const rest = this.chunks[0];
        const at = rest ? indexOfHeader(rest.subarray(0, Math.min(rest.length, length + 40))) : -1;
        if (at >= 0 && at < length) {
          this.cutAt(at);
          continue;
        }
      }
      if (this.size < this.need) return;
      const buf = this.flatten();
      const body = buf.subarray(0, this.need);
      this.keep(buf.subarray(this.need));
      this.need = -1;
      this.deliver(body);
    }
  }

  private deliver(body: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch (e) {
      this.log(`ignoring a message that is not JSON (${body.length} bytes): ${(e as Error).message}`);
      this.parseError((e as Error).message);
      return;
    }
    try {
      this.callback?.(message as Message);
    } catch (e) {
      this.log(`a message could not be handled: ${(e as Error).stack ?? e}`);
    }
  }

  private parseError(why: string): void {
    this.reply({ jsonrpc: '2.0', id: null, error: { code: ErrorCodes.ParseError, message: `Parse error: ${why}` } } as Message);
  }
}

/**
 * The position of a raw `Content-Length: <digits>` followed by a raw CR LF, or -1: never inside a
 * JSON body (its strings hold no raw CR or LF), so the start of a message.
 */
function indexOfHeader(buf: Buffer): number {
  for (let at = buf.indexOf(CONTENT_LENGTH); at >= 0; at = buf.indexOf(CONTENT_LENGTH, at + 1)) {
    let i = at + CONTENT_LENGTH.length;
    while (buf[i] === 0x20 || buf[i] === 0x09) i++;
    const digits = i;
    while (buf[i] >= 0x30 && buf[i] <= 0x39) i++;
    if (i > digits && buf[i] === 0x0d && buf[i + 1] === 0x0a) return at;
  }
  return -1;
}

/**
 * The body length a header block declares, or why there is none. When the block holds more
 * than one Content-Length (the tail of a bad body before the next header), the last one counts.
 */
function contentLength(header: string): number | string {
  const all = [...header.matchAll(/content-length:[ \t]*([^\r\n]*)/gi)];
  if (!all.length) return `no Content-Length in ${JSON.stringify(header.slice(0, 200))}`;
  const value = all[all.length - 1][1].trim();
  if (!/^\d{1,10}$/.test(value)) return `the Content-Length ${JSON.stringify(value.slice(0, 50))} is not a length`;
  const n = Number(value);
  if (n > MAX_BODY) return `a Content-Length of ${n} bytes is more than the ${MAX_BODY} accepted`;
  return n;
}

// ------------------------------------------------------------------ parameters

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a check reads parameters of any shape, after testing each field it reads
type Check = (p: any) => string | undefined;

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
const isUint = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 2 ** 31 - 1;

const position = (p: unknown, name = 'position'): string | undefined =>
  isObject(p) && isUint(p.line) && isUint(p.character) ? undefined : `${name} must be { line, character } with whole numbers from 0`;
const range = (r: unknown, name = 'range'): string | undefined =>
  isObject(r) ? (position(r.start, `${name}.start`) ?? position(r.end, `${name}.end`)) : `${name} must be { start, end }`;
const document: Check = (p) =>
  isObject(p.textDocument) && typeof p.textDocument.uri === 'string' ? undefined : 'textDocument.uri must be a string';
const all =
  (...checks: Check[]): Check =>
  (p) => {
    for (const c of checks) {
      const why = c(p);
      if (why) return why;
    }
    return undefined;
  };
const atPosition = all(document, (p) => position(p.position));
const inRange = all(document, (p) => range(p.range));
const formatting: Check = (p) =>
  isObject(p.options) && isUint(p.options.tabSize) && typeof p.options.insertSpaces === 'boolean'
    ? undefined
    : 'options must be { tabSize, insertSpaces }';

/** What each method's parameters must be (LSP 3.17, and ClaimNote's own requests); a method not listed is passed on as it is. */
const PARAMS: Record<string, Check> = {
  'claimnote/export': (p) =>
    p.to !== '837p' && p.to !== 'fhir'
      ? 'to must be "837p" or "fhir"'
      : p.uri !== undefined && typeof p.uri !== 'string'
        ? 'uri must be a string'
        : undefined,
  'claimnote/form': (p) =>
    typeof p.uri !== 'string' ? 'uri must be a string' : !isUint(p.line) ? 'line must be a whole number from 0' : undefined,
  'claimnote/appeal': (p) =>
    typeof p.uri !== 'string' ? 'uri must be a string' : !isUint(p.line) ? 'line must be a whole number from 0' : undefined,
  'claimnote/remit': (p) =>
    Array.isArray(p.files) && p.files.every((f: unknown) => isObject(f) && typeof f.name === 'string' && typeof f.text === 'string')
      ? undefined
      : 'files must be an array of { name, text }',
  'claimnote/import': (p) =>
    Array.isArray(p.files) && p.files.every((f: unknown) => isObject(f) && typeof f.name === 'string' && typeof f.text === 'string')
      ? undefined
      : 'files must be an array of { name, text }',
  '$/cancelRequest': (p) => (typeof p.id === 'number' || typeof p.id === 'string' ? undefined : 'id must be a number or a string'),
  '$/setTrace': (p) => (typeof p.value === 'string' ? undefined : 'value must be a string'),
  'workspace/didChangeWorkspaceFolders': (p) =>
    isObject(p.event) && Array.isArray(p.event.added) && Array.isArray(p.event.removed) ? undefined : 'event must be { added, removed }',
  initialize: (p) => (isObject(p.capabilities) ? undefined : 'capabilities must be an object'),
  'textDocument/didOpen': all(document, (p) =>
    typeof p.textDocument.text === 'string' ? undefined : 'textDocument.text must be a string',
  ),
  'textDocument/didChange': all(document, (p) => (Array.isArray(p.contentChanges) ? undefined : 'contentChanges must be an array')),
  'textDocument/didClose': document,
  'textDocument/didSave': document,
  'workspace/didChangeWatchedFiles': (p) => (Array.isArray(p.changes) ? undefined : 'changes must be an array'),
  'textDocument/hover': atPosition,
  'textDocument/completion': atPosition,
  'textDocument/definition': atPosition,
  'textDocument/references': atPosition,
  'textDocument/documentHighlight': atPosition,
  'textDocument/prepareRename': atPosition,
  'textDocument/rename': all(atPosition, (p) => (typeof p.newName === 'string' ? undefined : 'newName must be a string')),
  'textDocument/documentSymbol': document,
  'workspace/symbol': (p) => (typeof p.query === 'string' ? undefined : 'query must be a string'),
  'textDocument/foldingRange': document,
  'textDocument/selectionRange': all(document, (p) =>
    Array.isArray(p.positions)
      ? p.positions.map((x: unknown, i: number) => position(x, `positions[${i}]`)).find(Boolean)
      : 'positions must be an array',
  ),
  'textDocument/semanticTokens/full': document,
  'textDocument/semanticTokens/range': inRange,
  'textDocument/formatting': all(document, formatting),
  'textDocument/rangeFormatting': all(inRange, formatting),
  'textDocument/codeLens': document,
  'textDocument/inlayHint': inRange,
  'textDocument/codeAction': all(
    inRange,
    (p) => (isObject(p.context) ? undefined : 'context must be an object'),
    (p) =>
      p.context.only === undefined ||
      p.context.only === null ||
      (Array.isArray(p.context.only) && p.context.only.every((k: unknown) => typeof k === 'string'))
        ? undefined
        : 'context.only must be an array of strings',
  ),
};

/** The methods whose parameters must be an object (every one listed, and the lifecycle's). */
function checkParams(method: string, params: unknown): string | undefined {
  const check = PARAMS[method];
  if (!check)
    return params === undefined || params === null || typeof params === 'object' ? undefined : 'params must be an object or an array';
  if (!isObject(params)) return 'params must be an object';
  return check(params);
}

/**
 * Wraps a reader: every message goes through the gate first. Requests that may not run are
 * answered here, with the error LSP names for them; notifications that may not run are dropped
 * (and logged).
 */
export class GatedMessageReader extends AbstractMessageReader implements MessageReader {
  private initialized = false;
  private initializedNotified = false;
  private shutDown = false;

  constructor(
    private readonly inner: MessageReader,
    private readonly reply: Reply,
    private readonly log: (m: string) => void,
  ) {
    super();
    inner.onError((e) => this.fireError(e));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((i) => this.firePartialMessage(i));
  }

  /** Whether a `shutdown` request was received (the process then exits with 0). */
  get shutdownReceived(): boolean {
    return this.shutDown;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      const why = this.refuse(message);
      if (!why) {
        callback(message);
        return;
      }
      const m = message as { id?: unknown; method?: unknown };
      const isRequest = isObject(m) && typeof m.method === 'string' && (typeof m.id === 'number' || typeof m.id === 'string');
      const name = isObject(m) && typeof m.method === 'string' ? m.method : 'a message';
      this.log(`ignoring ${name}: ${why.message}`);
      if (isRequest || why.code === ErrorCodes.InvalidRequest) {
        this.reply({ jsonrpc: '2.0', id: isRequest ? m.id : null, error: { code: why.code, message: why.message } } as Message);
      }
    });
  }

  private refuse(message: unknown): { code: number; message: string } | undefined {
    if (!isObject(message)) return { code: ErrorCodes.InvalidRequest, message: 'a message must be a JSON object' };
    const { method, id } = message;
    if (method === undefined) {
      // a response to one of the server's requests
      if (typeof id === 'number' || typeof id === 'string') return undefined;
      return { code: ErrorCodes.InvalidRequest, message: 'a message must have a method or be a response with an id' };
    }
    if (typeof method !== 'string') return { code: ErrorCodes.InvalidRequest, message: 'method must be a string' };
    const isRequest = id !== undefined;
    if (isRequest && typeof id !== 'number' && typeof id !== 'string')
      return { code: ErrorCodes.InvalidRequest, message: 'id must be a number or a string' };
    if (method === 'exit') return undefined;
    if (!this.initialized && method !== 'initialize') {
      return isRequest
        ? { code: ErrorCodes.ServerNotInitialized, message: `the server is not initialized (${method} before initialize)` }
        : { code: 0, message: 'before initialize' };
    }
    if (method === 'initialize' && this.initialized) return { code: ErrorCodes.InvalidRequest, message: 'initialize was already received' };
    if (method === 'initialized') {
      // (a second one would read the workspace folders again)
      if (this.initializedNotified) return { code: 0, message: 'initialized was already received' };
      this.initializedNotified = true;
    }
    if (this.shutDown)
      return isRequest
        ? { code: ErrorCodes.InvalidRequest, message: `the server is shutting down (${method} after shutdown)` }
        : { code: 0, message: 'after shutdown' };
    const bad = checkParams(method, message.params);
    if (bad) return isRequest ? { code: ErrorCodes.InvalidParams, message: bad } : { code: 0, message: bad };
    if (method === 'initialize') this.initialized = true;
    if (method === 'shutdown') this.shutDown = true;
    return undefined;
  }
}

export interface Transport {
  reader: GatedMessageReader;
  writer: MessageWriter;
}

/**
 * The transport the command line asks for (`--stdio` or `--node-ipc`), gated; undefined for
 * another (a socket or a pipe: the library's own).
 */
export function createTransport(argv: readonly string[], log: (m: string) => void): Transport | undefined {
  let writer: MessageWriter;
  let inner: MessageReader;
  // the log is the connection's, which exists once the transport does
  const reply: Reply = (m) => {
    void writer.write(m).catch(() => undefined);
  };
  if (argv.includes('--stdio')) {
    // the client closed its end (EPIPE): no answer can reach it any more, and every log line
    // written about the failure would fail again; exit (the client restarts a server it needs)
    process.stdout.on('error', () => process.exit(1));
    writer = new StreamMessageWriter(process.stdout);
    inner = new FramedMessageReader(process.stdin, reply, log);
  } else if (argv.includes('--node-ipc')) {
    writer = new IPCMessageWriter(process);
    inner = new IPCMessageReader(process);
  } else return undefined;
  return { reader: new GatedMessageReader(inner, reply, log), writer };
}

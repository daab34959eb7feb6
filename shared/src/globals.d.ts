/**
 * The WHATWG URL class exists in both Node and browsers; shared code is compiled without
 * the DOM or Node typings, so the part it uses is declared here.
 */
declare class URL {
  constructor(input: string, base?: string);
  readonly origin: string;
  readonly protocol: string;
  readonly host: string;
}

/** Web Crypto's random values, in Node (`globalThis.crypto`) and every browser page, secure or not. */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

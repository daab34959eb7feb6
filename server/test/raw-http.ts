import { request } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../src/observability/logger.js';

/**
 * Raw HTTP for abuse tests (issue 18): requests whose path, Host or body a normal client
 * (fetch, ws) would rewrite or send in full, and a logger whose lines the test can count.
 */
export interface LogLine {
  level: number;
  msg: string;
  conn?: number;
  code?: number;
  [field: string]: unknown;
}

export function captureLogs(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n')) if (text) lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

export const WARN = 40;

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends `path` exactly as given (no normalisation), with any `Host`. */
export function rawRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(baseUrl, { method: options.method ?? 'GET', path, headers: options.headers ?? {} });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.end(options.body);
  });
}

/** A WebSocket upgrade with a raw path and any headers: 101, or the refusal's status. */
export function rawUpgrade(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(baseUrl, {
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('error', reject);
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.end();
  });
}

/**
 * Declares a `declaredBytes` body but sends only its first 64 KiB, then waits. The answer
 * can only come from a server that decided without reading (or buffering) the body.
 */
export function postWithoutFinishing(
  url: string,
  declaredBytes: number,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method ?? 'POST',
      headers: { 'Content-Type': 'application/octet-stream', ...options.headers, 'Content-Length': declaredBytes },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('no answer while the body was still being sent'));
    }, 10_000);
    req.on('error', () => undefined);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.write(Buffer.alloc(64 * 1024));
  });
}

import { readFileSync } from 'node:fs';
import type { RedisOptions } from 'ioredis';
import { ConfigError } from '../../engine/errors.ts';
import { settings } from '../../engine/settings.ts';

/** What the queue's connection is, and how to speak of it without giving its credentials away. */
export interface QueueConnection {
  /** ioredis options: host, port, credentials, TLS, and a reconnect backoff. */
  options: RedisOptions;
  /** `host:port` (`rediss://host:port` with TLS): what log lines and errors name, never with the credentials. */
  label: string;
  /** The text with every credential replaced by `***` (an error message from Redis, a log line, a URL). */
  redact(text: string): string;
}

/**
 * The environment variables read for the queue's credentials and TLS files, so that no secret has to sit in a
 * URL on a command line (where `ps` shows it). Read here rather than in src/engine/settings.ts only because that
 * module belongs to another part of the project; the values are passed in, never read elsewhere.
 */
export const QUEUE_ENV = {
  user: 'GROKCHECK_QUEUE_USER',
  password: 'GROKCHECK_QUEUE_PASSWORD',
  ca: 'GROKCHECK_QUEUE_CA',
  cert: 'GROKCHECK_QUEUE_CERT',
  key: 'GROKCHECK_QUEUE_KEY',
} as const;

const HINT = 'must be a Redis URL, e.g. redis://127.0.0.1:6379, or rediss://HOST:6380 for TLS (user and password in the URL or in GROKCHECK_QUEUE_USER / GROKCHECK_QUEUE_PASSWORD)';

/** A URL with everything before its last '@' masked (after the scheme): for a value that may not even parse. */
export const redactUrl = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/i, '$1***@');

/** Text with the user info of every URL in it masked. */
const redactUrls = (text: string): string => text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^@\s/]*@/gi, '$1***@');

/**
 * Backoff between reconnection attempts: 0.2 s, doubling, at most 5 s, for ever (the producer and the worker
 * decide themselves when waiting has lasted long enough). ioredis calls it with the attempt number.
 */
export const reconnectDelay = (attempt: number): number => Math.min(200 * 2 ** Math.min(attempt - 1, 5), 5000);

/**
 * Connection options from redis://[user:password@]host:port or rediss://… (TLS with the system's CAs, or the CA,
 * client certificate and key files named by GROKCHECK_QUEUE_CA / _CERT / _KEY). A ConfigError names the field
 * (with the URL's credentials masked) otherwise.
 */
export function queueConnection(url: string, field = '--queue', env: Readonly<Record<string, string | undefined>> = settings().queueEnv): QueueConnection {
  let u: URL;
  try { u = new URL(url); } catch { throw new ConfigError(field, redactUrl(url), HINT); }
  if ((u.protocol !== 'redis:' && u.protocol !== 'rediss:') || !u.hostname) throw new ConfigError(field, redactUrl(url), HINT);
  const username = decodeURIComponent(u.username) || env[QUEUE_ENV.user] || undefined;
  const password = decodeURIComponent(u.password) || env[QUEUE_ENV.password] || undefined;
  const port = Number(u.port || 6379), tls = u.protocol === 'rediss:';
  const secrets = [password, u.password].filter((s): s is string => !!s && s.length >= 3);
  const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), redactUrls(text));
  return {
    options: {
      host: u.hostname, port, ...(username ? { username } : {}), ...(password ? { password } : {}),
      ...(tls ? { tls: tlsOptions(env) } : {}),
      // BullMQ needs commands to wait through a reconnection rather than fail after a few retries
      maxRetriesPerRequest: null,
      retryStrategy: reconnectDelay,
    },
    label: `${tls ? 'rediss://' : ''}${u.hostname}:${port}`,
    redact,
  };
}

/** Node's TLS options for rediss://: the files the environment names (PEM), else the system's CAs. */
function tlsOptions(env: Record<string, string | undefined>): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const read = (name: string): Buffer | undefined => {
    const path = env[name];
    if (!path) return undefined;
    try { return readFileSync(path); } catch (e) { throw new ConfigError(name, path, `must name a readable PEM file (${(e as Error).message})`); }
  };
  const ca = read(QUEUE_ENV.ca), cert = read(QUEUE_ENV.cert), key = read(QUEUE_ENV.key);
  if (!cert !== !key) throw new ConfigError(cert ? QUEUE_ENV.key : QUEUE_ENV.cert, undefined, `must be set too: a client certificate needs both ${QUEUE_ENV.cert} and ${QUEUE_ENV.key}`);
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

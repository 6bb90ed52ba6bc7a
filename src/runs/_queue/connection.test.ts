import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { queueConnection, reconnectDelay } from './connection.ts';

describe('queueConnection', () => {
  test('should read host, port and credentials from a redis:// URL, and name the queue without them', () => {
    // Act
    const c = queueConnection('redis://alice:s%40cret@queue.example:6380', '--queue', {});
    // Assert
    expect(c.options).toMatchObject({ host: 'queue.example', port: 6380, username: 'alice', password: 's@cret', maxRetriesPerRequest: null });
    expect(c.options.tls).toBeUndefined();
    expect(c.label).toBe('queue.example:6380');
    expect(c.redact('WRONGPASS for s@cret at redis://alice:s%40cret@queue.example:6380')).toBe('WRONGPASS for *** at redis://***@queue.example:6380');
  });

  test('should take the user and password from the environment when the URL has none', () => {
    // Act
    const c = queueConnection('redis://10.0.0.5', '--queue', { GROKCHECK_QUEUE_USER: 'bob', GROKCHECK_QUEUE_PASSWORD: 'hunter22' });
    // Assert
    expect(c.options).toMatchObject({ host: '10.0.0.5', port: 6379, username: 'bob', password: 'hunter22' });
    expect(c.redact('auth hunter22 failed')).toBe('auth *** failed');
  });

  test('should use TLS for rediss://, with the CA, certificate and key files the environment names', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'grokcheck-conn-'));
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, f), `-----${f}-----`);
    // Act
    const system = queueConnection('rediss://queue.example', '--queue', {});
    const own = queueConnection('rediss://queue.example:6390', '--queue', { GROKCHECK_QUEUE_CA: join(dir, 'ca.pem'), GROKCHECK_QUEUE_CERT: join(dir, 'cert.pem'), GROKCHECK_QUEUE_KEY: join(dir, 'key.pem') });
    // Assert: the system's CAs by default (an empty tls object is ioredis's way to ask for TLS)
    expect(system.options.tls).toEqual({});
    expect(system.label).toBe('rediss://queue.example:6379');
    expect(String(own.options.tls!.ca)).toBe('-----ca.pem-----');
    expect(String(own.options.tls!.cert)).toBe('-----cert.pem-----');
    expect(String(own.options.tls!.key)).toBe('-----key.pem-----');
  });

  test('should reject a bad URL or TLS setting with a ConfigError that names the field and masks the password', () => {
    // Act / Assert
    expect(() => queueConnection('http://u:topsecret@host:1', '--queue', {})).toThrow(/--queue = 'http:\/\/\*\*\*@host:1': must be a Redis URL/);
    expect(() => queueConnection('not a url :topsecret@', '--queue', {})).toThrow(/must be a Redis URL/);
    expect(() => queueConnection('not a url :topsecret@', '--queue', {})).not.toThrow(/topsecret/);
    expect(() => queueConnection('rediss://h', '--queue', { GROKCHECK_QUEUE_CA: '/nonexistent/ca.pem' })).toThrow(/GROKCHECK_QUEUE_CA = '\/nonexistent\/ca.pem': must name a readable PEM file/);
    expect(() => queueConnection('rediss://h', '--queue', { GROKCHECK_QUEUE_CERT: '/etc/hostname' })).toThrow(/GROKCHECK_QUEUE_KEY: must be set too/);
  });

  test('should back off between reconnection attempts: 0.2 s doubling to at most 5 s', () => {
    // Act / Assert: hand-computed 200·2^(n−1), capped
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(reconnectDelay)).toEqual([200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });
});

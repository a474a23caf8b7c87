import { expect, test } from 'vitest';
import { USER_COOKIE, userFromRequest, validUserName } from '../lib/demo-user';

const withCookie = (cookie: string) => new Request('http://app.test/', { headers: { cookie } });

test('reads the signed-in name from its cookie among others', () => {
  expect(userFromRequest(withCookie(`theme=dark; ${USER_COOKIE}=alice; other=1`))).toBe('alice');
  expect(userFromRequest(withCookie(`${USER_COOKIE}=bob`))).toBe('bob');
});

test('is nobody without the cookie, or with a name the sign-in would not take', () => {
  expect(userFromRequest(new Request('http://app.test/'))).toBeNull();
  expect(userFromRequest(withCookie(`x${USER_COOKIE}=alice`))).toBeNull();
  for (const bad of ['', '%20', 'a%2Fb', 'x'.repeat(33), 'al ice', '%E0%A4%A', 'ali%00ce']) {
    expect(userFromRequest(withCookie(`${USER_COOKIE}=${bad}`)), bad).toBeNull();
  }
});

test('takes a name of 1-32 letters, digits, _ and -, trimmed', () => {
  expect(validUserName('  carol_1-x ')).toBe('carol_1-x');
  expect(validUserName('x'.repeat(32))).toBe('x'.repeat(32));
  for (const bad of [null, undefined, '', ' ', 'a.b', 'é', 'x'.repeat(33)]) {
    expect(validUserName(bad), String(bad)).toBeNull();
  }
});

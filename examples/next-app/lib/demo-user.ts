// The example's whole sign-in: a name in a cookie. It stands in for your app's real auth
// (a session cookie, a JWT, NextAuth...): the route handler only needs "who is asking?".

/** The cookie that holds the signed-in name. */
export const USER_COOKIE = 'demo_user';

const NAME = /^[A-Za-z0-9_-]{1,32}$/;

/** The name if it is one this demo accepts (letters, digits, `_`, `-`; 1-32), else null. */
export function validUserName(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  return NAME.test(trimmed) ? trimmed : null;
}

/** The signed-in user of a request, read from its `Cookie` header; null when nobody is. */
export function userFromRequest(request: Request): string | null {
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === USER_COOKIE) return validUserName(decoded(value.join('=')));
  }
  return null;
}

// A cookie the browser did not get from us may hold any bytes: a bad escape is nobody.
function decoded(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

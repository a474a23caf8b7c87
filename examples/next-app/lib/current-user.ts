import { cookies } from 'next/headers';
import { USER_COOKIE, validUserName } from './demo-user';

/** The signed-in user of the page being rendered (server components), or null. */
export async function currentUser(): Promise<string | null> {
  return validUserName((await cookies()).get(USER_COOKIE)?.value);
}

'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { USER_COOKIE, validUserName } from '../lib/demo-user';

/** Signs in with the name typed in the form (demo auth: no password). */
export async function signIn(form: FormData) {
  const name = validUserName(form.get('name')?.toString());
  if (!name) redirect('/?error=name');
  (await cookies()).set(USER_COOKIE, name, { httpOnly: true, sameSite: 'lax', path: '/' });
  redirect('/');
}

/** Signs out: forgets the name. */
export async function signOut() {
  (await cookies()).delete(USER_COOKIE);
  redirect('/');
}

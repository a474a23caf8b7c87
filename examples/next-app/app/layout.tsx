import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { currentUser } from '../lib/current-user';
import { signOut } from './actions';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'Agent Sessions · Next.js example',
  description: 'Start an agent session and watch it live, each user with their own sessions.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <a className="brand" href="/">
            <span className="logo" aria-hidden />
            <span>Agent Sessions</span>
            <span>Next.js example</span>
          </a>
          {user && (
            <form action={signOut} className="who">
              <span>
                Signed in as <strong id="user">{user}</strong>
              </span>
              <button type="submit" className="secondary">
                Sign out
              </button>
            </form>
          )}
        </header>
        <main className="content">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}

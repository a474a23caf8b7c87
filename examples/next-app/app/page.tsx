import { StartForm } from '../components/start-form';
import { currentUser } from '../lib/current-user';
import { signIn } from './actions';

export default async function Home({
  searchParams,
}: {
  searchParams: Promise<{ error?: string }>;
}) {
  const user = await currentUser();
  if (!user) {
    const { error } = await searchParams;
    return (
      <section className="card narrow">
        <h1>Sign in</h1>
        <p className="muted">
          A demo sign-in: any name will do. Each name sees only the sessions it started.
        </p>
        <form action={signIn} className="row">
          <input name="name" id="name" placeholder="Your name" autoComplete="off" required />
          <button type="submit">Sign in</button>
        </form>
        {error && (
          <p role="alert" className="error">
            A name is 1-32 letters, digits, _ or -.
          </p>
        )}
      </section>
    );
  }
  return <StartForm />;
}

import { redirect } from 'next/navigation';
import { SessionView } from '../../../components/session-view';
import { currentUser } from '../../../lib/current-user';

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await currentUser())) redirect('/');
  const { id } = await params;
  return <SessionView id={id} />;
}

// The classic portal: started for the logged-in user, stopped on every logged-out page. The
// signed user is made here, on the server (the secret never reaches the browser); the client
// component <ClassicPortal> calls the portal after hydration and after every client-side
// navigation to this page, which a server-rendered <script> would not.
import Link from 'next/link'
import { ClassicPortal } from './portals'
import { getSigner } from '../lib/unthread'
import { currentUser } from '../lib/session'

export const dynamic = 'force-dynamic'

export default async function Page() {
  const user = await currentUser()
  // Unthread's embed code from the dashboard goes in the layout, beside it.
  const signed = user ? { ...getSigner().user(user) } : null
  return (
    <main>
      <ClassicPortal user={signed} />
      {user ? (
        <>
          <p id="who">Logged in</p>
          <form method="post" action="/logout"><button id="logout">Log out</button></form>
        </>
      ) : (
        <form method="post" action="/login"><button id="login">Log in</button></form>
      )}
      <Link id="to-embedded" href="/embedded">The embedded portal</Link>
    </main>
  )
}

// The classic portal: the start call for the logged-in user, the stop call on every
// logged-out page, rendered by the SDK (script-safe, with the request's CSP nonce).
import { headers } from 'next/headers'
import { getSigner } from '../lib/unthread'
import { currentUser } from '../lib/session'

export const dynamic = 'force-dynamic'

export default async function Page() {
  const nonce = (await headers()).get('x-nonce') ?? undefined
  const user = await currentUser()
  // Unthread's embed code from the dashboard goes beside it.
  const script = getSigner().pageScript(user, { nonce })
  return (
    <main>
      {/* suppressHydrationWarning: the browser hides a script's nonce from the DOM, so React would report a mismatch */}
      <div suppressHydrationWarning dangerouslySetInnerHTML={{ __html: script }} />
      {user ? (
        <>
          <p id="who">Logged in</p>
          <form method="post" action="/logout"><button id="logout">Log out</button></form>
        </>
      ) : (
        <form method="post" action="/login"><button id="login">Log in</button></form>
      )}
    </main>
  )
}

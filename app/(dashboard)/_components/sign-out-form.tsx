/** Sign out of a password-protected Spanboard: a plain form post the proxy answers (lib/auth/gate.ts). */
export function SignOutForm() {
  return (
    <form method="post" action="/logout">
      <button
        type="submit"
        className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-950 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
      >
        Sign out
      </button>
    </form>
  );
}

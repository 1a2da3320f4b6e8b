import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-3xl space-y-3 px-6 py-12">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <Link href="/" className="text-sky-800 hover:underline dark:text-sky-300">
        Go to the projects
      </Link>
    </main>
  );
}

import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-slate-700 dark:text-slate-300">There is no such project or page in this Opik workspace.</p>
      <Link href="/" className="text-sky-800 hover:underline dark:text-sky-300">
        Back to the projects
      </Link>
    </div>
  );
}

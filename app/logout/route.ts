import { handleLogout } from "@/lib/auth/login";

// The header's "Sign out" post (lib/auth/login.ts).
export const dynamic = "force-dynamic";
export { handleLogout as POST };

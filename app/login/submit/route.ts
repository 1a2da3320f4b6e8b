import { handleLogin } from "@/lib/auth/login";

// The sign-in form's post (lib/auth/login.ts).
export const dynamic = "force-dynamic";
export { handleLogin as POST };

/** What the login page says after a redirect from the proxy; one message for any wrong password. */
export function loginNotice(error?: string, retry?: string, signedOut?: string): { kind: "error" | "status"; text: string } | null {
  if (error === "wrong") return { kind: "error", text: "Wrong password. Try again." };
  if (error === "locked") {
    const seconds = Number(retry);
    const wait = Number.isInteger(seconds) && seconds > 0 && seconds <= 3600 ? `${seconds} s` : "a while";
    return { kind: "error", text: `Too many wrong passwords. Try again in ${wait}.` };
  }
  if (signedOut === "1") return { kind: "status", text: "You are signed out." };
  return null;
}

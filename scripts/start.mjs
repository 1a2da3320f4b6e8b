// `npm start`: builds once if there is no production build, then serves it on 127.0.0.1
// (HOST and PORT override) so a fresh clone needs a single command.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules", ".bin", "next");
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("No production build yet: running `next build` once…");
  const build = spawnSync(next, ["build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
const server = spawn(next, ["start", "-H", host, "-p", port], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

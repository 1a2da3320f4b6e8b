// `npm start`: builds once if there is no production build, then serves it on 127.0.0.1
// (HOST and PORT override) so a fresh clone needs a single command.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { lacksBundles } from "./bundles.mjs";
import { compressResponses, isLoopbackListen, listenHost } from "./listen.mjs";
import { serverEnv } from "./server-env.mjs";

// The server (next.config.mjs, scripts/serve.mjs) throws the same error, but only after a first
// build would have run: say it first, and alone.
try {
  compressResponses();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules", ".bin", "next");
const distDir = path.join(root, process.env.SPANBOARD_DIST_DIR || ".next");
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!existsSync(path.join(distDir, "BUILD_ID"))) {
  console.log("No production build yet: running `npm run build` once…");
  run(next, ["build"]);
}
// The embedded API's worker threads and the server's direct path to it run from bundles beside the build.
if (lacksBundles(distDir)) run(process.execPath, [path.join(root, "scripts", "build-worker.mjs")]);
const host = listenHost();
const port = process.env.PORT || "3000";
if (!isLoopbackListen(host) && !process.env.SPANBOARD_PASSWORD?.trim()) {
  console.warn(
    `\n⚠  Spanboard is listening on ${host}, beyond this machine, with no password: anyone who can reach\n` +
      `   port ${port} can read and change your spans. Set SPANBOARD_PASSWORD (see README, Configuration).\n`,
  );
}
const server = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], { cwd: root, stdio: "inherit", env: { ...serverEnv(), HOST: host, PORT: port } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

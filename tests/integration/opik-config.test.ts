import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { parseIni, resolveOpikConfig } from "@/lib/opik/config";

/** OPIK_* variables and ~/.opik.config resolved as Opik's SDKs do (opik-spans-api.md §13). */
let home: string;
const write = (file: string, text: string) => {
  const full = path.join(home, file);
  fs.writeFileSync(full, text);
  return full;
};

before(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "opik-config-"));
});
after(() => fs.rmSync(home, { recursive: true, force: true }));

describe("resolveOpikConfig", () => {
  it("no URL anywhere: the embedded server on 127.0.0.1:PORT (default 3000)", () => {
    const empty = fs.mkdtempSync(path.join(home, "empty-"));
    assert.deepEqual(resolveOpikConfig({ env: {}, homeDir: empty }), {
      mode: "embedded",
      baseUrl: "http://127.0.0.1:3000/api",
      workspace: "default",
      defaultProject: "Default Project",
    });
    const onPort = resolveOpikConfig({ env: { PORT: "4123", OPIK_PROJECT_NAME: "shop", OPIK_WORKSPACE: "team" }, homeDir: empty });
    assert.equal(onPort.baseUrl, "http://127.0.0.1:4123/api");
    assert.equal(onPort.defaultProject, "shop");
    assert.equal(onPort.workspace, "default", "our own server only knows the default workspace");
  });

  it("reads the [opik] section of ~/.opik.config", () => {
    write(".opik.config", "[other]\nurl_override = http://wrong\n\n[opik]\n; written by opik configure\nurl_override = http://localhost:5173/api/\napi_key = abc\\;123 ; comment\nworkspace = \"team ws\"\nproject_name = shop\n");
    assert.deepEqual(resolveOpikConfig({ env: {}, homeDir: home }), {
      mode: "remote",
      baseUrl: "http://localhost:5173/api",
      apiKey: "abc;123",
      workspace: "team ws",
      defaultProject: "shop",
    });
  });

  it("environment variables win over the file; empty ones count as unset", () => {
    const config = resolveOpikConfig({
      env: { OPIK_URL_OVERRIDE: "https://opik.example.com/api", OPIK_API_KEY: "", OPIK_WORKSPACE: "env-ws" },
      homeDir: home,
    });
    assert.equal(config.baseUrl, "https://opik.example.com/api");
    assert.equal(config.apiKey, "abc;123", "the file's key is kept when the variable is empty");
    assert.equal(config.workspace, "env-ws");
  });

  it("OPIK_CONFIG_PATH (with ~) replaces ~/.opik.config; a missing one is an error naming it", () => {
    write("custom.ini", "[opik]\nurl_override = http://10.0.0.5:5173/api\n");
    assert.equal(resolveOpikConfig({ env: { OPIK_CONFIG_PATH: "~/custom.ini" }, homeDir: home }).baseUrl, "http://10.0.0.5:5173/api");
    assert.throws(
      () => resolveOpikConfig({ env: { OPIK_CONFIG_PATH: "~/nope.ini" }, homeDir: home }),
      /^Error: OPIK_CONFIG_PATH \("~\/nope.ini"\) cannot be read \(ENOENT\)\. Point OPIK_CONFIG_PATH at a readable file or unset it\.$/,
    );
    assert.throws(() => resolveOpikConfig({ env: { OPIK_CONFIG_PATH: home }, homeDir: home }), /OPIK_CONFIG_PATH .* cannot be read \(EISDIR\)/);
  });

  it("a URL that is not http(s) names the setting it came from and the fix", () => {
    assert.throws(
      () => resolveOpikConfig({ env: { OPIK_URL_OVERRIDE: "ftp://opik" }, homeDir: home }),
      /^Error: OPIK_URL_OVERRIDE must be an http\(s\) URL such as http:\/\/localhost:5173\/api .*, got "ftp:\/\/opik"\. Fix it, or remove it/,
    );
    const file = write("bad.ini", "[opik]\nurl_override = localhost:5173\n");
    assert.throws(() => resolveOpikConfig({ env: { OPIK_CONFIG_PATH: file }, homeDir: home }), new RegExp(`^Error: url_override in ${file} must be an http\\(s\\) URL`));
  });

  it("comet.com needs an API key and a workspace, with the SDK's messages", () => {
    const empty = fs.mkdtempSync(path.join(home, "empty-"));
    const cloud = "https://www.comet.com/opik/api";
    assert.throws(() => resolveOpikConfig({ env: { OPIK_URL_OVERRIDE: cloud }, homeDir: empty }), /^Error: OPIK_API_KEY is not set \(required for https:\/\/www\.comet\.com\/opik\/api;/);
    assert.throws(() => resolveOpikConfig({ env: { OPIK_URL_OVERRIDE: cloud, OPIK_API_KEY: "k" }, homeDir: empty }), /^Error: OPIK_WORKSPACE is not set/);
    const ok = resolveOpikConfig({ env: { OPIK_URL_OVERRIDE: cloud, OPIK_API_KEY: "k", OPIK_WORKSPACE: "acme" }, homeDir: empty });
    assert.deepEqual(ok, { mode: "remote", baseUrl: cloud, apiKey: "k", workspace: "acme", defaultProject: "Default Project" });
  });

  it("a bad PORT is named", () => {
    assert.throws(() => resolveOpikConfig({ env: { PORT: "http" }, homeDir: home }), /PORT must be a TCP port number \(1-65535\), got "http"/);
  });
});

describe("parseIni", () => {
  it("follows the ini package for sections, comments, quotes and escapes", () => {
    assert.deepEqual(parseIni("# top\n[opik]\n  a = 1 # c\nb='x;y'\nc = \"q\\\"\"\nnot a pair\n[s2]\nd=\\#e"), {
      opik: { a: "1", b: "x;y", c: 'q"' },
      s2: { d: "#e" },
    });
  });
});

// The official SDKs the benchmark compares with, installed in
// bench/peers/node_modules at the versions pinned in package.json and
// package-lock.json (scripts/bench.sh runs `npm ci` here when they are
// missing). Imports go through this file so that they resolve from here.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const here = fileURLToPath(new URL(".", import.meta.url));

/** The installed version of `name`, or undefined when it is not installed. */
export function installedVersion(name) {
  const file = join(here, "node_modules", name, "package.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).version : undefined;
}

/** Imports `name` as an app of the user's would (`import ... from name`). */
export const importPeer = (name) => import(name);

/** This folder: esbuild resolves the official SDKs' apps from here. */
export const peersDir = here;

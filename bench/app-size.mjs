// The browser size of the apps that are not ding-otp's own (the raw fetch
// baselines and the official SDKs): the same create + check app as
// scripts/sizes.mjs measures for ding-otp's entries, bundled by esbuild with
// the same options (browser, ESM, minified, es2022), gzip -9. They load no
// .wasm.
import { BUNDLE, gzip9 } from "../scripts/sizes.mjs";

/**
 * Bundles `source` (an ES module) and returns `{ raw, gzip }` of the bundle.
 * Relative imports are read from `resolveDir`; bare ones from the
 * node_modules above it and from `nodePaths` (folders holding packages).
 */
export async function appSize(source, { resolveDir, nodePaths = [] }) {
  const { build } = await import("esbuild");
  const result = await build({
    ...BUNDLE,
    stdin: { contents: source, resolveDir, sourcefile: "app.mjs", loader: "js" },
    absWorkingDir: resolveDir,
    nodePaths,
  });
  const js = Buffer.from(result.outputFiles[0].contents);
  return { raw: js.length, gzip: gzip9(js) };
}

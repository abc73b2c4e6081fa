// Prints every .tf file under the directory given (default: infra/terraform) as one JSON object,
// {"<path relative to that directory>": <the file as @cdktf/hcl2json parses it>}. A real HCL parser
// (HashiCorp's own, compiled to WebAssembly): a syntax error fails with the file's name.
// Used by TerraformParityTest; run it by hand with: node infra/terraform/test/hcl2json.mjs
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { parse } = require("@cdktf/hcl2json");

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..");

function tfFiles(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name.startsWith(".") ? [] : tfFiles(path);
    }
    return name.endsWith(".tf") ? [path] : [];
  });
}

const out = {};
for (const file of tfFiles(root)) {
  try {
    out[relative(root, file)] = await parse(file, readFileSync(file, "utf8"));
  } catch (e) {
    console.error(`${relative(root, file)}: ${e?.message ?? e}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(out));

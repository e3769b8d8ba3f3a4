// Validates Kubernetes manifests offline against the API schemas (kubernetes-models), e.g.
// those `plateau-cli k8s-manifests` writes: node validate.mjs DIR_OR_FILE...
// Exit 0 when every document is valid; 1 with one line per problem; 2 when the modules are
// missing (validate.sh installs them into a cache; or `npm install` here). Run through
// validate.sh by tests/cli/tst_k8smanifests.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

let models;
let YAML;
try {
  YAML = await import("yaml");
  models = {
    "v1": await import("kubernetes-models/v1"),
    "batch/v1": await import("kubernetes-models/batch/v1"),
  };
} catch (e) {
  console.error(`validate: the node modules are missing (npm install in ${import.meta.dirname ?? "."}): ${e.message}`);
  process.exit(2);
}

const files = process.argv.slice(2).flatMap((arg) =>
  statSync(arg).isDirectory()
    ? readdirSync(arg).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).map((f) => join(arg, f))
    : [arg]);
let problems = 0;
let checked = 0;
for (const file of files) {
  for (const doc of YAML.parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      console.error(`${file}: not YAML: ${doc.errors[0].message}`);
      problems++;
      continue;
    }
    const object = doc.toJS();
    if (!object) continue;
    const group = models[object.apiVersion];
    const Model = group && group[object.kind];
    if (!Model) {
      console.error(`${file}: ${object.apiVersion} ${object.kind}: no schema known here`);
      problems++;
      continue;
    }
    try {
      new Model(object).validate();
      checked++;
    } catch (e) {
      console.error(`${file}: ${object.kind} ${object.metadata?.name}: ${e.message}`);
      problems++;
    }
  }
}
console.log(`validate: ${checked} objects valid, ${problems} problems`);
process.exit(problems ? 1 : 0);

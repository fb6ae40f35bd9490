// Offline checks of the deployment: rendered Kubernetes objects (YAML on stdin) against the Kubernetes schemas of
// kubernetes-models (cert-manager's resources against @kubernetes-models/cert-manager), and the Dockerfile named by the argument with dockerfile-utils' linter. Prints the objects as one
// JSON array on stdout; on any problem, one line per problem on stderr and exit code 1.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { validate as lintDockerfile } from "dockerfile-utils";

// The custom resources the deployment uses, by API group: the package that has their schemas.
const customResources = { "cert-manager.io": "@kubernetes-models/cert-manager" };
const problems = [];
const objects = [];
for (const doc of parseAllDocuments(readFileSync(0, "utf8"))) {
  if (doc.errors.length > 0) {
    problems.push(...doc.errors.map((e) => `YAML: ${e.message}`));
    continue;
  }
  const object = doc.toJS();
  if (object === null) {
    continue;
  }
  if (object.kind === "Secret" && object.data) {
    // kustomize folds long base64 values over several lines; the API server's decoder skips the line breaks, the
    // schema's "byte" format does not.
    for (const key of Object.keys(object.data)) {
      object.data[key] = object.data[key].replace(/\s/g, "");
    }
  }
  objects.push(object);
  const name = `${object.kind}/${object.metadata?.name}`;
  let Model;
  try {
    // One module per kind: <package>/<group/>version/Kind (core kinds under v1/).
    const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
    const models = customResources[group] ?? "kubernetes-models";
    Model = (await import(`${models}/${object.apiVersion}/${object.kind}`))[object.kind];
  } catch {
    problems.push(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    problems.push(`${name}: ${e.message}`);
  }
}

const dockerfile = process.argv[2];
for (const d of lintDockerfile(readFileSync(dockerfile, "utf8"))) {
  problems.push(`${dockerfile}:${d.range.start.line + 1}: ${d.message}`);
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
process.stdout.write(JSON.stringify(objects));

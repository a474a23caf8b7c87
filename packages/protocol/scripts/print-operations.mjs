// Prints the operations the OpenAPI document defines: a quick map of the API.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const spec = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'));
console.log(`${spec.info.title} ${spec.info.version}\n`);
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of ['get', 'post']) {
    const op = item[method];
    if (op)
      console.log(
        `${method.toUpperCase().padEnd(5)} ${path.padEnd(42)} ${op.operationId.padEnd(20)} ${op.summary}`,
      );
  }
}

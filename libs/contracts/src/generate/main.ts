// Writes libs/contracts/asyncapi.json from the catalogue and the event types, and freezes an
// example of every event version not published before under libs/contracts/published/.
//   npm run contracts:generate
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { CATALOGUE, cloudEventType } from '../catalogue';
import { buildAsyncApi } from './asyncapi';
import { ASYNCAPI_FILE, publishedExampleFile } from './files';

writeFileSync(ASYNCAPI_FILE, JSON.stringify(buildAsyncApi(), null, 2) + '\n');
console.log(`wrote ${ASYNCAPI_FILE}`);
for (const topic of CATALOGUE) {
  for (const event of topic.events) {
    const file = publishedExampleFile(cloudEventType(topic.aggregate, event.name, event.version));
    if (existsSync(file)) continue; // published once, never rewritten: the compatibility test reads it
    mkdirSync(file.slice(0, file.lastIndexOf('/')), { recursive: true });
    writeFileSync(file, JSON.stringify(event.example, null, 2) + '\n');
    console.log(`published ${file}`);
  }
}

// `node --import <this file> …`: records which npm packages the process loads (every module URL
// under node_modules that Node's ESM resolver hands out, CommonJS ones included) and writes their
// names, one per line, to WARDEN_IMPORTS_FILE when the process exits. Tests use it to check that a
// command loads only the libraries it needs.
import { writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

const file = process.env.WARDEN_IMPORTS_FILE;
if (file) {
  const seen = new Set();
  const { port1, port2 } = new MessageChannel();
  const record = (url) => {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
    if (match) seen.add(`${match[1]}/${match[2]}`);
  };
  port1.on('message', record);
  port1.unref();
  register('./importRecorderHooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
  process.on('exit', () => {
    // Messages still queued when the process exits (commander exits right after --version).
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) record(m.message);
    writeFileSync(file, [...seen].join('\n'));
  });
}

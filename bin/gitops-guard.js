#!/usr/bin/env node
import { main } from '../dist/bundle/cli/main.js';
// A reader that stops early (`| head`) closes the pipe: that ends the output, it is no error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
main(process.argv).then((code) => { process.exitCode = code; });

// `npm run emulator`: start the emulator on loopback and print its base URLs.
import { startEmulator } from './server.js';

const port = Number(process.env.EMULATOR_PORT || 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`EMULATOR_PORT must be a port number from 0 to 65535 (0: any free port), not '${process.env.EMULATOR_PORT}'.`);
  process.exit(2);
}
const emulator = await startEmulator({ port });
const { urls } = emulator;
console.log(`Konigle Cloud  ${urls.konigle}    (api key: ${emulator.konigle.config.apiKeys[0]})`);
console.log(`Konan          ${urls.konan}`);
console.log(`GitHub API     ${urls.github}`);
console.log(`Control        ${urls.control}   (POST /konigle/webapps {"name": "my-app"} to seed a web app)`);
console.log('Ctrl-C to stop.');
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// A tiny web app for the demo: the emulator only checks that the upload is a valid ZIP.
import { createServer } from 'node:http';

createServer((_req, res) => res.end('Hello from Konigle Cloud')).listen(process.env.PORT ?? 8000);

// `npm run bench`: every benchmark, figures printed next to a baseline measured in the same run.
import { benchPackage } from './package.js';

const only = process.argv[2];
if (!only || only === 'package') await benchPackage();

// `npm run bench [package|feedback|startup]`: every benchmark, figures printed next to a baseline measured in the same run.
import { benchFeedback } from './feedback.js';
import { benchPackage } from './package.js';
import { benchStartup } from './startup.js';

const only = process.argv[2];
if (!only || only === 'package') await benchPackage();
if (!only || only === 'feedback') await benchFeedback();
if (!only || only === 'startup') await benchStartup();

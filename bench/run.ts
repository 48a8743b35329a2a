// `npm run bench [package|upload|job-end|feedback|poll|startup]`: every benchmark, or the one named; each
// figure is printed next to a baseline measured in the same run.
import { benchFeedback } from './feedback.js';
import { benchJobEnd } from './job-end.js';
import { benchPackage } from './package.js';
import { benchPollCost } from './poll-cost.js';
import { benchUpload } from './upload.js';
import { benchStartup } from './startup.js';

const only = process.argv[2];
if (!only || only === 'package') await benchPackage();
if (!only || only === 'upload') await benchUpload();
if (!only || only === 'job-end') await benchJobEnd();
if (!only || only === 'feedback') await benchFeedback();
if (!only || only === 'poll') await benchPollCost();
if (!only || only === 'startup') await benchStartup();

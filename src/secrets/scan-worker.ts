// Worker-thread entry of scanFiles: claims files from the shared counter until none are left and
// posts back what it found.
import { parentPort, workerData } from 'node:worker_threads';
import { claimAndScan, type ClaimJob } from './scan-files.js';

parentPort!.postMessage(claimAndScan(workerData as ClaimJob));

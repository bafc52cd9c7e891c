/**
 * V8's sampling heap profiler on this thread, through an inspector session of its own. The free
 * worker opens it before the kata is loaded and keeps it where kata code cannot reach it (kata code
 * may not import `node:inspector`, and `process.binding` is sealed): only the harness profiles.
 */
import { Session } from 'node:inspector';
import type { SamplingProfile } from './profile-sites.ts';

/**
 * SAMPLING_INTERVAL is the mean number of bytes between two samples. Small, so that even a 16-byte
 * object made on each of 5,000 calls is sampled over a thousand times: the figures are sampled, but
 * steady to about one percent from one profile to the next (304 B/op read 321 to 324 B per call).
 */
export const SAMPLING_INTERVAL = 64;

/** HeapSampler profiles what a piece of code on this thread allocates. */
export interface HeapSampler {
  /** sample runs `run` under the sampling heap profiler and returns the profile. */
  sample(run: () => void): SamplingProfile;
}

/** openHeapSampler connects an inspector session to this thread. */
export function openHeapSampler(): HeapSampler {
  const session = new Session();
  session.connect();
  // A session on its own thread answers synchronously: the callback has run when post returns.
  const post = <T>(method: string, params?: object): T => {
    let answer: { error: Error | null; result?: object } | undefined;
    session.post(method, params, (error: Error | null, result?: object) => {
      answer = { error, ...(result !== undefined ? { result } : {}) };
    });
    if (!answer) throw new Error(`the inspector did not answer ${method} on this thread`);
    if (answer.error) throw answer.error;
    return answer.result as T;
  };
  post('HeapProfiler.enable');
  return {
    sample(run) {
      // Objects a collection has freed count too: what a call allocates is garbage at once.
      post('HeapProfiler.startSampling', {
        samplingInterval: SAMPLING_INTERVAL,
        includeObjectsCollectedByMinorGC: true,
        includeObjectsCollectedByMajorGC: true,
      });
      let profile: SamplingProfile;
      try {
        run();
      } finally {
        profile = post<{ profile: SamplingProfile }>('HeapProfiler.stopSampling').profile;
      }
      return profile;
    },
  };
}

/**
 * NOISE_BYTES_PER_CALL is the least a figure in bytes per call must be to say that code allocates
 * on its calls. Less is V8's own one-off work caught in a window: a feedback vector, a number boxed
 * once by a deoptimization. The meter's windows of 20,000 calls read 0.03 for a counter that makes
 * nothing; the heap profiler, whose samples are 64 B on average, once read 0.12 (one sample in
 * 5,000 calls). Any object made on every call is 12 B or more.
 */
export const NOISE_BYTES_PER_CALL = 0.5;
